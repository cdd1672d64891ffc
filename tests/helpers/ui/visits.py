"""What the UI tests share: the running kiosk they drive, and the visits many of them begin with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drivers.idcard import SamSimulator, demo_cards
from drivers.qr import ScannerSimulator
from kiosk.wiring.services import KioskServices
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.camera import FakeCamera
from tests.helpers.ui.driver import KioskDriver
from ui.main_window import KioskWindow


@dataclass
class RunningKiosk:
    window: KioskWindow
    services: KioskServices
    card: SamSimulator
    scanner: ScannerSimulator
    receipts: Path
    spoken: Path
    driver: KioskDriver
    camera: FakeCamera | None = None  # when the kiosk scans with a camera instead of `scanner`


def elderly_to_materials(kiosk: RunningKiosk) -> None:
    """王秀英 places her card and answers the form of 老年人优待证申领."""
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)
    assert drive.text_of("field_name_shown").startswith("王**")
    drive.type_into("field_mobile_input", "13800138000")
    drive.tap("form_next")
    drive.tap("field_reissue_1")  # 否
    drive.tap("form_next")
    assert drive.on(screens.materials)


def submit_from_confirm(kiosk: RunningKiosk) -> str:
    drive, screens = kiosk.driver, kiosk.window.screens
    assert drive.on(screens.confirm)
    drive.tap("confirm_submit")
    drive.wait_for(screens.thanks, timeout=10000)
    return drive.text_of("thanks_case_number").split("：")[1].split("（")[0]
