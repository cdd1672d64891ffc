"""`kiosk diagnostics`: the health report as hall staff see it, and the diagnostics bundle
(logs masked, settings without secrets, database counts) written to a folder or a USB stick.

The report read here is taken from this command's own process: devices as the touchscreen
last wrote them to its board, the network and platform asked now.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from

if TYPE_CHECKING:
    from kiosk.config import KioskSettings
    from kiosk.health.report import HealthReport

log = logging.getLogger(__name__)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "diagnostics", help="health at a glance, and a diagnostics bundle for a technician"
    )
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    health = actions.add_parser(
        "health", parents=[parent], help="each part of the kiosk: ok, warning or fault"
    )
    health.add_argument("--json", action="store_true", help="print the report as JSON")
    health.add_argument(
        "--lang", choices=("zh_CN", "en_US"), default="zh_CN", help="language of the report"
    )
    health.set_defaults(handler=run_health)

    export = actions.add_parser(
        "export",
        parents=[parent],
        help="write a diagnostics bundle (zip) to a folder or a USB stick",
        description="Write a zip with recent log lines (personal data masked), the settings "
        "without secrets, database statistics (no rows), the health report and the versions.",
    )
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", type=Path, metavar="DIR", help="folder to write the bundle into")
    where.add_argument(
        "--usb", action="store_true", help="write to the one removable drive mounted"
    )
    export.set_defaults(handler=run_export)

    drives = actions.add_parser("drives", parents=[parent], help="list mounted USB sticks")
    drives.set_defaults(handler=run_drives)


def run_health(args: argparse.Namespace) -> int:
    from kiosk.health.report import Status

    report = _report(settings_from(args))
    if args.json:
        print_json(report.as_json())
    else:
        print(report.as_text(args.lang), end="")
    return EXIT_FAILURE if report.worst is Status.FAULT else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from kiosk.audit.log import AuditLog
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.health.diagnostics import (
        DiagnosticsSources,
        default_log_lines,
        export_diagnostics,
    )
    from kiosk.storage.migrate import open_database

    settings = settings_from(args)
    target = args.to if args.to is not None else _only_drive()
    if not target.is_dir():
        raise CommandFailed(f"{target} is not a folder")
    sources = DiagnosticsSources(settings, lambda: _report(settings), default_log_lines(settings))
    engine = open_database(settings.database_path)
    try:
        audit = AuditLog.in_suite(engine, settings.platform.suite)
        written = export_diagnostics(target, sources, audit, COMMAND_LINE)
    finally:
        engine.dispose()
    log.info("diagnostics exported", extra={"file": written.name})
    print(written)
    return EXIT_OK


def run_drives(args: argparse.Namespace) -> int:
    from kiosk.health.usb import removable_drives

    settings_from(args)
    drives = removable_drives()
    for drive in drives:
        print(f"{drive.mount_point}\t{drive.device}")
    if not drives:
        print("no USB stick mounted: plug one in and try again")
    return EXIT_OK


def _only_drive() -> Path:
    from kiosk.health.usb import removable_drives

    drives = removable_drives()
    if not drives:
        raise CommandFailed("no USB stick mounted: plug one in and try again, or give --to DIR")
    if len(drives) > 1:
        names = ", ".join(str(d.mount_point) for d in drives)
        raise CommandFailed(f"several drives mounted ({names}): choose one with --to DIR")
    return drives[0].mount_point


def _report(settings: KioskSettings) -> HealthReport:
    from kiosk.catalog.holder import CatalogHolder
    from kiosk.health.collect import collect
    from kiosk.storage.migrate import ensure_current_schema
    from kiosk.storage.sqlite import SqliteDatabase
    from kiosk.wiring.health import health_sources

    ensure_current_schema(settings.database_path)
    database = SqliteDatabase(settings.database_path)
    try:
        # The touchscreen drives the printer: here it is seen through the board it writes.
        # Help requests are built in another part of the console; none are open until then.
        checks = health_sources(
            settings, database, CatalogHolder(settings.data_dir), None, lambda: 0
        )
        return collect(checks)
    finally:
        database.close()
