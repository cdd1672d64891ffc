"""Runs the staff access machine (kiosk/staff/access.py) for the console: checks PINs against
the roster, keeps the lockout in the data dir and writes every audit line the moves imply."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.audit.trail import AuditTrail
from kiosk.staff.access import (
    Access,
    AccessEvent,
    Activity,
    EntryCancelled,
    EntryOpened,
    IdleCheck,
    Leave,
    Lockout,
    LoggedIn,
    LoggedOut,
    PinEntered,
    audit_lines,
    lockout_of,
    next_access,
)
from kiosk.staff.lockout_file import LockoutFile
from kiosk.staff.rights import Verb, can
from kiosk.staff.roster import RosterError, StaffRoster

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class StaffAccess:
    """Who is at the console, if anyone. `clock` is public so tests can move time."""

    def __init__(
        self,
        roster: StaffRoster,
        lockout: LockoutFile,
        audit: AuditTrail,
        idle: timedelta,
        clock: Clock = utc_now,
    ) -> None:
        self._roster, self._lockout_file, self._audit = roster, lockout, audit
        self._idle = idle
        self.clock = clock
        self._state: Access = LoggedOut(lockout=lockout.load())

    @property
    def state(self) -> Access:
        return self._state

    @property
    def lockout(self) -> Lockout:
        return lockout_of(self._state)

    def seconds_locked(self) -> int:
        return self.lockout.seconds_left(self.clock())

    @property
    def actor(self) -> str | None:
        """The staff number logged in, for the audit lines of what the console does."""
        state = self._state
        return state.staff_number if isinstance(state, LoggedIn) else None

    def may(self, verb: Verb) -> bool:
        """Whether whoever is logged in holds `verb`; nobody logged in holds none."""
        state = self._state
        return isinstance(state, LoggedIn) and can(state.role, verb)

    def open_entry(self, staff_number: str | None = None) -> Access:
        return self._apply(EntryOpened(staff_number))

    def enter_pin(self, staff_number: str, pin: str) -> Access:
        """Check `pin` for `staff_number`, unless the entry is locked (then nothing is looked
        at and the state stays)."""
        if self.lockout.locked_at(self.clock()):
            return self._state
        try:
            role = self._roster.role_for(staff_number, pin)
            on_roster = staff_number if self._roster.knows(staff_number) else None
        except RosterError:
            # Nobody gets in on a damaged roster; `kiosk staff list` says what is wrong.
            log.exception("staff roster unreadable: every PIN is refused")
            role, on_roster = None, None
        return self._apply(PinEntered(on_roster, role))

    def cancel(self) -> Access:
        return self._apply(EntryCancelled())

    def touched(self) -> Access:
        return self._apply(Activity())

    def leave(self) -> Access:
        return self._apply(Leave())

    def check_idle(self) -> Access:
        return self._apply(IdleCheck())

    def seconds_until_idle(self) -> float:
        """How long the console may stay untouched from now; 0 when nobody is logged in."""
        state = self._state
        if not isinstance(state, LoggedIn):
            return 0.0
        return max(0.0, (state.expires_at - self.clock()).total_seconds())

    def _apply(self, event: AccessEvent) -> Access:
        previous = self._state
        after = next_access(previous, event, self.clock(), self._idle)
        if lockout_of(after) != lockout_of(previous):
            self._lockout_file.save(lockout_of(after))  # before anything is shown of it
        self._state = after
        for line in audit_lines(previous, after):
            self._audit.record(line.event, line.actor, line.details)
        return after
