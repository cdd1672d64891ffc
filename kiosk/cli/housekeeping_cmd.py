"""`kiosk housekeeping`: the nightly housekeeping by hand, the queue's backups, and putting a
backup back after the database was lost or damaged."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from

if TYPE_CHECKING:
    from kiosk.config import KioskSettings


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "housekeeping", help="nightly housekeeping, and the queue's backups"
    )
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = actions.add_parser(
        "run",
        parents=[parent],
        help="purge, check and back up now (the sync agent does it nightly by itself)",
    )
    run.add_argument("--json", action="store_true", help="print the report as JSON")
    run.set_defaults(handler=run_now)
    listing = actions.add_parser(
        "backups", parents=[parent], help="list the kept backups, each checked"
    )
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_backups)
    restore = actions.add_parser(
        "restore",
        parents=[parent],
        help="put a backup in place of the database (stop kiosk and kiosk-sync-agent first)",
    )
    restore.add_argument("backup", type=Path, help="a file listed by `kiosk housekeeping backups`")
    restore.set_defaults(handler=run_restore)


def run_now(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from kiosk.audit.log import AuditLog
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.housekeeping.housekeeper import housekeeper_for
    from kiosk.storage.migrate import open_database
    from kiosk.submissions.queue import SubmissionQueue

    settings = settings_from(args)
    engine = open_database(settings.database_path)
    try:
        audit = AuditLog.in_suite(engine, settings.platform.suite)
        queue = SubmissionQueue(engine, audit=audit, actor=COMMAND_LINE)
        keeper = housekeeper_for(settings, queue, audit, actor=COMMAND_LINE)
        report = keeper.run(datetime.now(UTC))
    finally:
        engine.dispose()
    if args.json:
        print_json(asdict(report))
    else:
        print(f"purged payloads: {report.purged}")
        print(f"integrity check: {report.integrity}")
        print(f"backup: {report.backup or 'FAILED: ' + str(report.backup_error)}")
        for name in report.pruned:
            print(f"removed old backup: {name}")
    return EXIT_OK if report.ok else EXIT_FAILURE


def run_backups(args: argparse.Namespace) -> int:
    from kiosk.housekeeping.backup import backups_in, check_backup
    from kiosk.housekeeping.housekeeper import BACKUP_FOLDER

    settings = settings_from(args)
    found = [(path, check_backup(path)) for path in backups_in(settings.data_dir / BACKUP_FOLDER)]
    if args.json:
        print_json([{"path": str(p), "problems": problems} for p, problems in found])
    elif not found:
        print(f"no backups in {settings.data_dir / BACKUP_FOLDER} yet")
    for path, problems in [] if args.json else found:
        print(f"{path}  {'ok' if not problems else 'DAMAGED: ' + '; '.join(problems)}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from kiosk.housekeeping.backup import BackupError, restore_backup

    settings = settings_from(args)
    database = settings.database_path
    holders = processes_holding(database)
    if holders:
        raise CommandFailed(
            f"{database} is open in process {', '.join(map(str, holders))}; stop the kiosk "
            "first (systemctl stop kiosk kiosk-sync-agent) and run this again"
        )
    before = _audit_head(settings)
    try:
        restore_backup(args.backup, database)
    except (BackupError, OSError) as exc:
        raise CommandFailed(f"not restored: {exc}") from exc
    _record_restore(settings, args.backup.name, before)
    print(
        f"restored {args.backup.name}; the old database is kept as {database.name}.before-restore"
    )
    print("start the kiosk again: systemctl start kiosk kiosk-sync-agent")
    return EXIT_OK


def processes_holding(path: Path) -> list[int]:
    """Other processes with the file open (from /proc; processes of other users that this
    one may not inspect are not seen, which is why the units run as one user)."""
    target = path.resolve()
    holders = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            links = [Path(os.readlink(fd)) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        if target in links:
            holders.append(int(entry.name))
    return sorted(holders)


def _audit_head(settings: KioskSettings) -> int | None:
    """The audit log's newest record number before a restore, or None if it cannot be read
    (a lost or damaged database is what a restore is for)."""
    import sqlite3

    from kiosk.audit.log import AuditLog
    from kiosk.storage.sqlite import SqliteDatabase

    try:
        database = SqliteDatabase(settings.database_path)
        try:
            head = AuditLog.in_suite(database, settings.platform.suite).head()
        finally:
            database.close()
    except (sqlite3.Error, OSError):  # whatever is wrong with the old file, restore anyway
        return None
    return head.sequence if head is not None else None


def _record_restore(settings: KioskSettings, backup: str, before: int | None) -> None:
    """Records cut by the restore are named by how far the log went before it."""
    from kiosk.audit.events import AuditEvent
    from kiosk.audit.log import AuditLog
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.storage.migrate import open_database

    engine = open_database(settings.database_path)
    try:
        details = {"backup": backup, "log_went_to": "unknown" if before is None else str(before)}
        AuditLog.in_suite(engine, settings.platform.suite).record(
            AuditEvent.BACKUP_RESTORED, COMMAND_LINE, details
        )
    finally:
        engine.dispose()
