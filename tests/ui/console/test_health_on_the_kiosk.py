"""The health page as the console composes it for `kiosk run`: real checks on the kiosk's own
database, catalog and (simulated) printer, and a bundle written to a folder standing in for
a USB stick, audited."""

from __future__ import annotations

import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from kiosk.config import KioskSettings
from kiosk.health.usb import Drive
from kiosk.staff.rights import Role
from kiosk.wiring.console import console_pages
from tests.helpers.ui.ui_rig import UiRig, ui_rig
from ui.console.health_page import HealthPage
from ui.language import LanguageSwitcher


@pytest.fixture
def rig(settings: KioskSettings, tmp_path: Path) -> Iterator[UiRig]:
    with ui_rig(settings, tmp_path, (sys.executable, "-c", "pass")) as rig:
        yield rig


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the page finds as the one USB stick plugged in."""
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr("kiosk.wiring.health.removable_drives", lambda: [Drive(stick, "/dev/sdb1")])
    return stick


@pytest.fixture
def page(qtbot: QtBot, rig: UiRig) -> Iterator[HealthPage]:
    (page,) = [p for p in console_pages(rig.services, rig.devices) if isinstance(p, HealthPage)]
    qtbot.addWidget(page)
    page.sign_in("S001", Role.STAFF)
    page.resize(1080, 1920)
    page.show()
    yield page
    page.hide()
    page.wait_for_work()


def test_every_part_of_the_kiosk_has_a_line(qtbot: QtBot, page: HealthPage) -> None:
    qtbot.waitUntil(lambda: "uptime" in page.line_topics(), timeout=10_000)
    assert set(page.line_topics()) == {
        "id_reader",
        "qr_scanner",
        "printer",
        "network",
        "platform",
        "sync",
        "versions",
        "queue",
        "ratings",
        "disk",
        "catalog",
        "help",
        "uptime",
    }
    assert page.message_shown("printer") == "工作正常，纸张充足"


def test_the_printer_running_out_of_paper_shows_as_the_first_fault(
    qtbot: QtBot, page: HealthPage, rig: UiRig
) -> None:
    qtbot.waitUntil(lambda: "printer" in page.line_topics() and not page.checking)
    rig.printer.set_state(paper_out=True)
    page.refresh()
    qtbot.waitUntil(
        lambda: page.line_topics()[:1] == ["printer"] and "缺纸" in page.message_shown("printer"),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: not page.checking)
    rig.printer.set_state(paper_out=False, paper_near_end=True)
    page.refresh()
    qtbot.waitUntil(lambda: "快用完" in page.message_shown("printer"), timeout=10_000)


def test_the_page_speaks_english_after_a_switch(qtbot: QtBot, page: HealthPage) -> None:
    qtbot.waitUntil(lambda: "printer" in page.line_topics(), timeout=10_000)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    switcher = LanguageSwitcher(app)
    try:
        switcher.switch("en_US")
        page.retranslate()
        assert page.export_button.text() == "Export diagnostics to a USB stick"
        assert page.message_shown("printer") == "Ready, paper in"
    finally:
        switcher.shutdown()


def test_the_export_writes_the_bundle_and_audits_its_name(
    qtbot: QtBot, rig: UiRig, stick: Path, page: HealthPage
) -> None:
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已写入U盘" in page.export_status.text(), timeout=30_000)
    (bundle,) = stick.iterdir()
    with zipfile.ZipFile(bundle) as archive:
        assert "health.json" in archive.namelist()
    audit = rig.services.audit
    assert isinstance(audit, AuditLog)
    last = audit.records()[-1]
    assert last.event == AuditEvent.DIAGNOSTICS_EXPORTED.dotted
    assert json.loads(last.details) == {"file": bundle.name}
    assert last.actor == "S001"
