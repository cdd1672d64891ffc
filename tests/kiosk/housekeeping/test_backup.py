"""The queue's backup: taken while the kiosk writes, checked, restorable."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.housekeeping.backup import (
    BackupError,
    backups_in,
    check_backup,
    prune_backups,
    restore_backup,
    take_backup,
)
from kiosk.storage.migrate import open_database
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.kiosk_db import rows
from tests.helpers.sealed import TEST_SEALER

NOW = datetime(2026, 12, 7, 3, 0, 0)


def kiosk_with_cases(path: Path, count: int) -> list[str]:
    engine = open_database(path)
    store = SubmissionStore(engine, "T0001", TEST_SEALER)
    cases = [
        NewSubmission("M-0001", "v1", {"answers": {"name": f"𠀀申请人{i}"}}, "申**", "110***")
        for i in range(count)
    ]
    stored = [s.case_number for s in store.add(cases, date(2026, 12, 7))]
    engine.dispose()
    return stored


def test_a_backup_holds_every_case_and_restores_in_place_of_a_lost_database(
    tmp_path: Path,
) -> None:
    database = tmp_path / "kiosk.db"
    cases = kiosk_with_cases(database, 3)
    backup = take_backup(database, tmp_path / "backups", NOW)
    assert backup.counts["submissions"] == 3
    assert check_backup(backup.path) == []
    assert backup.path.stat().st_mode & 0o777 == 0o600

    database.write_bytes(b"this disk sector went bad")
    restore_backup(backup.path, database)

    engine = open_database(database)
    assert [row.case_number for row in rows(engine)] == cases
    engine.dispose()
    assert (tmp_path / "kiosk.db.before-restore").read_bytes() == b"this disk sector went bad"


def test_a_backup_is_a_snapshot_while_another_connection_writes(tmp_path: Path) -> None:
    database = tmp_path / "kiosk.db"
    kiosk_with_cases(database, 2)
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM delivery_events")  # uncommitted while the copy is taken
    backup = take_backup(database, tmp_path / "backups", NOW)
    writer.execute("ROLLBACK")
    writer.close()
    assert check_backup(backup.path, backup.counts) == []
    assert backup.counts["delivery_events"] > 0


def test_a_damaged_backup_is_found_and_never_restored(tmp_path: Path) -> None:
    database = tmp_path / "kiosk.db"
    kiosk_with_cases(database, 1)
    backup = take_backup(database, tmp_path / "backups", NOW)
    data = bytearray(backup.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the copy overwritten
    backup.path.write_bytes(bytes(data))
    assert check_backup(backup.path)
    with pytest.raises(BackupError, match="not a sound backup"):
        restore_backup(backup.path, database)
    assert check_backup(database) == []  # the live file untouched


def test_a_backup_missing_rows_does_not_check_out(tmp_path: Path) -> None:
    database = tmp_path / "kiosk.db"
    kiosk_with_cases(database, 2)
    backup = take_backup(database, tmp_path / "backups", NOW)
    with sqlite3.connect(backup.path) as copy:
        copy.execute("DELETE FROM submissions WHERE id = (SELECT max(id) FROM submissions)")
    assert check_backup(backup.path, backup.counts) == ["submissions: 1 rows, expected 2"]


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    database = tmp_path / "kiosk.db"
    kiosk_with_cases(database, 1)
    folder = tmp_path / "backups"
    for day in (4, 5, 6, 7):
        take_backup(database, folder, NOW.replace(day=day))
    removed = prune_backups(folder, keep=2)
    assert [p.name for p in removed] == ["kiosk-20261204T030000.db", "kiosk-20261205T030000.db"]
    assert [p.name for p in backups_in(folder)] == [
        "kiosk-20261206T030000.db",
        "kiosk-20261207T030000.db",
    ]
