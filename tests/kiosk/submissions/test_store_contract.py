"""What the submission store promises, on both kinds of database it runs on: the engine the
touchscreen and the sync agent share, and the bare sqlite3 connections of `kiosk submit`.
Every test runs on each; rows one writes, the other (and the ORM) reads alike."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.storage.sqlite import Database, SqliteDatabase
from kiosk.storage.tables import DeliveryEvent
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.sealing import PayloadSealer, SealingUnavailable
from kiosk.submissions.states import ReceiptState, SubmissionState
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.data import FIXED_NOW
from tests.helpers.kiosk_db import rows
from tests.helpers.sealed import TEST_SEALER, opened_payload

DAY = date(2026, 11, 23)
ID_NUMBER = "11010519491231002X"


def new_case(name: str = "王秀英", id_number: str = ID_NUMBER) -> NewSubmission:
    return NewSubmission("M-0001", "v1", {"answers": {"name": name}}, "王**", "110***", id_number)


@pytest.fixture(params=["engine", "sqlite3"])
def database(request: pytest.FixtureRequest, engine: Engine, tmp_path: Path) -> Iterator[Database]:
    if request.param == "engine":
        yield engine
        return
    database = SqliteDatabase(tmp_path / "kiosk.db")
    yield database
    database.close()


def another_like(database: Database) -> Database:
    """A database of the same kind on the same file, for another thread or process."""
    return SqliteDatabase(database.path) if isinstance(database, SqliteDatabase) else database


def store_on(database: Database, sealer: PayloadSealer | None = TEST_SEALER) -> SubmissionStore:
    return SubmissionStore(database, "T1", sealer, clock=lambda: FIXED_NOW)


def test_a_stored_case_reads_back_through_the_orm_as_queued_and_sealed(
    database: Database, engine: Engine
) -> None:
    (stored,) = store_on(database).add([new_case()], DAY)

    (row,) = rows(engine)
    assert (row.case_number, row.state, row.receipt_state) == (
        stored.case_number,
        SubmissionState.QUEUED,
        ReceiptState.PENDING,
    )
    assert row.created_at == FIXED_NOW.replace(tzinfo=None) == row.state_changed_at
    assert (row.attempts, row.payload, row.bundle_id) == (0, None, None)
    assert opened_payload(row) == {"answers": {"name": "王秀英"}}
    with Session(engine) as session:
        events = session.scalars(select(DeliveryEvent)).all()
    assert [(e.kind, e.item_id, e.state, e.at) for e in events] == [
        ("submission", row.id, SubmissionState.QUEUED, row.created_at)
    ]


def test_what_the_store_returns_is_what_it_reads_back(database: Database) -> None:
    store = store_on(database)

    (stored,) = store.add([new_case()], DAY)

    assert store.get(stored.case_number) == stored
    assert stored.created_at == FIXED_NOW


def test_case_numbers_follow_each_other_per_day_whichever_database_wrote_the_last(
    database: Database, engine: Engine
) -> None:
    first = store_on(database).add([new_case()], DAY)
    second = store_on(engine).add([new_case()], DAY)
    third = store_on(database).add([new_case()], DAY)
    next_day = store_on(database).add([new_case()], date(2026, 11, 24))

    numbers = [s.case_number for s in (*first, *second, *third, *next_day)]
    assert numbers == [
        "T1-20261123-000001",
        "T1-20261123-000002",
        "T1-20261123-000003",
        "T1-20261124-000001",
    ]


def test_a_bundle_is_stored_whole_with_one_bundle_id(database: Database, engine: Engine) -> None:
    stored = store_on(database).add([new_case(), new_case()], DAY, bundle_code="B-1")

    assert len({s.bundle_id for s in stored}) == 1 and stored[0].bundle_id is not None
    assert [(r.bundle_id, r.bundle_code) for r in rows(engine)] == [
        (stored[0].bundle_id, "B-1")
    ] * 2


def test_a_bundle_that_fails_half_way_stores_nothing(database: Database, engine: Engine) -> None:
    class FailsOnSecond(PayloadSealer):
        def __init__(self) -> None:
            self.calls = 0

        def seal(self, payload: dict[str, Any], *context: str) -> str:
            self.calls += 1
            if self.calls == 2:
                raise RuntimeError("sealing broke")
            return TEST_SEALER.seal(payload, *context)

    with pytest.raises(RuntimeError):
        store_on(database, FailsOnSecond()).add([new_case(), new_case()], DAY, "B-1")

    assert rows(engine) == []
    assert store_on(database).add([new_case()], DAY)[0].case_number == "T1-20261123-000001"


def test_without_a_platform_key_nothing_is_written(database: Database, engine: Engine) -> None:
    with pytest.raises(SealingUnavailable):
        store_on(database, sealer=None).add([new_case()], DAY)
    assert rows(engine) == []


def test_the_receipt_outcome_and_the_receipt_are_kept_for_a_reprint(database: Database) -> None:
    store = store_on(database)
    cases = [s.case_number for s in store.add([new_case(), new_case()], DAY, "B-1")]

    store.record_receipt(cases, printed=False, problem="缺纸", receipt_json='{"r": 1}')
    store.record_receipt(cases[:1], printed=True, problem=None)  # a reprint keeps the receipt

    assert [store.stored_receipt(case) for case in cases] == ['{"r": 1}', '{"r": 1}']
    assert [s.receipt_state for s in map(store.get, cases) if s] == [
        ReceiptState.PRINTED,
        ReceiptState.NOT_PRINTED,
    ]
    assert store.stored_receipt("T1-20991231-000001") is None


def test_an_id_card_finds_its_cases_newest_first_and_no_others(database: Database) -> None:
    store = store_on(database)
    assert store.find_by_applicant(ID_NUMBER) == []  # no secret yet: nothing to find
    older, other, newer = (
        store.add([new_case(id_number=number)], DAY)[0]
        for number in (ID_NUMBER, "110105194912310021", ID_NUMBER.lower())
    )

    found = store.find_by_applicant(ID_NUMBER)

    assert [s.case_number for s in found] == [newer.case_number, older.case_number]
    assert other.case_number not in {s.case_number for s in found}


def test_counts_cover_every_state(database: Database, engine: Engine) -> None:
    store = store_on(database)
    store.add([new_case(), new_case()], DAY)
    SubmissionQueue(engine).claim_batch(1)

    counts = store.counts_by_state()

    assert counts == {state.value: 0 for state in SubmissionState} | {"queued": 1, "sending": 1}


def test_a_generated_terminal_id_is_kept_in_the_data_dir(database: Database) -> None:
    store = SubmissionStore(database, None, TEST_SEALER)

    (stored,) = store.add([new_case()], DAY)

    assert (
        stored.terminal_id
        == store.terminal_id()
        == SubmissionStore(database, None, None).terminal_id()
    )
    assert stored.terminal_id.startswith("T") and len(stored.terminal_id) == 9


def test_two_writers_at_once_never_share_a_case_number(database: Database, engine: Engine) -> None:
    numbers: list[str] = []
    start = threading.Barrier(2)

    def write(own: Database) -> None:
        store = store_on(own)
        start.wait()
        for _ in range(10):
            numbers.extend(s.case_number for s in store.add([new_case()], DAY))
        if isinstance(own, SqliteDatabase):
            own.close()  # opened in this thread, closed in it

    threads = [
        threading.Thread(target=write, args=(db,)) for db in (another_like(database), engine)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(numbers) == [f"T1-20261123-{n:06d}" for n in range(1, 21)]


def test_a_command_s_transactions_share_one_connection_until_it_closes(
    engine: Engine, tmp_path: Path
) -> None:
    database = SqliteDatabase(tmp_path / "kiosk.db")
    store = store_on(database)
    first = database.raw_connection().cursor().connection

    store.add([new_case()], DAY)

    assert database.raw_connection().cursor().connection is first
    database.close()
    with pytest.raises(sqlite3.ProgrammingError):  # closed for good
        first.execute("SELECT 1")
    assert len(rows(engine)) == 1
