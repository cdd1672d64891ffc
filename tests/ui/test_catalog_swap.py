"""A catalog installed while a resident is mid-visit changes nothing for them; the next
resident sees the new version."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from drivers.idcard import demo_cards
from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import default_catalog_dir
from kiosk.config import KioskSettings
from kiosk.storage.tables import SubmissionRow
from tests.helpers import ELDERLY_MATTER
from tests.ui.conftest import RunningKiosk


def click(qtbot: QtBot, kiosk: RunningKiosk, name: str) -> None:
    button = kiosk.window.findChild(QAbstractButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def publish_without_the_elderly_matter(tmp_path: Path, settings: KioskSettings) -> None:
    catalog = Path(shutil.copytree(default_catalog_dir(), tmp_path / "next"))
    (catalog / "matters" / "minzheng-elderly-preferential-card.yaml").unlink()
    header = catalog / "catalog.yaml"
    header.write_text(
        header.read_text(encoding="utf-8").replace("2026.11.1", "2026.12.1"), encoding="utf-8"
    )
    CatalogHolder(settings.data_dir).install(catalog)  # as the sync agent would, elsewhere


def test_a_new_catalog_waits_for_the_resident_in_front_of_the_kiosk(
    qtbot: QtBot, kiosk: RunningKiosk, settings: KioskSettings, tmp_path: Path
) -> None:
    journey = kiosk.window.journey
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    click(qtbot, kiosk, "start_button")
    click(qtbot, kiosk, f"matter_{ELDERLY_MATTER}")
    publish_without_the_elderly_matter(tmp_path, settings)

    click(qtbot, kiosk, "guide_proceed")
    qtbot.waitUntil(lambda: journey.current() is journey.form, timeout=5000)
    mobile = kiosk.window.findChild(QLineEdit, "field_mobile_input")
    assert mobile is not None
    qtbot.keyClicks(mobile, "13800138000")
    click(qtbot, kiosk, "field_reissue_1")
    click(qtbot, kiosk, "delivery_0")
    click(qtbot, kiosk, "form_next")
    click(qtbot, kiosk, "confirm_submit")
    qtbot.waitUntil(lambda: journey.current() is journey.thanks, timeout=10000)
    with Session(kiosk.services.engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
    assert row.catalog_version == "2026.11.1"

    click(qtbot, kiosk, "thanks_done")
    click(qtbot, kiosk, "start_button")
    assert ELDERLY_MATTER not in journey.matters.matter_buttons
    assert len(journey.matters.matter_buttons) == 22
