"""With the printer out of paper, a resident still leaves with what a receipt gives: the case
number and the lookup QR code on screen, large enough for a phone, and word that staff can
reprint the receipt later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from drivers.printer import PrinterSimulator
from drivers.qr.decode import ZxingDecoder
from kiosk.config import KioskSettings
from tests.helpers.ui.driver import KioskDriver
from tests.helpers.ui.layout_check import PANELS, TEXT_PX, problems_on_screen, settle
from tests.helpers.ui.ui_rig import ui_rig
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials, submit_from_confirm

PHONE_READABLE_PX = 250  # the smallest side a phone reads at arm's length on this panel


@pytest.fixture
def rig(
    qtbot: QtBot, settings: KioskSettings, tmp_path: Path
) -> Iterator[tuple[RunningKiosk, PrinterSimulator]]:
    with ui_rig(settings, tmp_path, ("true",)) as rig:
        qtbot.addWidget(rig.window)
        rig.window.resize(1920, 1080)
        rig.window.show()
        driver = KioskDriver(qtbot, rig.window, rig.services.submissions)
        spoken = tmp_path / "spoken.txt"
        kiosk = RunningKiosk(
            rig.window, rig.services, rig.card, rig.scanner, rig.receipts, spoken, driver
        )
        yield kiosk, rig.printer


def apply(kiosk: RunningKiosk) -> str:
    elderly_to_materials(kiosk)
    kiosk.driver.tap("materials_next")
    kiosk.driver.tap("delivery_0")  # 自取
    kiosk.driver.tap("delivery_next")
    return submit_from_confirm(kiosk)


def shown_code(kiosk: RunningKiosk) -> tuple[str | None, int]:
    """What a phone reads from the QR code on screen, and the code's side in pixels."""
    view = kiosk.window.screens.thanks.lookup_code
    image = view.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.array(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )[:, : image.width()]
    return ZxingDecoder().decode(pixels), image.width()


def test_no_paper_shows_the_case_number_and_a_scannable_lookup_code(
    rig: tuple[RunningKiosk, PrinterSimulator],
) -> None:
    kiosk, printer = rig
    printer.set_state(paper_out=True)

    case_number = apply(kiosk)

    thanks = kiosk.window.screens.thanks
    assert case_number in thanks.case_number.text()
    assert "未能打印" in thanks.receipt.text()
    assert "补打" in thanks.receipt.text()  # staff can reprint it later
    assert thanks.lookup_code.isVisible()
    text, side = shown_code(kiosk)
    assert text is not None and case_number in text
    assert side >= PHONE_READABLE_PX
    assert "二维码" in thanks.instruction()


def test_a_printed_receipt_needs_no_code_on_screen(
    rig: tuple[RunningKiosk, PrinterSimulator],
) -> None:
    kiosk, _ = rig
    apply(kiosk)
    thanks = kiosk.window.screens.thanks
    assert "已打印" in thanks.receipt.text()
    assert not thanks.lookup_code.isVisible()
    assert thanks.lookup_code.payload == ""


@pytest.mark.parametrize("panel", PANELS)
def test_the_code_on_screen_fits_every_panel(
    rig: tuple[RunningKiosk, PrinterSimulator], panel: str
) -> None:
    kiosk, printer = rig
    printer.set_state(paper_out=True)
    apply(kiosk)  # on the 1080p panel the visit helpers expect
    size = kiosk.driver.on_panel(panel)
    settle()
    assert problems_on_screen(kiosk.window, size, TEXT_PX[False]) == []
