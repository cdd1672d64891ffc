"""The verdict on a boot: a healthy slot is kept, one never ready is given up and the machine
reboots into the other, a slot already committed is left alone, and no rauc is a clear
message. The real `rauc` runner talks to a fake rauc on PATH."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.cli.doctor_checks import Check
from kiosk.health.healthy import CRITICAL_CHECKS, Health, judge
from kiosk.update.commit import CommitSteps, Verdict, commit_booted_slot
from kiosk.update.rauc import Completed, Rauc, UpdateProblem
from kiosk.update.readiness import wait_until
from tests.kiosk.update.conftest import FakeMachine

PASSING = [Check(name, True, "fine") for name in CRITICAL_CHECKS]


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def steps(
    painted: bool,
    *,
    attempts: int | None = 1,
    checks: list[Check] = PASSING,
    deadline_s: float = 300.0,
) -> tuple[CommitSteps, list[str], list[str], MemoryAuditTrail]:
    clock = FakeClock()
    lines: list[str] = []
    reboots: list[str] = []
    audit = MemoryAuditTrail()

    def wait_healthy() -> Health:
        ready = wait_until(lambda: painted, deadline_s, clock=clock, sleep=clock.sleep)
        return judge(ready, checks)

    def reboot() -> bool:
        reboots.append("systemctl reboot")
        return True

    return (
        CommitSteps(
            rauc=Rauc(),
            attempts=lambda bootname: attempts,
            wait_healthy=wait_healthy,
            reboot=reboot,
            announce=lines.append,
            audit=audit,
        ),
        lines,
        reboots,
        audit,
    )


def test_a_healthy_new_slot_is_marked_good_and_said_so(machine: FakeMachine) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")
    commit, lines, reboots, audit = steps(painted=True)

    result = commit_booted_slot(commit)

    assert result.verdict is Verdict.COMMITTED
    assert "rauc status mark-good booted" in machine.calls()
    assert lines == ["KIOSK-UPDATE committed slot=B"]
    assert reboots == []
    assert [(e.event, e.details["slot"]) for e in audit.events] == [
        (AuditEvent.UPDATE_COMMITTED, "B")
    ]


def test_a_slot_never_ready_is_marked_bad_and_the_machine_reboots(machine: FakeMachine) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")
    commit, lines, reboots, audit = steps(painted=False, deadline_s=300.0)

    result = commit_booted_slot(commit)

    assert result.verdict is Verdict.REJECTED
    assert result.rebooting
    assert "rauc status mark-bad booted" in machine.calls()
    assert not any("mark-good" in call for call in machine.calls())
    assert lines == ["KIOSK-UPDATE rejected slot=B"]
    assert reboots == ["systemctl reboot"]
    (event,) = audit.events
    assert event.event is AuditEvent.UPDATE_REJECTED
    assert "first screen painted" in event.details["why"]


def test_a_failing_critical_check_rejects_even_when_the_screen_is_up(
    machine: FakeMachine,
) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")
    broken = [*PASSING[:1], Check("database", False, "schema 0007, expected 0009"), *PASSING[2:]]
    commit, lines, _, audit = steps(painted=True, checks=broken)

    result = commit_booted_slot(commit)

    assert result.verdict is Verdict.REJECTED
    assert "database: schema 0007, expected 0009" in audit.events[0].details["why"]
    assert lines == ["KIOSK-UPDATE rejected slot=B"]


def test_a_slot_already_committed_this_boot_is_left_alone(machine: FakeMachine) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")
    commit, lines, reboots, audit = steps(painted=False, attempts=0)

    result = commit_booted_slot(commit)

    assert result.verdict is Verdict.ALREADY_COMMITTED
    assert machine.calls() == ["rauc status --output-format=json"]
    assert lines == reboots == []
    assert audit.events == []


def test_with_no_good_slot_to_fall_back_on_an_unhealthy_one_is_not_given_up(
    machine: FakeMachine,
) -> None:
    machine.booted("A", {"A": "good", "B": "bad"})
    commit, lines, reboots, _ = steps(painted=False)

    result = commit_booted_slot(commit)

    assert result.verdict is Verdict.KEPT_UNHEALTHY
    assert not any("mark-" in call for call in machine.calls())
    assert lines == reboots == []


def test_waiting_for_the_screen_gives_up_at_the_deadline() -> None:
    clock = FakeClock()
    assert not wait_until(lambda: False, 300.0, clock=clock, sleep=clock.sleep)
    assert clock.now == pytest.approx(300.0)
    flips = iter([False, False, True])
    assert wait_until(lambda: next(flips), 300.0, clock=clock, sleep=clock.sleep)


def test_no_rauc_on_the_machine_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UpdateProblem, match=r"rauc is not installed.*apt-get install rauc"):
        Rauc().status()


def test_no_rauc_service_says_which_service_to_start() -> None:
    def no_service(argv: Sequence[str], timeout: float) -> Completed:
        return Completed(1, "", "Error retrieving slot status via D-Bus: Could not connect")

    with pytest.raises(UpdateProblem, match="RAUC service running"):
        Rauc(no_service).status()
