"""Ratings (好差评) of cases: stored once per key, only for this terminal's own cases."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from sync.contract import BatchResult, ItemOutcome, RefusalCode
from sync.platform.db import create_schema, session_factory
from sync.platform.ingest import Ingestor
from sync.platform.reports import list_conflicts
from sync.platform.tables import RatingRow
from tests.helpers.platform.builders import SHANGHAI, batch, rating_batch, rating_item, sealed_item
from tests.helpers.platform.reference import SHARED_CATALOGS, TEST_PLATFORM_KEYS


def stored_case(ingestor: Ingestor, terminal_id: str = "GZ0001") -> tuple[str, str]:
    item = sealed_item(terminal_id)
    case_id = ingestor.submissions(terminal_id, batch(item)).results[0].case_id
    assert case_id is not None
    return item.case_number, case_id


def count_ratings(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(RatingRow)) or 0


def test_a_rating_of_a_held_case_is_stored_against_it(ingestor: Ingestor, engine: Engine) -> None:
    number, case_id = stored_case(ingestor)
    rating = rating_item(number, "DISSATISFIED", reasons=["等候时间长"], needs_follow_up=True)
    (answer,) = ingestor.ratings("GZ0001", rating_batch(rating)).results
    assert (answer.outcome, answer.case_id) == (ItemOutcome.STORED, case_id)
    with Session(engine) as session:
        row = session.get(RatingRow, rating.idempotency_key)
        assert row is not None
        assert (row.level, row.reasons, row.needs_follow_up) == (
            "DISSATISFIED",
            ["等候时间长"],
            True,
        )


def test_a_rating_sent_again_is_a_duplicate_and_other_content_a_reported_conflict(
    ingestor: Ingestor, engine: Engine
) -> None:
    number, case_id = stored_case(ingestor)
    rating = rating_item(number)
    ingestor.ratings("GZ0001", rating_batch(rating))
    again = ingestor.ratings("GZ0001", rating_batch(rating)).results[0]
    changed = ingestor.ratings(
        "GZ0001", rating_batch(rating.model_copy(update={"level": "VERY_DISSATISFIED"}))
    ).results[0]
    assert (again.outcome, again.case_id) == (ItemOutcome.DUPLICATE, case_id)
    assert (changed.outcome, changed.code) == (
        ItemOutcome.REFUSED,
        RefusalCode.IDEMPOTENCY_CONFLICT,
    )
    with Session(engine) as session:
        assert [c["kind"] for c in list_conflicts(session)] == ["rating"]
    assert count_ratings(engine) == 1


def test_a_rating_of_an_unknown_case_is_refused(ingestor: Ingestor) -> None:
    (answer,) = ingestor.ratings(
        "GZ0001", rating_batch(rating_item("GZ0001-20261123-000099"))
    ).results
    assert (answer.outcome, answer.code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_CASE)


def test_a_rating_of_another_terminals_case_is_refused(ingestor: Ingestor) -> None:
    number, _ = stored_case(ingestor, "GZ0001")
    (answer,) = ingestor.ratings("GZ0002", rating_batch(rating_item(number))).results
    assert (answer.outcome, answer.code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_CASE)


def test_a_batch_of_ratings_finds_each_case_among_the_terminals_own(
    ingestor: Ingestor, engine: Engine
) -> None:
    first, first_id = stored_case(ingestor)
    second_item = sealed_item("GZ0001", sequence=2)
    second_id = ingestor.submissions("GZ0001", batch(second_item)).results[0].case_id
    elsewhere, _ = stored_case(ingestor, "GZ0002")
    ratings = [rating_item(first), rating_item(elsewhere), rating_item(second_item.case_number)]
    answers = ingestor.ratings("GZ0001", rating_batch(*ratings)).results
    assert [(a.outcome, a.case_id) for a in answers] == [
        (ItemOutcome.STORED, first_id),
        (ItemOutcome.REFUSED, None),
        (ItemOutcome.STORED, second_id),
    ]
    assert answers[1].code is RefusalCode.UNKNOWN_CASE
    assert count_ratings(engine) == 2


def test_a_rating_key_another_terminal_delivered_is_a_reported_conflict(
    ingestor: Ingestor, engine: Engine
) -> None:
    theirs_number, _ = stored_case(ingestor, "GZ0001")
    ours_number, _ = stored_case(ingestor, "GZ0002")
    theirs = rating_item(theirs_number)
    ingestor.ratings("GZ0001", rating_batch(theirs))
    ours = rating_item(ours_number, idempotency_key=theirs.idempotency_key)
    (answer,) = ingestor.ratings("GZ0002", rating_batch(ours)).results
    assert (answer.outcome, answer.code, answer.case_id) == (
        ItemOutcome.REFUSED,
        RefusalCode.IDEMPOTENCY_CONFLICT,
        None,
    )
    with Session(engine) as session:
        assert [(c["kind"], c["terminal_id"]) for c in list_conflicts(session)] == [
            ("rating", "GZ0002")
        ]
    assert count_ratings(engine) == 1


def test_copies_of_one_rating_racing_each_other_store_it_once(
    ingestor: Ingestor, engine: Engine
) -> None:
    number, case_id = stored_case(ingestor)
    rating = rating_item(number)
    copies = 4
    start_together = threading.Barrier(copies)

    def deliver(_: int) -> BatchResult:
        worker = Ingestor(
            session_factory(engine),
            TEST_PLATFORM_KEYS,
            SHARED_CATALOGS,
            SHANGHAI,
            lambda: datetime.now(UTC),
        )
        start_together.wait()
        return worker.ratings("GZ0001", rating_batch(rating))

    with ThreadPoolExecutor(copies) as pool:
        answers = [result.results[0] for result in pool.map(deliver, range(copies))]

    assert {a.case_id for a in answers} == {case_id}
    assert [a.outcome for a in answers].count(ItemOutcome.STORED) == 1
    assert count_ratings(engine) == 1


def test_a_platform_from_before_the_rename_keeps_its_ratings_and_conflicts(
    ingestor: Ingestor, engine: Engine
) -> None:
    number, _ = stored_case(ingestor)
    rating = rating_item(number)
    ingestor.ratings("GZ0001", rating_batch(rating))
    ingestor.ratings("GZ0001", rating_batch(rating.model_copy(update={"comment": "改了"})))
    with engine.begin() as connection:  # the tables as that platform named them
        connection.execute(text("ALTER TABLE ratings RENAME TO evaluations"))
        connection.execute(text("UPDATE idempotency_conflicts SET kind = 'evaluation'"))

    create_schema(engine)
    create_schema(engine)  # and again: nothing left to carry

    assert "evaluations" not in inspect(engine).get_table_names()
    assert count_ratings(engine) == 1
    with Session(engine) as session:
        assert [c["kind"] for c in list_conflicts(session)] == ["rating"]
    (again,) = ingestor.ratings("GZ0001", rating_batch(rating)).results
    assert again.outcome is ItemOutcome.DUPLICATE
