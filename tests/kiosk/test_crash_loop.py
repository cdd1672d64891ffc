"""The crash-loop guard: three unclean starts within five minutes hold the kiosk out of
service; staff or a calm period put it back; a clean exit or an old crash never holds it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.crash_loop import CrashLoopGuard
from kiosk.service_state import ServiceSwitch
from kiosk.start_record import START_FILE, StartRecord


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Machine:
    """The data dir as consecutive runs of the app see it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.clock = Clock()
        self.audit = MemoryAuditTrail()
        self.switch = ServiceSwitch(data_dir, self.audit)

    def start(self) -> tuple[CrashLoopGuard, bool]:
        """One run of the app starting: its guard and whether it starts held."""
        record = StartRecord(self.data_dir, self.clock)
        earlier = record.begin()
        guard = CrashLoopGuard(record, self.switch, self.audit, self.clock)
        return guard, guard.on_start(earlier).held

    def crash_a_run(self, minutes: float = 1) -> None:
        self.start()
        self.clock.advance(minutes=minutes)


def test_three_crashes_within_five_minutes_hold_the_next_start_out_of_service(
    tmp_path: Path,
) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run(minutes=1)

    guard, held = machine.start()

    assert held and guard.holding
    assert not machine.switch.in_service
    assert machine.switch.state().changed_by == "system"
    (loop,) = [e for e in machine.audit.events if e.event is AuditEvent.CRASH_LOOP]
    assert loop.details == {"unclean_starts": "3", "within_s": "300"}
    assert AuditEvent.OUT_OF_SERVICE in machine.audit.kinds()


def test_two_crashes_or_three_spread_out_do_not(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.crash_a_run()
    machine.crash_a_run()
    assert machine.start()[1] is False  # two crashes, the third start serves

    spread = Machine(tmp_path / "spread")
    for _ in range(3):
        spread.crash_a_run(minutes=3)  # three crashes over nine minutes
    assert spread.start()[1] is False
    assert spread.switch.in_service


def test_clean_exits_never_count(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(5):
        guard, held = machine.start()
        assert not held
        guard.ended_cleanly()  # restarted from the console, or stopped by systemd
        machine.clock.advance(seconds=20)
    assert machine.switch.in_service


def test_a_restart_during_the_hold_stays_out_of_service(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run()
    machine.start()
    machine.clock.advance(minutes=30)  # the old crashes are long out of the window

    _, held = machine.start()

    assert held
    assert not machine.switch.in_service


def test_a_calm_period_puts_the_kiosk_back_in_service(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run()
    guard, _ = machine.start()
    machine.clock.advance(minutes=10)  # the app ran in the hold all that time

    assert guard.calm()

    assert machine.switch.in_service and not guard.holding
    assert machine.audit.kinds()[-1] is AuditEvent.BACK_IN_SERVICE
    guard.ended_cleanly()
    machine.clock.advance(minutes=1)
    assert machine.start()[1] is False


def test_staff_putting_it_back_end_the_hold(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run()
    guard, _ = machine.start()

    machine.switch.set_in_service(True, "S0042")  # from the console

    assert not guard.holding
    assert guard.calm() is False  # nothing left to put back
    assert machine.switch.state().changed_by == "S0042"


def test_staff_out_of_service_is_never_overruled_by_the_calm_period(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.switch.set_in_service(False, "S0042")
    for _ in range(3):
        machine.crash_a_run()
    guard, held = machine.start()

    assert AuditEvent.CRASH_LOOP in machine.audit.kinds()
    assert not held
    assert guard.calm() is False
    assert not machine.switch.in_service
    assert machine.switch.state().changed_by == "S0042"


def test_a_damaged_record_counts_as_no_crashes(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run()
    (tmp_path / START_FILE).write_text("{not json", encoding="utf-8")
    assert machine.start()[1] is False


def test_starts_stamped_in_the_future_do_not_count(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(3):
        machine.crash_a_run()
    machine.clock.advance(hours=-2)  # the clock was set back
    assert machine.start()[1] is False


def test_the_record_holds_times_and_flags_only(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for _ in range(12):
        machine.crash_a_run(minutes=10)
    text = (tmp_path / START_FILE).read_text(encoding="utf-8")
    assert set(text) <= set('{}[]":,. -+0123456789TZaceghilnorstdu_fl')
    assert text.count('"at"') == 10  # only the last starts are kept
