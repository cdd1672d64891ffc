"""Restart and reboot from the console: a fixed argv through logind, recorded not run here,
audited before it is asked; a refusal is an outcome in words."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.console.power import REBOOT_ARGV, CommandResult, Power, run_fixed


class RecordingRunner:
    def __init__(self, returncode: int = 0) -> None:
        self.argvs: list[tuple[str, ...]] = []
        self._returncode = returncode

    def __call__(self, argv: Sequence[str]) -> CommandResult:
        self.argvs.append(tuple(argv))
        return CommandResult(self._returncode, "" if self._returncode == 0 else "access denied")


def test_reboot_asks_logind_with_one_fixed_argv_and_is_audited_first() -> None:
    audit, runner = MemoryAuditTrail(), RecordingRunner()

    outcome = Power(audit, runner).reboot("S001")

    assert outcome.ok
    assert runner.argvs == [("systemctl", "reboot")] == [REBOOT_ARGV]
    assert [(e.event, e.actor) for e in audit.events] == [
        (AuditEvent.MACHINE_REBOOT_REQUESTED, "S001")
    ]


def test_a_refused_reboot_says_what_to_do_instead() -> None:
    outcome = Power(MemoryAuditTrail(), RecordingRunner(returncode=1)).reboot("S001")
    assert not outcome.ok and "电源键" in outcome.message.render()


def test_a_missing_program_is_a_result_not_a_crash() -> None:
    result = run_fixed(["/nonexistent/systemctl", "reboot"])
    assert result.returncode == 127


def test_a_restart_is_audited_and_runs_nothing() -> None:
    audit, runner = MemoryAuditTrail(), RecordingRunner()
    outcome = Power(audit, runner).request_restart("S001")
    assert outcome.ok and runner.argvs == []
    assert audit.kinds() == [AuditEvent.APP_RESTART_REQUESTED]
