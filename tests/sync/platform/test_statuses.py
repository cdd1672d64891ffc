"""Case statuses move forward one recorded step at a time, or to rejected before the end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.contract import CaseStatus
from sync.platform.ingest import Ingestor
from sync.platform.statuses import (
    IllegalMove,
    UnknownCase,
    advance_all_one_step,
    move_all,
    move_case,
    steps_to,
)
from sync.platform.tables import CaseEventRow, CaseRow
from tests.helpers.platform.builders import batch, sealed_item

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
S = CaseStatus


def stored(ingestor: Ingestor, sequence: int = 1) -> str:
    answer = ingestor.submissions("GZ0001", batch(sealed_item(sequence=sequence))).results[0]
    assert answer.case_id is not None
    return answer.case_id


def history(engine: Engine, case_id: str) -> list[tuple[str, str | None]]:
    with Session(engine) as session:
        events = session.scalars(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id)
            .order_by(CaseEventRow.sequence)
        )
        return [(event.status, event.note) for event in events]


@pytest.mark.parametrize(
    ("current", "target", "steps"),
    [
        (S.RECEIVED, S.ACCEPTED, (S.ACCEPTED,)),
        (S.RECEIVED, S.FINISHED, (S.ACCEPTED, S.IN_REVIEW, S.FINISHED)),
        (S.ACCEPTED, S.IN_REVIEW, (S.IN_REVIEW,)),
        (S.RECEIVED, S.REJECTED, (S.REJECTED,)),
        (S.IN_REVIEW, S.REJECTED, (S.REJECTED,)),
    ],
)
def test_a_case_moves_forward_through_each_status_or_is_rejected(
    current: CaseStatus, target: CaseStatus, steps: tuple[CaseStatus, ...]
) -> None:
    assert steps_to(current, target) == steps


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.IN_REVIEW, S.ACCEPTED),
        (S.ACCEPTED, S.ACCEPTED),
        (S.FINISHED, S.REJECTED),
        (S.REJECTED, S.ACCEPTED),
        (S.ACCEPTED, S.RECEIVED),
    ],
)
def test_a_case_never_moves_back_nor_out_of_a_final_status(
    current: CaseStatus, target: CaseStatus
) -> None:
    with pytest.raises(IllegalMove):
        steps_to(current, target)


def test_a_move_of_several_steps_records_each_with_the_note_on_the_last(
    ingestor: Ingestor, engine: Engine
) -> None:
    case_id = stored(ingestor)
    with Session(engine) as session, session.begin():
        move_case(session, case_id, S.FINISHED, NOW, note="请到窗口领取")
    assert history(engine, case_id) == [
        ("received", None),
        ("accepted", None),
        ("in_review", None),
        ("finished", "请到窗口领取"),
    ]
    with Session(engine) as session:
        case = session.get(CaseRow, case_id)
        assert case is not None and case.status == "finished"


def test_moving_an_unknown_case_says_so(engine: Engine) -> None:
    with Session(engine) as session, session.begin(), pytest.raises(UnknownCase):
        move_case(session, "GD20261123NOSUCHCASE", S.ACCEPTED, NOW)


def test_advancing_all_moves_every_open_case_one_step(ingestor: Ingestor, engine: Engine) -> None:
    first, second, rejected = stored(ingestor, 1), stored(ingestor, 2), stored(ingestor, 3)
    with Session(engine) as session, session.begin():
        move_case(session, second, S.IN_REVIEW, NOW)
        move_case(session, rejected, S.REJECTED, NOW)
    with Session(engine) as session, session.begin():
        assert advance_all_one_step(session, NOW) == 2
    assert history(engine, first)[-1][0] == "accepted"
    assert history(engine, second)[-1][0] == "finished"
    assert history(engine, rejected)[-1][0] == "rejected"


def test_moving_all_to_a_status_skips_cases_that_cannot_go_there(
    ingestor: Ingestor, engine: Engine
) -> None:
    waiting, done = stored(ingestor, 1), stored(ingestor, 2)
    with Session(engine) as session, session.begin():
        move_case(session, done, S.FINISHED, NOW)
    with Session(engine) as session, session.begin():
        assert move_all(session, S.IN_REVIEW, NOW) == 1
    assert [status for status, _ in history(engine, waiting)] == [
        "received",
        "accepted",
        "in_review",
    ]
