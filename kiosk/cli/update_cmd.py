"""`kiosk update`: the A/B software update, from a technician's terminal and from
kiosk-update-commit.service.

status   which slot booted, which boots next, each slot good or bad
install  write a signed bundle to the slot not booted (as root)
commit   the verdict on this boot: healthy in time → mark good, else mark bad and reboot
reject   give up the slot booted now: mark it bad and reboot into the other one
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from

if TYPE_CHECKING:
    from kiosk.audit.events import AuditEvent
    from kiosk.audit.trail import AuditTrail
    from kiosk.config import KioskSettings
    from kiosk.health.healthy import Health
    from kiosk.update.commit import CommitSteps

log = logging.getLogger(__name__)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "update", help="A/B software updates: status, install a bundle, commit or reject"
    )
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", parents=[parent], help="the slots and which boots")
    status.add_argument("--json", action="store_true", help="print the slots as JSON")
    status.set_defaults(handler=run_status)

    install = actions.add_parser(
        "install", parents=[parent], help="install a signed .raucb bundle to the other slot"
    )
    install.add_argument("bundle", type=Path, metavar="BUNDLE", help="the .raucb file")
    install.set_defaults(handler=run_install)

    commit = actions.add_parser(
        "commit",
        parents=[parent],
        help="keep the slot booted if the kiosk is healthy in time, else roll back",
    )
    commit.add_argument(
        "--deadline-s",
        type=float,
        metavar="SECONDS",
        help="how long the touchscreen has to be ready (default: update.commit_deadline_s)",
    )
    commit.add_argument(
        "--no-reboot", action="store_true", help="on rejection, mark bad but do not reboot"
    )
    commit.set_defaults(handler=run_commit)

    reject = actions.add_parser(
        "reject", parents=[parent], help="mark the slot booted bad and reboot into the other"
    )
    reject.add_argument("--why", default="rejected by a technician", help="recorded in audit")
    reject.add_argument("--no-reboot", action="store_true", help="mark bad but do not reboot")
    reject.set_defaults(handler=run_reject)


def run_status(args: argparse.Namespace) -> int:
    from kiosk.update.rauc import Rauc, UpdateProblem

    settings_from(args)
    try:
        status = Rauc().status()
    except UpdateProblem as exc:
        raise CommandFailed(str(exc)) from exc
    if args.json:
        print_json(
            {
                "booted": status.booted,
                "next": status.primary_bootname(),
                "slots": [vars(slot) for slot in status.slots],
            }
        )
        return EXIT_OK
    print(f"booted: slot {status.booted}; next boot: slot {status.primary_bootname() or '?'}")
    for slot in status.slots:
        print(f"slot {slot.bootname} ({slot.name}): {slot.state}, {slot.boot_status}")
    return EXIT_OK


def run_install(args: argparse.Namespace) -> int:
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.update.install import install_bundle
    from kiosk.update.rauc import Rauc, UpdateProblem

    settings = settings_from(args)
    _need_root("install")
    with _audit(settings) as audit:
        try:
            target = install_bundle(Rauc(), args.bundle, audit, COMMAND_LINE)
        except UpdateProblem as exc:
            raise CommandFailed(str(exc)) from exc
    print(
        f"installed {args.bundle.name} to slot {target}. Reboot to start it "
        "(systemctl reboot): it is kept once the touchscreen is ready and the critical "
        "checks pass, otherwise the slot running now boots again."
    )
    return EXIT_OK


def run_commit(args: argparse.Namespace) -> int:
    from kiosk.update.commit import Verdict, commit_booted_slot
    from kiosk.update.rauc import UpdateProblem

    settings = settings_from(args)
    _need_root("commit")
    with _audit(settings) as audit:
        try:
            result = commit_booted_slot(_steps(settings, audit, args))
        except UpdateProblem as exc:
            raise CommandFailed(str(exc)) from exc
    if result.verdict is Verdict.ALREADY_COMMITTED:
        print(f"slot {result.bootname} is already committed for this boot: nothing to do")
        return EXIT_OK
    if result.verdict is Verdict.COMMITTED:
        return EXIT_OK
    problems = "; ".join(result.health.problems) if result.health else ""
    if result.verdict is Verdict.KEPT_UNHEALTHY:
        print(
            f"slot {result.bootname} is not healthy ({problems}), and no other slot is good "
            "to fall back on, so it stays: run kiosk doctor, then install a good update"
        )
        return EXIT_FAILURE
    print(f"slot {result.bootname} rejected: {problems}")
    return _after_reject(result.rebooting, args.no_reboot)


def run_reject(args: argparse.Namespace) -> int:
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.update.commit import reject
    from kiosk.update.rauc import UpdateProblem

    settings = settings_from(args)
    _need_root("reject")
    with _audit(settings) as audit:
        steps = _steps(settings, audit, args)
        try:
            booted = steps.rauc.status().booted
            result = reject(steps, booted, None, args.why, COMMAND_LINE)
        except UpdateProblem as exc:
            raise CommandFailed(str(exc)) from exc
    return _after_reject(result.rebooting, args.no_reboot)


def _after_reject(rebooting: bool, no_reboot: bool) -> int:
    if no_reboot:
        print("not rebooting (--no-reboot): the other slot boots at the next reboot")
        return EXIT_OK
    if not rebooting:
        raise CommandFailed("the reboot was refused: reboot with systemctl reboot or power")
    return EXIT_OK


def _steps(settings: KioskSettings, audit: AuditTrail, args: argparse.Namespace) -> CommitSteps:
    from kiosk.cli.doctor_cmd import critical_checks
    from kiosk.console.power import Power
    from kiosk.health.healthy import judge
    from kiosk.update.boot_counter import attempts, grubenv_path
    from kiosk.update.commit import CommitSteps
    from kiosk.update.console_line import announce
    from kiosk.update.rauc import Rauc
    from kiosk.update.readiness import touchscreen_painted, wait_until

    given: float | None = getattr(args, "deadline_s", None)
    deadline_s = settings.update.commit_deadline_s if given is None else given
    no_reboot: bool = args.no_reboot

    def wait_healthy() -> Health:
        painted = wait_until(touchscreen_painted, deadline_s)
        return judge(painted, critical_checks(settings))

    def counted(bootname: str) -> int | None:
        try:
            return attempts(grubenv_path(), bootname)
        except FileNotFoundError:
            return None

    def reboot() -> bool:
        # The staff console's reboot: one fixed `systemctl reboot`, audited as the system's.
        from kiosk.audit.trail import SYSTEM

        return False if no_reboot else Power(audit).reboot(SYSTEM).ok

    return CommitSteps(
        rauc=Rauc(),
        attempts=counted,
        wait_healthy=wait_healthy,
        reboot=reboot,
        announce=announce,
        audit=audit,
    )


def _need_root(action: str) -> None:
    if os.geteuid() != 0:
        raise CommandFailed(
            f"kiosk update {action} changes the boot slots and needs root: "
            f"sudo kiosk update {action} ..."
        )


@contextlib.contextmanager
def _audit(settings: KioskSettings) -> Iterator[AuditTrail]:
    """The kiosk's audit log; if the database cannot be opened (which a broken update may
    cause), events go to the journal instead, so the verdict is never blocked by it."""
    from kiosk.audit.log import AuditLog
    from kiosk.storage.migrate import open_database

    try:
        engine = open_database(settings.database_path)
    except Exception as exc:  # any failure to open is a reason to log elsewhere, not to stop
        log.error("audit log unavailable, recording to the journal", extra={"error": str(exc)})
        yield _JournalTrail()
        return
    try:
        yield AuditLog.in_suite(engine, settings.platform.suite)
    finally:
        engine.dispose()


class _JournalTrail:
    """Audit events as journal lines, for when the database is what is broken."""

    def record(
        self, event: AuditEvent, actor: str, details: Mapping[str, str] | None = None
    ) -> None:
        log.warning("audit event %s by %s: %s", event.value, actor, dict(details or {}))
