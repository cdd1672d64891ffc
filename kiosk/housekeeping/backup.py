"""A verified backup of the queue, taken with SQLite's online backup while the kiosk runs.

The copy is taken inside one read transaction, so the row counts read beside it describe the
same snapshot; it is then opened on its own and checked (integrity, schema revision, the same
counts) before it counts as a backup at all. A copy that fails the check is deleted, never
kept beside good ones. Backups hold what the database holds: sealed payloads stay sealed,
and the files are readable by the kiosk's user alone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.storage.migrate import head_revision

BACKUP_PREFIX = "kiosk-"
BACKUP_SUFFIX = ".db"
# The tables whose rows a backup must hold exactly; the rest is history and metadata.
COUNTED_TABLES = ("submissions", "ratings", "delivery_events")


class BackupError(Exception):
    """A backup could not be made or does not check out; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    counts: dict[str, int]


def take_backup(database: Path, folder: Path, now: datetime) -> Backup:
    """Copy the live database into `folder`, check the copy, and return it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{BACKUP_PREFIX}{now.strftime('%Y%m%dT%H%M%S')}{BACKUP_SUFFIX}"
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(database, isolation_level=None, timeout=30)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            os.chmod(partial, 0o600)
            source.execute("BEGIN")  # one snapshot for the counts and the copy
            counts = _counts(source)
            source.backup(copy)
            source.execute("COMMIT")
        problems = check_backup(partial, counts)
        if problems:
            raise BackupError(f"the copy did not check out: {'; '.join(problems)}")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"backup failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return Backup(target, counts)


def check_backup(path: Path, expected: dict[str, int] | None = None) -> list[str]:
    """What is wrong with a backup file (empty when it is sound): it opens, passes SQLite's
    integrity check, carries the schema this software writes, and (when given) holds the
    rows counted when it was taken."""
    if not path.is_file():
        return [f"{path.name}: no such file"]
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            integrity = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                return [f"integrity check: {'; '.join(integrity[:5])}"]
            revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
            problems = []
            if revision is None or revision[0] != head_revision():
                problems.append(
                    f"schema {revision[0] if revision else 'none'}, expected {head_revision()}"
                )
            if expected is not None:
                found = _counts(copy)
                problems.extend(
                    f"{table}: {found.get(table)} rows, expected {count}"
                    for table, count in expected.items()
                    if found.get(table) != count
                )
            return problems
    except sqlite3.Error as exc:
        return [f"cannot read it as a database: {exc}"]


def backups_in(folder: Path) -> list[Path]:
    """The backups kept in `folder`, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"))


def prune_backups(folder: Path, keep: int) -> Sequence[Path]:
    """Delete all but the newest `keep` backups; returns what was deleted."""
    doomed = backups_in(folder)[:-keep] if keep > 0 else backups_in(folder)
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def restore_backup(backup: Path, database: Path) -> None:
    """Put a checked backup in place of the database. Only with the touchscreen and the sync
    agent stopped: they hold the live file open. The old file is kept beside it."""
    problems = check_backup(backup)
    if problems:
        raise BackupError(f"{backup.name} is not a sound backup: {'; '.join(problems)}")
    staging = database.with_name(database.name + ".restoring")
    shutil.copyfile(backup, staging)
    os.chmod(staging, 0o600)
    for suffix in ("", "-wal", "-shm"):  # the old file and its log, set aside together
        old = database.with_name(database.name + suffix)
        if old.exists():
            os.replace(old, database.with_name(f"{database.name}.before-restore{suffix}"))
    os.replace(staging, database)


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    present = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    # The names come from COUNTED_TABLES, never from input.
    return {
        table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in COUNTED_TABLES
        if table in present
    }
