"""The staff access service: PINs checked against the roster, the lockout surviving a restart,
and every attempt in the audit trail (an injected clock, no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.staff.access import CheckingPin, LoggedIn, LoggedOut
from kiosk.staff.access_service import StaffAccess
from kiosk.staff.lockout_file import LOCKOUT_FILE, LockoutFile
from kiosk.staff.rights import Role, Verb
from kiosk.staff.roster import ROSTER_FILE, StaffRoster

START = datetime(2026, 12, 7, 22, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def access_on(data_dir: Path, audit: MemoryAuditTrail, clock: Clock) -> StaffAccess:
    roster = StaffRoster(data_dir, audit)
    return StaffAccess(roster, LockoutFile(data_dir), audit, timedelta(seconds=120), clock)


def test_the_right_pin_logs_in_with_the_members_role(tmp_path: Path) -> None:
    audit, clock = MemoryAuditTrail(), Clock()
    StaffRoster(tmp_path, audit).set_pin("2002", Role.TECHNICIAN, "864213", actor="setup")
    access = access_on(tmp_path, audit, clock)

    access.open_entry()
    state = access.enter_pin("2002", "864213")

    assert isinstance(state, LoggedIn) and state.role is Role.TECHNICIAN
    assert access.actor == "2002" and access.may(Verb.SET_CONFIG)
    assert audit.kinds()[-1] is AuditEvent.STAFF_LOGIN


def test_a_lockout_survives_a_restart_and_ends_on_time(tmp_path: Path) -> None:
    audit, clock = MemoryAuditTrail(), Clock()
    StaffRoster(tmp_path, audit).set_pin("1001", Role.STAFF, "275931", actor="setup")
    access = access_on(tmp_path, audit, clock)
    access.open_entry()
    for _ in range(5):
        access.enter_pin("1001", "999000")
    assert access.seconds_locked() == 30

    restarted = access_on(tmp_path, audit, clock)  # the app crashed and came back
    restarted.open_entry()
    clock.advance(10)
    assert restarted.seconds_locked() == 20
    assert isinstance(restarted.enter_pin("1001", "275931"), CheckingPin)  # not even checked
    clock.advance(20)
    assert isinstance(restarted.enter_pin("1001", "275931"), LoggedIn)
    assert LockoutFile(tmp_path).load().wrong_attempts == 0


def test_every_attempt_is_audited_and_no_pin_is_written_down(tmp_path: Path) -> None:
    audit, clock = MemoryAuditTrail(), Clock()
    StaffRoster(tmp_path, audit).set_pin("1001", Role.STAFF, "275931", actor="setup")
    access = access_on(tmp_path, audit, clock)
    access.open_entry()
    access.enter_pin("1001", "999000")
    access.enter_pin("13800138000", "999000")  # not a staff number: maybe a phone number
    access.enter_pin("1001", "275931")
    access.leave()

    assert audit.kinds()[1:] == [
        AuditEvent.STAFF_PIN_REFUSED,
        AuditEvent.STAFF_PIN_REFUSED,
        AuditEvent.STAFF_LOGIN,
        AuditEvent.STAFF_LOGOUT,
    ]
    assert [event.actor for event in audit.events[1:]] == ["1001", "unknown", "1001", "1001"]
    assert all("13800138000" not in f"{e.actor}{e.details}" for e in audit.events)
    assert all(
        "999000" not in str(e.details) and "275931" not in str(e.details) for e in audit.events
    )


def test_an_untouched_console_logs_out_after_its_idle_time(tmp_path: Path) -> None:
    audit, clock = MemoryAuditTrail(), Clock()
    StaffRoster(tmp_path, audit).set_pin("1001", Role.STAFF, "275931", actor="setup")
    access = access_on(tmp_path, audit, clock)
    access.open_entry()
    access.enter_pin("1001", "275931")
    clock.advance(100)
    access.touched()
    clock.advance(100)
    assert isinstance(access.check_idle(), LoggedIn)
    assert access.seconds_until_idle() == 20
    clock.advance(20)
    assert isinstance(access.check_idle(), LoggedOut) and access.actor is None
    assert not access.may(Verb.VIEW_HEALTH)


def test_a_damaged_lockout_file_does_not_give_fresh_tries(tmp_path: Path) -> None:
    (tmp_path / LOCKOUT_FILE).write_text("garbage", encoding="utf-8")
    audit, clock = MemoryAuditTrail(), Clock()
    access = access_on(tmp_path, audit, clock)
    access.open_entry()
    access.enter_pin("1001", "999000")
    assert access.seconds_locked() == 60


def test_a_damaged_roster_lets_nobody_in_and_raises_nothing(tmp_path: Path) -> None:
    (tmp_path / ROSTER_FILE).write_text("{damaged", encoding="utf-8")
    audit, clock = MemoryAuditTrail(), Clock()
    access = access_on(tmp_path, audit, clock)
    access.open_entry()
    assert isinstance(access.enter_pin("1001", "275931"), CheckingPin)
    assert audit.kinds() == [AuditEvent.STAFF_PIN_REFUSED]
