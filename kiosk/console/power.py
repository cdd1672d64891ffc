"""Restarting the touchscreen app and rebooting the machine, from the console.

A reboot is one fixed argv, `systemctl reboot`, which asks logind; for the unprivileged kiosk
user a polkit rule (packaging/polkit/50-kiosk-reboot.rules) allows exactly that and restarting
the kiosk's own two units. Never a shell string, never sudo. The command runner is injected,
so tests record the argv instead of rebooting. A restart needs no privilege: the app quits
with its own exit code and systemd (Restart=always) starts it again.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.console.outcome import ActionOutcome
from kiosk.i18n import msg

log = logging.getLogger(__name__)

REBOOT_ARGV: tuple[str, ...] = ("systemctl", "reboot")
# The touchscreen's exit code when staff asked for a restart (EX_TEMPFAIL): the journal tells
# it from a crash, and systemd restarts the unit either way.
EXIT_RESTART_REQUESTED = 75
# How long logind may take to accept the reboot before we say it did not.
COMMAND_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stderr: str


CommandRunner = Callable[[Sequence[str]], CommandResult]


def run_fixed(argv: Sequence[str]) -> CommandResult:
    """Run a fixed argv (no shell); a missing program or a hang is a result, not a crash."""
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        return CommandResult(127, f"{argv[0]}: not found")
    except subprocess.TimeoutExpired:
        return CommandResult(124, f"{argv[0]}: no answer within {COMMAND_TIMEOUT_S:g} s")
    return CommandResult(done.returncode, done.stderr.strip())


class Power:
    def __init__(self, audit: AuditTrail, run: CommandRunner = run_fixed) -> None:
        self._audit = audit
        self._run = run

    def request_restart(self, actor: str) -> ActionOutcome:
        """Record the restart; the caller then quits with EXIT_RESTART_REQUESTED."""
        self._audit.record(AuditEvent.APP_RESTART_REQUESTED, actor)
        return ActionOutcome(
            True,
            msg(
                "正在重新启动本机程序，约半分钟后回到首页。",
                "The kiosk app is restarting; the home screen is back in about half a minute.",
            ),
        )

    def reboot(self, actor: str) -> ActionOutcome:
        """Ask logind to reboot the machine; recorded before it is asked."""
        self._audit.record(AuditEvent.MACHINE_REBOOT_REQUESTED, actor)
        result = self._run(REBOOT_ARGV)
        if result.returncode == 0:
            return ActionOutcome(
                True,
                msg(
                    "本机正在重新启动，约两分钟后回到首页。",
                    "The machine is rebooting; the home screen is back in about two minutes.",
                ),
            )
        log.error(
            "reboot refused", extra={"returncode": result.returncode, "stderr": result.stderr}
        )
        return ActionOutcome(
            False,
            msg(
                "本机没有重新启动（系统拒绝了请求）：请联系技术人员，或用电源键重启。",
                "The machine did not reboot (the system refused): call a technician, or "
                "restart it with the power button.",
            ),
        )
