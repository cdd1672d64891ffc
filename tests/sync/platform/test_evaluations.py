"""Ratings (好差评) of cases: stored once per key, only for this terminal's own cases."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.contract import BatchResult, ItemOutcome, RefusalCode
from sync.platform.db import session_factory
from sync.platform.ingest import Ingestor
from sync.platform.reports import list_conflicts
from sync.platform.tables import EvaluationRow
from tests.helpers.platform.builders import SHANGHAI, batch, evaluation, evaluations, sealed_item
from tests.helpers.platform.reference import SHARED_CATALOGS, TEST_PLATFORM_KEYS


def stored_case(ingestor: Ingestor, terminal_id: str = "GZ0001") -> tuple[str, str]:
    item = sealed_item(terminal_id)
    case_id = ingestor.submissions(terminal_id, batch(item)).results[0].case_id
    assert case_id is not None
    return item.case_number, case_id


def count_evaluations(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(EvaluationRow)) or 0


def test_a_rating_of_a_held_case_is_stored_against_it(ingestor: Ingestor, engine: Engine) -> None:
    number, case_id = stored_case(ingestor)
    rating = evaluation(number, "DISSATISFIED", reasons=["等候时间长"], needs_follow_up=True)
    (answer,) = ingestor.evaluations("GZ0001", evaluations(rating)).results
    assert (answer.outcome, answer.case_id) == (ItemOutcome.STORED, case_id)
    with Session(engine) as session:
        row = session.get(EvaluationRow, rating.idempotency_key)
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
    rating = evaluation(number)
    ingestor.evaluations("GZ0001", evaluations(rating))
    again = ingestor.evaluations("GZ0001", evaluations(rating)).results[0]
    changed = ingestor.evaluations(
        "GZ0001", evaluations(rating.model_copy(update={"level": "VERY_DISSATISFIED"}))
    ).results[0]
    assert (again.outcome, again.case_id) == (ItemOutcome.DUPLICATE, case_id)
    assert (changed.outcome, changed.code) == (
        ItemOutcome.REFUSED,
        RefusalCode.IDEMPOTENCY_CONFLICT,
    )
    with Session(engine) as session:
        assert [c["kind"] for c in list_conflicts(session)] == ["evaluation"]
    assert count_evaluations(engine) == 1


def test_a_rating_of_an_unknown_case_is_refused(ingestor: Ingestor) -> None:
    (answer,) = ingestor.evaluations(
        "GZ0001", evaluations(evaluation("GZ0001-20261123-000099"))
    ).results
    assert (answer.outcome, answer.code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_CASE)


def test_a_rating_of_another_terminals_case_is_refused(ingestor: Ingestor) -> None:
    number, _ = stored_case(ingestor, "GZ0001")
    (answer,) = ingestor.evaluations("GZ0002", evaluations(evaluation(number))).results
    assert (answer.outcome, answer.code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_CASE)


def test_a_batch_of_ratings_finds_each_case_among_the_terminals_own(
    ingestor: Ingestor, engine: Engine
) -> None:
    first, first_id = stored_case(ingestor)
    second_item = sealed_item("GZ0001", sequence=2)
    second_id = ingestor.submissions("GZ0001", batch(second_item)).results[0].case_id
    elsewhere, _ = stored_case(ingestor, "GZ0002")
    ratings = [evaluation(first), evaluation(elsewhere), evaluation(second_item.case_number)]
    answers = ingestor.evaluations("GZ0001", evaluations(*ratings)).results
    assert [(a.outcome, a.case_id) for a in answers] == [
        (ItemOutcome.STORED, first_id),
        (ItemOutcome.REFUSED, None),
        (ItemOutcome.STORED, second_id),
    ]
    assert answers[1].code is RefusalCode.UNKNOWN_CASE
    assert count_evaluations(engine) == 2


def test_a_rating_key_another_terminal_delivered_is_a_reported_conflict(
    ingestor: Ingestor, engine: Engine
) -> None:
    theirs_number, _ = stored_case(ingestor, "GZ0001")
    ours_number, _ = stored_case(ingestor, "GZ0002")
    theirs = evaluation(theirs_number)
    ingestor.evaluations("GZ0001", evaluations(theirs))
    ours = evaluation(ours_number, idempotency_key=theirs.idempotency_key)
    (answer,) = ingestor.evaluations("GZ0002", evaluations(ours)).results
    assert (answer.outcome, answer.code, answer.case_id) == (
        ItemOutcome.REFUSED,
        RefusalCode.IDEMPOTENCY_CONFLICT,
        None,
    )
    with Session(engine) as session:
        assert [(c["kind"], c["terminal_id"]) for c in list_conflicts(session)] == [
            ("evaluation", "GZ0002")
        ]
    assert count_evaluations(engine) == 1


def test_copies_of_one_rating_racing_each_other_store_it_once(
    ingestor: Ingestor, engine: Engine
) -> None:
    number, case_id = stored_case(ingestor)
    rating = evaluation(number)
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
        return worker.evaluations("GZ0001", evaluations(rating))

    with ThreadPoolExecutor(copies) as pool:
        answers = [result.results[0] for result in pool.map(deliver, range(copies))]

    assert {a.case_id for a in answers} == {case_id}
    assert [a.outcome for a in answers].count(ItemOutcome.STORED) == 1
    assert count_evaluations(engine) == 1
