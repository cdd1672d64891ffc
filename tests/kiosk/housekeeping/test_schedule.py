from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.housekeeping.schedule import due

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 0, day: int = 7) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def test_not_due_before_the_quiet_hour() -> None:
    assert not due(at(2, 59), quiet_hour=3, last_run=None)


def test_due_at_the_quiet_hour_once_a_day() -> None:
    assert due(at(3), quiet_hour=3, last_run=at(3, day=6))
    assert not due(at(3, 30), quiet_hour=3, last_run=at(3, 1))


def test_a_kiosk_off_at_the_quiet_hour_catches_up_later_that_day() -> None:
    assert due(at(9), quiet_hour=3, last_run=at(3, day=5))


def test_the_last_run_may_be_recorded_in_utc() -> None:
    last = at(3, 1).astimezone(UTC)
    assert not due(at(23), quiet_hour=3, last_run=last)
    assert due(at(3, day=8), quiet_hour=3, last_run=last + timedelta(minutes=1))
