"""The kiosk for console tests: a staff badge prefix configured, the two test pages on the
console (tests/helpers/ui/console.py), two staff on the roster and a clock the test moves."""

from __future__ import annotations

import pytest

import kiosk.wiring.window
from kiosk.config import KioskSettings, StaffSettings, load_settings
from kiosk.staff.rights import Role
from kiosk.staff.roster import StaffRoster
from tests.helpers.ui.console import (
    BADGE_PREFIX,
    STAFF_NUMBER,
    STAFF_PIN,
    TECHNICIAN_NUMBER,
    TECHNICIAN_PIN,
    Clock,
    HealthPage,
    SettingsPage,
)
from tests.helpers.ui.visits import RunningKiosk
from ui.console.page import ConsolePage


@pytest.fixture
def settings() -> KioskSettings:
    return load_settings().model_copy(update={"staff": StaffSettings(badge_prefix=BADGE_PREFIX)})


@pytest.fixture(autouse=True)
def test_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console shows the two test pages, whatever pages the product has by now."""

    def pages(*_composed_from: object) -> list[ConsolePage]:
        return [HealthPage(), SettingsPage()]

    monkeypatch.setattr(kiosk.wiring.window, "console_pages", pages)


@pytest.fixture
def clock(kiosk: RunningKiosk) -> Clock:
    """The staff access service's clock, and the roster's two members."""
    clock = Clock()
    kiosk.services.staff_access.clock = clock
    roster = StaffRoster(kiosk.services.settings.data_dir, kiosk.services.audit)
    roster.set_pin(STAFF_NUMBER, Role.STAFF, STAFF_PIN, actor="setup")
    roster.set_pin(TECHNICIAN_NUMBER, Role.TECHNICIAN, TECHNICIAN_PIN, actor="setup")
    return clock
