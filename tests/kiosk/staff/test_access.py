"""The staff access machine, without a screen: logins, wrong PINs, lockouts, idling, and the
audit lines each move implies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.staff.access import (
    Activity,
    CheckingPin,
    EntryCancelled,
    EntryOpened,
    IdleCheck,
    Leave,
    LeaveReason,
    Lockout,
    LoggedIn,
    LoggedOut,
    PinEntered,
    audit_lines,
    lockout_delay,
    next_access,
)
from kiosk.staff.rights import Role

NOW = datetime(2026, 12, 7, 22, 0, tzinfo=UTC)
IDLE = timedelta(seconds=120)


def test_no_lock_before_the_fifth_wrong_pin_then_growing_delays_with_a_cap() -> None:
    assert [lockout_delay(n) for n in range(5)] == [timedelta(0)] * 5
    assert lockout_delay(5) == timedelta(seconds=30)
    assert lockout_delay(6) == timedelta(seconds=60)
    assert lockout_delay(7) == timedelta(seconds=120)
    assert lockout_delay(9) == timedelta(seconds=480)
    assert lockout_delay(10) == timedelta(minutes=15)
    assert lockout_delay(1000) == timedelta(minutes=15)


def test_the_right_pin_logs_in_until_the_idle_time_and_is_audited() -> None:
    checking = next_access(LoggedOut(), EntryOpened(), NOW)
    logged_in = next_access(checking, PinEntered("1001", Role.STAFF), NOW, IDLE)

    assert logged_in == LoggedIn("1001", Role.STAFF, NOW + IDLE)
    assert audit_lines(checking, logged_in) == [(AuditEvent.STAFF_LOGIN, "1001", {"role": "staff"})]


def test_five_wrong_pins_lock_the_entry_and_each_is_audited() -> None:
    state = next_access(LoggedOut(), EntryOpened(), NOW)
    kinds: list[AuditEvent] = []
    for _ in range(5):
        after = next_access(state, PinEntered("1001", None), NOW)
        kinds += [line.event for line in audit_lines(state, after)]
        state = after

    assert isinstance(state, CheckingPin)
    assert state.lockout == Lockout(5, NOW + timedelta(seconds=30))
    assert kinds == [AuditEvent.STAFF_PIN_REFUSED] * 5 + [AuditEvent.STAFF_LOCKED_OUT]


def test_while_locked_even_the_right_pin_is_not_looked_at() -> None:
    locked = CheckingPin(Lockout(5, NOW + timedelta(seconds=30)), "1001")
    assert (
        next_access(locked, PinEntered("1001", Role.STAFF), NOW + timedelta(seconds=29)) == locked
    )
    assert audit_lines(locked, locked) == []
    later = NOW + timedelta(seconds=30)
    assert isinstance(next_access(locked, PinEntered("1001", Role.STAFF), later), LoggedIn)


def test_each_wrong_pin_after_a_lock_locks_twice_as_long() -> None:
    locked = CheckingPin(Lockout(5, NOW + timedelta(seconds=30)), "1001")
    later = NOW + timedelta(seconds=30)
    after = next_access(locked, PinEntered("1001", None), later)

    assert isinstance(after, CheckingPin)
    assert after.lockout == Lockout(6, later + timedelta(seconds=60))
    assert [line.details for line in audit_lines(locked, after)] == [
        {"wrong_attempts": "6"},
        {"seconds": "60"},
    ]


def test_a_number_not_on_the_roster_is_refused_and_audited_as_unknown() -> None:
    checking = CheckingPin(Lockout(), None)
    after = next_access(checking, PinEntered(None, None), NOW)
    assert [line.actor for line in audit_lines(checking, after)] == ["unknown"]


def test_closing_the_pad_keeps_the_count_and_a_login_clears_it() -> None:
    checking = CheckingPin(Lockout(3), "1001")
    closed = next_access(checking, EntryCancelled(), NOW)
    assert closed == LoggedOut(LeaveReason.CANCELLED, Lockout(3))
    reopened = next_access(closed, EntryOpened("1001"), NOW)
    assert reopened == CheckingPin(Lockout(3), "1001")

    logged_in = next_access(reopened, PinEntered("1001", Role.TECHNICIAN), NOW)
    left = next_access(logged_in, Leave(), NOW)
    assert left == LoggedOut(LeaveReason.BUTTON, Lockout())


def test_activity_extends_the_console_and_idling_past_it_logs_out() -> None:
    state = LoggedIn("1001", Role.STAFF, NOW + IDLE)
    minute = timedelta(minutes=1)
    touched = next_access(state, Activity(), NOW + minute, IDLE)
    assert touched == LoggedIn("1001", Role.STAFF, NOW + minute + IDLE)
    assert next_access(touched, IdleCheck(), NOW + IDLE) is touched

    expired = next_access(touched, IdleCheck(), NOW + minute + IDLE)
    assert expired == LoggedOut(LeaveReason.IDLE)
    assert audit_lines(touched, expired) == [(AuditEvent.STAFF_LOGOUT, "1001", {"reason": "idle"})]


def test_a_touch_after_the_expiry_does_not_revive_the_console() -> None:
    state = LoggedIn("1001", Role.STAFF, NOW)
    assert next_access(state, Activity(), NOW + timedelta(seconds=1)) == LoggedOut(LeaveReason.IDLE)


@pytest.mark.parametrize(
    "event", [PinEntered("1001", Role.STAFF), Activity(), Leave(), IdleCheck(), EntryCancelled()]
)
def test_logged_out_only_the_entry_opening_means_anything(event: object) -> None:
    state = LoggedOut()
    assert next_access(state, event, NOW) is state  # type: ignore[arg-type]


def test_opening_the_entry_when_logged_in_changes_nothing() -> None:
    state = LoggedIn("1001", Role.STAFF, NOW + IDLE)
    assert next_access(state, EntryOpened("2002"), NOW) is state
