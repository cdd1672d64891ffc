"""Staff access as a value, moved by one pure function, and the audit lines each move implies.

Access is `LoggedOut{reason} | CheckingPin{lockout} | LoggedIn{role, expires_at}`;
`next_access(state, event, now)` gives the state after an event, and `lockout_delay` how long
the entry stays locked after so many wrong PINs in a row. A PIN's check happens outside (its
result comes in the event), so both are tested without a screen, a roster or a clock. Audit
lines are derived from the pair (previous, next) by `audit_lines`, so no caller can forget one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import NamedTuple

from kiosk.audit.events import AuditEvent
from kiosk.staff.rights import Role

FREE_ATTEMPTS = 5  # wrong PINs in a row before the entry locks
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)
DEFAULT_IDLE = timedelta(seconds=120)


def lockout_delay(wrong_attempts: int) -> timedelta:
    """How long the entry locks after this many wrong PINs in a row: nothing before the 5th,
    30 s after it, doubling with each further wrong PIN, never more than 15 minutes."""
    if wrong_attempts < FREE_ATTEMPTS:
        return timedelta(0)
    doublings = min(wrong_attempts - FREE_ATTEMPTS, 16)
    delay: timedelta = FIRST_LOCK * (1 << doublings)
    return min(delay, LONGEST_LOCK)


@dataclass(frozen=True)
class Lockout:
    """Wrong PINs in a row since the last login, and until when the entry is locked."""

    wrong_attempts: int = 0
    locked_until: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until the lock ends (rounded up), 0 when not locked."""
        if self.locked_until is None or now >= self.locked_until:
            return 0
        return -int(-(self.locked_until - now).total_seconds() // 1)

    def tries_left(self) -> int:
        """Wrong PINs still allowed before a lock; 0 once every further one locks."""
        return max(0, FREE_ATTEMPTS - self.wrong_attempts)


class LeaveReason(Enum):
    NEVER_IN = "never_in"  # the kiosk started, or nobody has opened the entry yet
    CANCELLED = "cancelled"  # the PIN pad was closed without logging in
    BUTTON = "button"  # the console's "leave" button
    IDLE = "idle"  # nobody touched the console for its idle timeout


@dataclass(frozen=True)
class LoggedOut:
    reason: LeaveReason = LeaveReason.NEVER_IN
    lockout: Lockout = Lockout()


@dataclass(frozen=True)
class CheckingPin:
    """The PIN pad is open; `staff_number` is the one last typed (or read from a badge)."""

    lockout: Lockout = Lockout()
    staff_number: str | None = None


@dataclass(frozen=True)
class LoggedIn:
    staff_number: str
    role: Role
    expires_at: datetime


Access = LoggedOut | CheckingPin | LoggedIn


@dataclass(frozen=True)
class EntryOpened:
    staff_number: str | None = None  # from a staff badge; None for the hidden corner


@dataclass(frozen=True)
class PinEntered:
    """A PIN was typed; `role` is the roster's answer (None: wrong). `staff_number` is None
    for a number not on the roster: it may be anything a passer-by typed (a phone number
    even), so it is never repeated in the audit log."""

    staff_number: str | None
    role: Role | None


@dataclass(frozen=True)
class EntryCancelled:
    pass


@dataclass(frozen=True)
class Activity:
    """The staff member touched the console: its idle time starts again."""


@dataclass(frozen=True)
class Leave:
    pass


@dataclass(frozen=True)
class IdleCheck:
    """Time passed: a console not touched until its expiry logs out."""


AccessEvent = EntryOpened | PinEntered | EntryCancelled | Activity | Leave | IdleCheck


def next_access(
    state: Access, event: AccessEvent, now: datetime, idle: timedelta = DEFAULT_IDLE
) -> Access:
    """The state after `event` at `now`; an event that means nothing in `state` leaves it."""
    if isinstance(state, LoggedOut):
        if isinstance(event, EntryOpened):
            return CheckingPin(state.lockout, event.staff_number)
        return state
    if isinstance(state, CheckingPin):
        return _checking(state, event, now, idle)
    if isinstance(event, Activity) and now < state.expires_at:
        return replace(state, expires_at=now + idle)
    if isinstance(event, Leave):
        return LoggedOut(LeaveReason.BUTTON)
    if isinstance(event, IdleCheck | Activity) and now >= state.expires_at:
        return LoggedOut(LeaveReason.IDLE)
    return state


def _checking(state: CheckingPin, event: AccessEvent, now: datetime, idle: timedelta) -> Access:
    if isinstance(event, EntryCancelled):
        return LoggedOut(LeaveReason.CANCELLED, state.lockout)
    if not isinstance(event, PinEntered) or state.lockout.locked_at(now):
        return state  # while locked no PIN is even looked at
    if event.role is not None and event.staff_number is not None:
        return LoggedIn(event.staff_number, event.role, now + idle)
    wrong = state.lockout.wrong_attempts + 1
    delay = lockout_delay(wrong)
    locked_until = now + delay if delay else None
    return CheckingPin(Lockout(wrong, locked_until), event.staff_number)


def lockout_of(state: Access) -> Lockout:
    """The lockout a state carries; a login clears it."""
    return Lockout() if isinstance(state, LoggedIn) else state.lockout


class AuditLine(NamedTuple):
    event: AuditEvent
    actor: str
    details: Mapping[str, str]


UNKNOWN_ACTOR = "unknown"


def audit_lines(previous: Access, after: Access) -> list[AuditLine]:
    """What the move from `previous` to `after` must leave in the audit log."""
    if isinstance(previous, CheckingPin) and isinstance(after, LoggedIn):
        return [AuditLine(AuditEvent.STAFF_LOGIN, after.staff_number, {"role": after.role.value})]
    if isinstance(previous, LoggedIn) and isinstance(after, LoggedOut):
        return [
            AuditLine(
                AuditEvent.STAFF_LOGOUT, previous.staff_number, {"reason": after.reason.value}
            )
        ]
    if not (isinstance(previous, CheckingPin) and isinstance(after, CheckingPin)):
        return []
    before, now = previous.lockout, after.lockout
    if now.wrong_attempts <= before.wrong_attempts:
        return []
    actor = after.staff_number or UNKNOWN_ACTOR
    lines = [
        AuditLine(AuditEvent.STAFF_PIN_REFUSED, actor, {"wrong_attempts": str(now.wrong_attempts)})
    ]
    if now.locked_until is not None and now.locked_until != before.locked_until:
        seconds = int(lockout_delay(now.wrong_attempts).total_seconds())
        lines.append(AuditLine(AuditEvent.STAFF_LOCKED_OUT, actor, {"seconds": str(seconds)}))
    return lines
