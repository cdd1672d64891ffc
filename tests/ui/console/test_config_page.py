"""The console's configuration page: a change validated, saved, applied and audited, on the
real kiosk window; a refused value named beside its setting, with nothing written."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.staff.rights import Role, Verb, can
from tests.helpers.ui.visits import RunningKiosk
from ui.console.config_page import ConfigPage
from ui.language import current_locale
from ui.modes import Event
from ui.widgets.onscreen_keyboard import KeyboardMode


@dataclass
class Console:
    page: ConfigPage
    audit: MemoryAuditTrail
    file: Path
    restarts: list[str] = field(default_factory=list)

    def type_into(self, qtbot: QtBot, key: str, text: str) -> None:
        line = self.page.findChild(QLineEdit, "config_" + key.replace(".", "_") + "_input")
        assert line is not None, key
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        line.clear()
        qtbot.keyClicks(line, text)

    def type_on_keys(self, qtbot: QtBot, key: str, digits: str) -> None:
        """As a technician does: tap the field, clear it, tap the on-screen digit keys."""
        line = self.page.findChild(QLineEdit, "config_" + key.replace(".", "_") + "_input")
        assert line is not None, key
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        assert self.page.keyboard.isVisible() and self.page.keyboard.target() is line
        self.tap(qtbot, "key_clear")
        for digit in digits:
            self.tap(qtbot, f"key_digit_{digit}")
        assert line.text() == digits

    def tap(self, qtbot: QtBot, name: str) -> None:
        button = self.page.findChild(QPushButton, name)
        assert button is not None and button.isVisible(), name
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def console(kiosk: RunningKiosk, qtbot: QtBot) -> Console:
    services = kiosk.services
    audit = MemoryAuditTrail()
    restarts: list[str] = []
    page = ConfigPage(services.settings_file, services.live_settings, audit, restarts.append)
    qtbot.addWidget(page)
    page.resize(1080, 1600)
    page.show()
    page.sign_in("T001", Role.TECHNICIAN)
    return Console(page, audit, services.settings_file.path, restarts)


def test_a_hotline_changed_on_the_page_is_saved_shown_at_once_and_audited(
    kiosk: RunningKiosk, console: Console, qtbot: QtBot
) -> None:
    assert kiosk.driver.on(kiosk.window.screens.attract)
    assert "12345" in kiosk.driver.text_of("attract_footer")

    console.type_into(qtbot, "terminal.hotline", "96110")
    with qtbot.waitSignal(console.page.saved):
        console.tap(qtbot, "config_save")

    written = tomllib.loads(console.file.read_text(encoding="utf-8"))
    assert written["terminal"]["hotline"] == "96110"
    assert "96110" in kiosk.driver.text_of("attract_footer")  # no restart
    assert "96110" in kiosk.window.screens.out_of_service.where_instead.text()
    [recorded] = console.audit.events
    assert recorded.event is AuditEvent.CONFIG_CHANGED and recorded.actor == "T001"
    assert recorded.details["key"] == "terminal.hotline"
    assert (recorded.details["old"], recorded.details["new"]) == ("12345", "96110")
    assert "已生效" in console.page.status.text()
    assert not console.page.restart_button.isVisible()


def test_voice_default_and_idle_timeout_apply_to_the_next_visit_without_restart(
    kiosk: RunningKiosk, console: Console, qtbot: QtBot
) -> None:
    assert kiosk.window.screens.attract.voice_button.isChecked()
    console.tap(qtbot, "config_ui_voice_false")
    console.type_on_keys(qtbot, "ui.idle_timeout_s", "120")
    assert console.page.keyboard.mode() is KeyboardMode.DIGITS
    with qtbot.waitSignal(console.page.saved):
        console.tap(qtbot, "config_save")

    assert not kiosk.window.screens.attract.voice_button.isChecked()
    assert kiosk.window.visit.voice is False
    assert kiosk.services.live_settings.current.ui.idle_timeout_s == 120
    assert [event.details["key"] for event in console.audit.events] == [
        "ui.idle_timeout_s",
        "ui.voice",
    ]


def test_a_value_out_of_bounds_is_refused_beside_its_setting_and_nothing_is_written(
    kiosk: RunningKiosk, console: Console, qtbot: QtBot
) -> None:
    before = console.file.read_bytes()
    console.type_into(qtbot, "terminal.hotline", "96110")
    console.type_into(qtbot, "ui.idle_timeout_s", "5")
    with qtbot.waitSignal(console.page.refused) as refusal:
        console.tap(qtbot, "config_save")

    assert [key for key, _ in refusal.args[0]] == ["ui.idle_timeout_s"]
    error = console.page.rows["ui.idle_timeout_s"].error
    assert error.isVisible() and "greater than or equal to 15" in error.text()
    assert "ui.idle_timeout_s" in console.page.rows["ui.idle_timeout_s"].hint.text()
    assert not console.page.rows["terminal.hotline"].error.isVisible()
    assert console.file.read_bytes() == before
    assert console.audit.events == []
    assert "12345" in kiosk.driver.text_of("attract_footer")


def test_a_device_change_says_it_needs_a_restart_and_offers_it(
    console: Console, qtbot: QtBot
) -> None:
    console.tap(qtbot, "config_devices_printer_paper_58mm")
    with qtbot.waitSignal(console.page.saved):
        console.tap(qtbot, "config_save")

    assert "重启应用后生效" in console.page.status.text()
    console.tap(qtbot, "config_restart")
    assert console.restarts == ["T001"]


def test_only_a_technician_may_open_the_page(console: Console) -> None:
    assert console.page.verb is Verb.SET_CONFIG
    assert can(Role.TECHNICIAN, console.page.verb) and not can(Role.STAFF, console.page.verb)


def test_a_visit_in_progress_keeps_its_language_and_the_next_starts_in_the_new_default(
    kiosk: RunningKiosk, console: Console, qtbot: QtBot
) -> None:
    navigator, visit = kiosk.window.navigator, kiosk.window.visit
    navigator.handle(Event.START_VISIT)
    console.tap(qtbot, "config_ui_language_en_US")
    with qtbot.waitSignal(console.page.saved):
        console.tap(qtbot, "config_save")
    assert visit.language == "zh_CN" and current_locale() == "zh_CN"

    navigator.handle(Event.END_VISIT)

    assert visit.language == "en_US" and current_locale() == "en_US"
    assert "Help and complaints" in kiosk.driver.text_of("attract_footer")
