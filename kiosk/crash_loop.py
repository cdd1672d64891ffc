"""The crash-loop guard: a touchscreen app that keeps crashing shows out of service with the
hotline, instead of flickering through restarts in front of residents.

The rule, decided once here:
- At every start the app records the start (kiosk/start_record.py). If 3 or more of the
  earlier starts ended uncleanly (crash, kill, watchdog, power cut) and began within the
  last 5 minutes, this start is in a crash loop: CRASH_LOOP is audited, and the kiosk is
  taken out of service through the ServiceSwitch by "system", before the first screen is
  painted (so the attract screen never shows in between). The hold is persisted with the
  switch, so a restart during the hold stays out of service too.
- The hold ends when staff put the kiosk back in service at the console (the ServiceSwitch),
  or by itself after 10 minutes of running in the hold with no further crash: a transient
  cause (a device glitching at night) must not close the kiosk until morning, and a lasting
  one brings the loop, and the hold, back within minutes. The screen then changes at most a
  few times a quarter of an hour, never in a flicker.
- Staff who took the kiosk out of service themselves are never overruled: a crash loop then
  is audited, and the calm period returns nothing to service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.service_state import ServiceSwitch
from kiosk.start_record import Start, StartRecord, unclean_within

log = logging.getLogger(__name__)

CRASH_LOOP_STARTS = 3
CRASH_LOOP_WINDOW = timedelta(minutes=5)
CALM_PERIOD = timedelta(minutes=10)
SYSTEM = "system"


@dataclass(frozen=True)
class StartCheck:
    held: bool  # out of service because of a crash loop (this start's, or one before)
    unclean_starts: int  # unclean starts within the window before this one


class CrashLoopGuard:
    def __init__(
        self,
        record: StartRecord,
        switch: ServiceSwitch,
        audit: AuditTrail,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._record, self._switch, self._audit, self._now = record, switch, audit, now

    def on_start(self, earlier: list[Start]) -> StartCheck:
        """Decide whether this start begins out of service; `earlier` is what the record's
        `begin` returned, called as the app started (before anything that could crash)."""
        unclean = unclean_within(earlier, CRASH_LOOP_WINDOW, self._now())
        self.forget_if_served()
        if unclean >= CRASH_LOOP_STARTS:
            details = {
                "unclean_starts": str(unclean),
                "within_s": str(int(CRASH_LOOP_WINDOW.total_seconds())),
            }
            self._audit.record(AuditEvent.CRASH_LOOP, SYSTEM, details)
            log.warning("crash loop: the kiosk starts out of service", extra=details)
            if self._switch.in_service:
                self._switch.set_in_service(False, SYSTEM)
                self._record.hold()
        return StartCheck(held=self.holding, unclean_starts=unclean)

    @property
    def holding(self) -> bool:
        """Whether the kiosk is out of service by this guard's doing."""
        return self._record.held_since is not None and not self._switch.in_service

    def calm(self) -> bool:
        """The calm period has passed with the app running: back in service if the hold is
        still this guard's. True when it put the kiosk back."""
        if not self.holding:
            self.forget_if_served()
            return False
        self._switch.set_in_service(True, SYSTEM)
        self._record.release()
        return True

    def forget_if_served(self) -> None:
        """Staff put the kiosk back in service meanwhile: the hold is over."""
        if self._record.held_since is not None and self._switch.in_service:
            self._record.release()

    def ended_cleanly(self) -> None:
        self._record.end_cleanly()
