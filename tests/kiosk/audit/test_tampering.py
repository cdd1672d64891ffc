"""`kiosk audit verify` on the real database file after each kind of tampering done with raw
SQL: it exits non-zero with a line naming the record; an untouched log verifies with exit 0."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.audit.chain import AuditRecord, ChainHead, canonical_details, new_record
from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from kiosk.audit.verification import verify_chain
from kiosk.cli.main import main
from kiosk.config import KioskSettings
from kiosk.storage.migrate import ensure_current_schema
from kiosk.storage.sqlite import SqliteDatabase

RECORDS = 6


@pytest.fixture
def log(settings: KioskSettings) -> Iterator[AuditLog]:
    """Six records in the kiosk's own database, as the touchscreen and the agent append them."""
    ensure_current_schema(settings.database_path)
    database = SqliteDatabase(settings.database_path)
    audit = AuditLog.in_suite(database, settings.platform.suite)
    for number in range(1, RECORDS + 1):
        audit.record(AuditEvent.SUBMISSION_ACCEPTED, "resident", {"case_number": f"C{number}"})
    yield audit
    database.close()


def raw_sql(settings: KioskSettings, *statements: str) -> None:
    with closing(sqlite3.connect(settings.database_path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def verify(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str]]:
    code = main(["audit", "verify", *options])
    return code, capsys.readouterr().out.splitlines()


def test_an_untouched_log_verifies(log: AuditLog, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = verify(capsys)
    assert code == 0
    head = log.head()
    assert head is not None
    assert lines == [f"audit log intact: {RECORDS} records, head {RECORDS}:{head.hash}"]


def test_an_edited_record_is_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    raw_sql(
        settings, """UPDATE audit_records SET details = '{"case_number":"C9"}' WHERE sequence = 3"""
    )
    code, lines = verify(capsys)
    assert code == 1
    assert lines == [
        "record 3: edited: its content no longer matches its hash "
        "(changed after it was written, or forged)"
    ]


def test_a_removed_record_is_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    raw_sql(settings, "DELETE FROM audit_records WHERE sequence = 3")
    code, lines = verify(capsys)
    assert code == 1
    assert lines == [
        "record 3: removed: it was written but is no longer in the log (record 4 followed it)"
    ]


def test_a_removed_record_is_named_even_when_the_later_ones_are_renumbered(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    raw_sql(
        settings,
        "DELETE FROM audit_records WHERE sequence = 3",
        "UPDATE audit_records SET sequence = -(sequence - 1) WHERE sequence > 3",
        "UPDATE audit_records SET sequence = -sequence WHERE sequence < 0",
    )
    code, lines = verify(capsys)
    assert code == 1
    assert lines[0].startswith("record 3: removed: it was written but is no longer in the log")


def test_an_inserted_record_is_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    """The forger knows the encoding and the digest: the record's own hash is right, and the
    records after it are renumbered to make room."""
    records = log.records()
    forged = new_record(
        log.digest,
        ChainHead(2, records[1].hash),
        moment=written_at(records[2]),
        event=AuditEvent.RECEIPT_REPRINTED.dotted,
        actor="S-001",
        details={"case_number": "C2"},
    )
    raw_sql(
        settings,
        "UPDATE audit_records SET sequence = -(sequence + 1) WHERE sequence >= 3",
        "UPDATE audit_records SET sequence = -sequence WHERE sequence < 0",
        insert_statement(forged),
    )
    code, lines = verify(capsys)
    assert code == 1
    assert lines == [
        "record 3: inserted: the chain passes it by: record 4 follows record 2 directly"
    ]


def test_a_copied_record_is_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = log.records()[1]
    raw_sql(settings, insert_statement(copy, sequence=RECORDS + 1))
    code, lines = verify(capsys)
    assert code == 1
    assert lines == [f"record {RECORDS + 1}: inserted: a copy of record 2"]


def test_reordered_records_are_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    raw_sql(
        settings,
        "UPDATE audit_records SET sequence = -1 WHERE sequence = 3",
        "UPDATE audit_records SET sequence = 3 WHERE sequence = 4",
        "UPDATE audit_records SET sequence = 4 WHERE sequence = -1",
    )
    code, lines = verify(capsys)
    assert code == 1
    assert lines == [
        "record 3: reordered: it was written after record 4 but is stored before it",
        "record 4: reordered: it was written before record 3 but is stored after it",
    ]


def test_a_record_rewritten_with_its_hash_recomputed_is_named(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    records = log.records()
    rewritten = new_record(
        log.digest,
        ChainHead(2, records[1].hash),
        moment=written_at(records[2]),
        event=records[2].event,
        actor=records[2].actor,
        details={"case_number": "C9"},
    )
    raw_sql(
        settings,
        "DELETE FROM audit_records WHERE sequence = 3",
        insert_statement(rewritten),
    )
    code, lines = verify(capsys)
    assert code == 1
    assert lines[0].startswith("record 3: edited: it was rewritten (its hash recomputed)")


def test_a_log_cut_short_verifies_alone_but_not_against_the_platforms_head(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    head = log.head()
    assert head is not None
    raw_sql(settings, f"DELETE FROM audit_records WHERE sequence > {RECORDS - 2}")
    assert verify(capsys)[0] == 0
    code, lines = verify(capsys, "--head", f"{head.sequence}:{head.hash}")
    assert code == 1
    assert lines == [
        f"record {RECORDS - 1}: truncated: records {RECORDS - 1} to {RECORDS} are gone from "
        f"the end: the platform last saw record {RECORDS}, the log ends at record {RECORDS - 2}"
    ]


def test_a_log_rewritten_from_some_record_on_fails_against_the_platforms_head(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    """Everything from record 4 on thrown away and written anew, hashes and all."""
    head = log.head()
    assert head is not None
    raw_sql(settings, "DELETE FROM audit_records WHERE sequence >= 4")
    for number in range(4, RECORDS + 1):
        log.record(AuditEvent.SUBMISSION_ACCEPTED, "resident", {"case_number": f"X{number}"})
    assert verify(capsys)[0] == 0
    code, lines = verify(capsys, "--head", f"{head.sequence}:{head.hash}")
    assert code == 1
    assert lines == [
        f"record {RECORDS}: rewritten: it is not the record the platform last saw: "
        "the log was rewritten up to here"
    ]


def test_the_outcome_as_json_names_each_finding(
    log: AuditLog, settings: KioskSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    raw_sql(settings, "DELETE FROM audit_records WHERE sequence = 2")
    code, lines = verify(capsys, "--json")
    outcome = json.loads("\n".join(lines))
    assert code == 1
    assert outcome["intact"] is False
    assert outcome["records"] == RECORDS - 1
    assert [(f["sequence"], f["kind"]) for f in outcome["findings"]] == [(2, "removed")]


def written_at(record: AuditRecord) -> datetime:
    return datetime.strptime(record.recorded_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def insert_statement(record: AuditRecord, sequence: int | None = None) -> str:
    values = (
        sequence or record.sequence,
        record.recorded_at,
        record.event,
        record.actor,
        record.details,
        record.previous_hash,
        record.hash,
    )
    quoted = ", ".join(
        str(v) if isinstance(v, int) else "'" + v.replace("'", "''") + "'" for v in values
    )
    return f"INSERT INTO audit_records VALUES ({quoted})"


def test_exported_records_carry_their_hashes_and_check_again_elsewhere(
    log: AuditLog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "audit.jsonl"
    assert main(["audit", "export", "--since", "3", "--to", str(target)]) == 0
    exported = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [entry["sequence"] for entry in exported] == [3, 4, 5, 6]
    stored = log.records()
    assert exported[0]["previous_hash"] == stored[1].hash
    assert exported[0] == stored[2].to_json()
    as_read = [
        AuditRecord(**entry | {"details": canonical_details(entry["details"])})
        for entry in exported
    ]
    assert verify_chain(as_read, log.digest, whole=False) == []
    assert verify_chain(as_read, log.digest) != []  # alone, its start is missing
    assert "4 audit records written" in capsys.readouterr().err


def test_export_since_a_date_takes_the_terminals_local_day(
    log: AuditLog, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "export", "--since", "2000-01-01"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == RECORDS
    assert main(["audit", "export", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["audit", "export", "--since", "yesterday"]) == 2
