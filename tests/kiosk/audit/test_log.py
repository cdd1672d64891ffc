"""The audit log in the database: a chain from the genesis constant, one chain however many
processes append, and an append that belongs to its caller's transaction."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.audit.chain import GENESIS_HASH, ChainHead, hash_at
from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from kiosk.audit.trail import MemoryAuditTrail, RecordedEvent, TransactionalAuditTrail
from kiosk.crypto import suite_named
from kiosk.crypto.suite import DEFAULT_SUITE
from kiosk.storage.engine import open_engine
from kiosk.storage.sqlite import transaction

DIGEST = suite_named(DEFAULT_SUITE).digest
MOMENT = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)


def log_on(engine: Engine) -> AuditLog:
    return AuditLog(engine, DIGEST, clock=lambda: MOMENT)


def test_the_first_record_follows_the_genesis_constant_and_each_next_one_its_predecessor(
    engine: Engine,
) -> None:
    log = log_on(engine)
    log.record(AuditEvent.SUBMISSION_ACCEPTED, "resident", {"case_number": "C1"})
    log.record(AuditEvent.RECEIPT_PRINTED, "resident", {"case_numbers": "C1"})
    first, second = log.records()
    assert (first.sequence, first.previous_hash) == (1, GENESIS_HASH)
    assert (second.sequence, second.previous_hash) == (2, first.hash)
    assert first.event == "submission.accepted"
    assert first.recorded_at == "2026-12-07T08:30:00.000000Z"
    assert first.details == '{"case_number":"C1"}'
    assert hash_at(DIGEST, second, 2) == second.hash
    assert log.head() == ChainHead(2, second.hash)
    assert log.verify() == []


def test_an_empty_log_has_no_head_and_verifies(engine: Engine) -> None:
    log = log_on(engine)
    assert log.head() is None
    assert log.verify() == []


def test_details_are_hashed_in_one_order_whatever_order_they_were_given_in(
    engine: Engine, tmp_path: Path
) -> None:
    log = log_on(engine)
    log.record(AuditEvent.CONFIG_CHANGED, "T-007", {"key": "a", "old": "1", "new": "2"})
    other = open_engine(tmp_path / "other.db")
    try:
        from kiosk.storage.migrate import upgrade_to_head

        upgrade_to_head(other)
        log_on(other).record(
            AuditEvent.CONFIG_CHANGED, "T-007", {"new": "2", "old": "1", "key": "a"}
        )
        assert log_on(other).records()[0].hash == log.records()[0].hash
    finally:
        other.dispose()


def test_two_processes_appending_at_once_never_fork_the_chain(
    engine: Engine, tmp_path: Path
) -> None:
    """The touchscreen and the agent: two engines on one file, each from its own thread."""
    engines = [open_engine(tmp_path / "kiosk.db") for _ in range(2)]
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def append(log: AuditLog, actor: str) -> None:
        try:
            start.wait()
            for number in range(40):
                log.record(
                    AuditEvent.DELIVERED, actor, {"kind": "submission", "label": f"{number}"}
                )
        except BaseException as exc:  # reported by the test below
            failures.append(exc)

    threads = [
        threading.Thread(target=append, args=(AuditLog(each, DIGEST), actor))
        for each, actor in zip(engines, ("resident", "agent"), strict=True)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for each in engines:
            each.dispose()
    assert failures == []
    records = log_on(engine).records()
    assert [record.sequence for record in records] == list(range(1, 81))
    assert {record.actor for record in records} == {"resident", "agent"}
    assert log_on(engine).verify() == []


def test_a_record_appended_in_a_transaction_that_rolls_back_is_not_kept(engine: Engine) -> None:
    log = log_on(engine)

    def store_a_case_that_fails() -> None:
        with transaction(engine) as cursor:
            log.record_in(cursor, AuditEvent.SUBMISSION_ACCEPTED, "resident", {"case_number": "C1"})
            raise RuntimeError("the case could not be stored")

    with pytest.raises(RuntimeError):
        store_a_case_that_fails()
    assert log.records() == []


def test_records_are_read_from_a_sequence_number_or_a_moment_on(engine: Engine) -> None:
    moments = iter([datetime(2026, 12, day, 12, tzinfo=UTC) for day in (5, 6, 7)])
    log = AuditLog(engine, DIGEST, clock=lambda: next(moments))
    for day in (5, 6, 7):
        log.record(AuditEvent.HOUSEKEEPING_DONE, "system", {"day": str(day)})
    assert [r.sequence for r in log.records(since_sequence=2)] == [2, 3]
    assert [r.sequence for r in log.records(since=datetime(2026, 12, 6, tzinfo=UTC))] == [2, 3]


@pytest.mark.parametrize("kind", ["memory", "database"])
def test_either_trail_keeps_what_record_was_given_in_order(kind: str, engine: Engine) -> None:
    trail: TransactionalAuditTrail = MemoryAuditTrail() if kind == "memory" else log_on(engine)
    trail.record(AuditEvent.STAFF_LOGIN, "S-001")
    with transaction(engine) as cursor:
        trail.record_in(cursor, AuditEvent.OUT_OF_SERVICE, "S-001", {"reason": "paper"})
    assert kept(trail) == [
        RecordedEvent(AuditEvent.STAFF_LOGIN, "S-001", {}),
        RecordedEvent(AuditEvent.OUT_OF_SERVICE, "S-001", {"reason": "paper"}),
    ]


def kept(trail: TransactionalAuditTrail) -> list[RecordedEvent]:
    if isinstance(trail, MemoryAuditTrail):
        return trail.events
    assert isinstance(trail, AuditLog)
    import json

    return [
        RecordedEvent(AuditEvent(record.event), record.actor, json.loads(record.details))
        for record in trail.records()
    ]
