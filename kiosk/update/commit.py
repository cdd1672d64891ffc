"""The verdict on the slot booted: keep it (mark good) or give it up (mark bad and reboot).

Run once a boot by kiosk-update-commit.service. GRUB counts every boot of a slot; marking it
good resets the count, so a slot that is never judged healthy runs out of attempts and the
other slot boots again even if this code never runs. Rejecting is only worth it when there
is a good slot to fall back on: with none, the slot is left as it is (GRUB's last resort
boots it again) rather than leaving the kiosk nothing to boot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import SYSTEM, AuditTrail
from kiosk.health.healthy import Health
from kiosk.update.console_line import verdict_line
from kiosk.update.rauc import Rauc
from kiosk.update.status import RaucStatus


class Verdict(Enum):
    COMMITTED = "committed"  # healthy: marked good
    ALREADY_COMMITTED = "already committed"  # marked good earlier this boot: nothing to do
    REJECTED = "rejected"  # not healthy: marked bad, reboot asked
    KEPT_UNHEALTHY = "kept"  # not healthy, but no other good slot to fall back on


@dataclass(frozen=True)
class CommitResult:
    verdict: Verdict
    bootname: str
    health: Health | None  # None when nothing was judged
    rebooting: bool = False


@dataclass(frozen=True)
class CommitSteps:
    """What the verdict needs from the machine, injected so tests need no real one."""

    rauc: Rauc
    attempts: Callable[[str], int | None]  # GRUB's count of boots of a slot since mark-good
    wait_healthy: Callable[[], Health]  # waits up to the deadline, then judges
    reboot: Callable[[], bool]  # True when the reboot was accepted
    announce: Callable[[str], None]
    audit: AuditTrail


def commit_booted_slot(steps: CommitSteps) -> CommitResult:
    status = steps.rauc.status()
    booted = status.booted
    if steps.attempts(booted) == 0 and _is_good(status, booted):
        return CommitResult(Verdict.ALREADY_COMMITTED, booted, None)
    health = steps.wait_healthy()
    if health.healthy:
        steps.rauc.mark_good()
        steps.audit.record(AuditEvent.UPDATE_COMMITTED, SYSTEM, {"slot": booted})
        steps.announce(verdict_line("committed", booted))
        return CommitResult(Verdict.COMMITTED, booted, health)
    if not any(slot.boot_status == "good" for slot in status.others()):
        return CommitResult(Verdict.KEPT_UNHEALTHY, booted, health)
    return reject(steps, booted, health, "; ".join(health.problems))


def reject(
    steps: CommitSteps, booted: str, health: Health | None, why: str, actor: str = SYSTEM
) -> CommitResult:
    """Mark the booted slot bad, say so, and reboot into the other one."""
    steps.rauc.mark_bad()
    steps.audit.record(AuditEvent.UPDATE_REJECTED, actor, {"slot": booted, "why": why})
    steps.announce(verdict_line("rejected", booted))
    return CommitResult(Verdict.REJECTED, booted, health, rebooting=steps.reboot())


def _is_good(status: RaucStatus, bootname: str) -> bool:
    slot = status.slot(bootname)
    return slot is not None and slot.boot_status == "good"
