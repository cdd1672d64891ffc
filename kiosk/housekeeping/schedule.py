"""When the nightly housekeeping is due: once a day, at the configured quiet hour (local time).

A kiosk that was off or busy at that hour catches up as soon as it can the same day, so a
machine switched off every night still gets its backup; it never runs twice for one day.
"""

from __future__ import annotations

from datetime import datetime, time


def due(now: datetime, quiet_hour: int, last_run: datetime | None) -> bool:
    """Whether housekeeping should run at `now` (aware, in the kiosk's time zone), given when
    it last ran (aware, any zone)."""
    slot = datetime.combine(now.date(), time(quiet_hour), now.tzinfo)
    if now < slot:
        return False
    return last_run is None or last_run < slot
