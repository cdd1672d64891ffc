"""Runs the nightly housekeeping and remembers when it last did (data_dir/housekeeping.json),
so the console and the diagnostics bundle can say how the last run went."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.atomic_file import replace_json
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.housekeeping.backup import BackupError, prune_backups, take_backup
from kiosk.housekeeping.schedule import due

if TYPE_CHECKING:
    from kiosk.config import KioskSettings
    from kiosk.submissions.queue import SubmissionQueue

log = logging.getLogger(__name__)

RECORD_FILE = "housekeeping.json"
BACKUP_FOLDER = "backups"


@dataclass
class HousekeepingReport:
    ran_at: str
    purged: int = 0
    integrity: str = "ok"  # "ok", or what SQLite's integrity check found
    backup: str | None = None  # the verified backup's file name
    backup_error: str | None = None
    pruned: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.backup_error is None


class Housekeeper:
    def __init__(
        self,
        *,
        database: Path,
        data_dir: Path,
        purge: Callable[[timedelta], int],
        retention: timedelta,
        quiet_hour: int,
        backups_kept: int,
        timezone: str,
        audit: AuditTrail,
        actor: str,
    ) -> None:
        self._database = database
        self._record = data_dir / RECORD_FILE
        self._backups = data_dir / BACKUP_FOLDER
        self._purge = purge
        self._retention = retention
        self._quiet_hour = quiet_hour
        self._backups_kept = backups_kept
        self._zone = ZoneInfo(timezone)
        self._audit = audit
        self._actor = actor

    def run_if_due(self, now: datetime) -> HousekeepingReport | None:
        last = self.last_report()
        last_run = datetime.fromisoformat(last.ran_at) if last is not None else None
        if not due(now.astimezone(self._zone), self._quiet_hour, last_run):
            return None
        return self.run(now)

    def run(self, now: datetime) -> HousekeepingReport:
        """Every task, each on its own: a failed integrity check still leaves a backup try."""
        report = HousekeepingReport(ran_at=now.astimezone(UTC).isoformat())
        report.purged = self._purge(self._retention)
        report.integrity = self._integrity()
        try:
            backup = take_backup(self._database, self._backups, now.astimezone(self._zone))
            report.backup = backup.path.name
            report.pruned = [p.name for p in prune_backups(self._backups, self._backups_kept)]
        except BackupError as exc:
            report.backup_error = str(exc)
        self._remember(report)
        details = {"purged": str(report.purged), "integrity": report.integrity[:200]}
        details["backup"] = report.backup or f"failed: {report.backup_error}"[:200]
        self._audit.record(AuditEvent.HOUSEKEEPING_DONE, self._actor, details)
        log.log(
            logging.INFO if report.ok else logging.ERROR,
            "housekeeping finished" if report.ok else "housekeeping found a problem",
            extra=asdict(report),
        )
        return report

    def last_report(self) -> HousekeepingReport | None:
        try:
            data = json.loads(self._record.read_text(encoding="utf-8"))
            return HousekeepingReport(**data)
        except (OSError, ValueError, TypeError):
            return None

    def _integrity(self) -> str:
        try:
            with closing(sqlite3.connect(f"file:{self._database}?mode=ro", uri=True)) as db:
                rows = [row[0] for row in db.execute("PRAGMA integrity_check")]
        except sqlite3.Error as exc:
            return f"cannot check: {exc}"
        return "ok" if rows == ["ok"] else "; ".join(rows[:5])

    def _remember(self, report: HousekeepingReport) -> None:
        replace_json(self._record, asdict(report))


def housekeeper_for(
    settings: KioskSettings, submissions: SubmissionQueue, audit: AuditTrail, actor: str
) -> Housekeeper:
    """The housekeeping these settings ask for, on this kiosk's queue."""
    return Housekeeper(
        database=settings.database_path,
        data_dir=settings.data_dir,
        purge=submissions.purge_delivered,
        retention=timedelta(days=settings.sync.retention_days),
        quiet_hour=settings.sync.housekeeping_hour,
        backups_kept=settings.sync.backups_kept,
        timezone=settings.terminal.timezone,
        audit=audit,
        actor=actor,
    )
