"""Working-day arithmetic for promised completion dates and 容缺 deadlines.

Weekends only: the State Council's yearly holiday and make-up working-day schedule is not
loaded yet, so a date may fall on a public holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

_SATURDAY = 5


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < _SATURDAY:
            remaining -= 1
    return current
