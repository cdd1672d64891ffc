"""Ratings (好差评) queue for the platform like submissions, and never overtake their case."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.delivery_queue.states import DeliveryState
from kiosk.rating_queue import rating_queue
from kiosk.ratings import Satisfaction
from kiosk.storage.tables import RatingRow
from tests.helpers.cases import accepted_case, deliver_case, rate, rated_delivered_case
from tests.helpers.data import FIXED_NOW


def test_each_rating_is_queued_with_its_own_idempotency_key(engine: Engine) -> None:
    case = accepted_case(engine)
    rate(engine, case)
    rate(engine, case)
    with Session(engine) as session:
        rows = list(session.scalars(select(RatingRow)))
    assert {row.state for row in rows} == {DeliveryState.QUEUED}
    keys = {row.idempotency_key for row in rows}
    assert len(keys) == 2
    assert all(uuid.UUID(key).version == 4 for key in keys)


def test_a_rating_waits_until_the_platform_holds_its_case(engine: Engine) -> None:
    case = accepted_case(engine)
    rate(engine, case, Satisfaction.DISSATISFIED)
    queue = rating_queue(engine)
    assert not queue.has_claimable()
    assert queue.claim_batch(10) == []
    assert queue.waiting_count() == 1
    deliver_case(engine, case)
    assert queue.has_claimable()
    (item,) = queue.claim_batch(10)
    assert not queue.has_claimable()
    assert (item.case_number, item.level, item.reasons) == (
        case,
        "DISSATISFIED",
        ["操作步骤太多"],
    )
    assert item.needs_follow_up
    assert item.rated_at == FIXED_NOW


def test_a_delivered_rating_is_sent_once(engine: Engine) -> None:
    rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    assert queue.claim_batch(10) == []
    queue.mark_delivered(item.idempotency_key)
    assert queue.waiting_count() == 0
    with pytest.raises(ValueError, match="cannot move from delivered"):
        queue.release([item.idempotency_key], "timeout")


def test_released_and_interrupted_ratings_are_sent_again(engine: Engine) -> None:
    rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    queue.release([item.idempotency_key], "HTTP 503")
    (again,) = queue.claim_batch(10)
    assert again.idempotency_key == item.idempotency_key
    assert queue.recover_interrupted() == 1
    assert len(queue.claim_batch(10)) == 1


def test_a_refused_rating_is_quarantined_with_the_reason(engine: Engine) -> None:
    rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    queue.quarantine(item.idempotency_key, "unknown_case")
    with Session(engine) as session:
        row = session.scalars(select(RatingRow)).one()
    assert (row.state, row.last_error) == ("quarantined", "unknown_case")
    assert queue.claim_batch(10) == []
    assert queue.waiting_count() == 0


def test_staff_queue_a_refused_rating_again(engine: Engine) -> None:
    case = rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    queue.quarantine(item.idempotency_key, "unknown_case")
    assert queue.counts()[DeliveryState.QUARANTINED] == 1
    assert queue.retry(None).retried == [case]
    assert queue.counts()[DeliveryState.QUARANTINED] == 0
    (again,) = queue.claim_batch(10)
    assert again.idempotency_key == item.idempotency_key  # the same rating, sent once more
    assert queue.retry(None).retried == []


def test_a_queued_rating_cannot_skip_sending(engine: Engine) -> None:
    case = accepted_case(engine)
    rate(engine, case)
    with Session(engine) as session:
        key = session.scalars(select(RatingRow.idempotency_key)).one()
    with pytest.raises(ValueError, match="cannot move from queued to delivered"):
        rating_queue(engine).mark_delivered(key)


def test_a_batch_naming_an_unknown_key_changes_nothing(engine: Engine) -> None:
    rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    with pytest.raises(ValueError, match="no rating has idempotency key no-such-key"):
        queue.mark_all_delivered([item.idempotency_key, "no-such-key"])
    assert queue.recover_interrupted() == 1  # still being sent, not delivered


def test_a_rating_keeps_the_history_of_its_moves(engine: Engine) -> None:
    case = rated_delivered_case(engine)
    queue = rating_queue(engine)
    (item,) = queue.claim_batch(10)
    queue.release([item.idempotency_key], "timed out")
    (item,) = queue.claim_batch(10)
    queue.mark_delivered(item.idempotency_key)
    assert [(state, detail) for _, state, detail in queue.history(case)] == [
        (DeliveryState.QUEUED, None),
        (DeliveryState.SENDING, "attempt 1"),
        (DeliveryState.QUEUED, "timed out"),
        (DeliveryState.SENDING, "attempt 2"),
        (DeliveryState.DELIVERED, None),
    ]
