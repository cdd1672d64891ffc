"""The delivery queue's verbs hold for any kind: a kind declared here, supply requests (耗材申领),
is queued, claimed, released, refused, retried and delivered with no code of its own beyond
its table and its QueueKind, and every move lands in the one history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.delivery_queue.queue import INTERRUPTED, RETRIED_BY_STAFF, DeliveryQueue, QueueKind
from kiosk.delivery_queue.states import DELIVERY_MOVES, DeliveryState
from kiosk.storage.tables import Queued
from kiosk.submissions.states import ALLOWED_TRANSITIONS, SubmissionState

S = DeliveryState
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class _Throwaway(DeclarativeBase):
    pass


class SupplyRequestRow(Queued, _Throwaway):
    """Staff asked for paper or ribbons: a kind the kiosk does not ship."""

    __tablename__ = "supply_requests"

    topic: Mapped[str] = mapped_column(String(32))


@dataclass(frozen=True)
class OutgoingSupplyRequest:
    idempotency_key: str
    topic: str


SUPPLY_REQUESTS: QueueKind[SupplyRequestRow, OutgoingSupplyRequest] = QueueKind(
    name="supply_request",
    table=SupplyRequestRow,
    moves=DELIVERY_MOVES,
    label=SupplyRequestRow.topic,
    label_noun="topic",
    outgoing=lambda row: OutgoingSupplyRequest(row.idempotency_key, row.topic),
)


SupplyQueue = DeliveryQueue[SupplyRequestRow, OutgoingSupplyRequest]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def queue(engine: Engine, clock: Clock) -> SupplyQueue:
    _Throwaway.metadata.create_all(engine)
    return DeliveryQueue(engine, SUPPLY_REQUESTS, clock)


def ask(queue: SupplyQueue, *topics: str) -> None:
    queue.enqueue(
        [SupplyRequestRow(idempotency_key=f"key-{topic}", topic=topic) for topic in topics]
    )


def test_a_new_kind_goes_through_every_verb_with_its_history(
    queue: SupplyQueue,
) -> None:
    ask(queue, "printer", "id-card")
    assert queue.counts() == {S.QUEUED: 2, S.SENDING: 0, S.DELIVERED: 0, S.QUARANTINED: 0}

    assert queue.claim_batch(10) == [
        OutgoingSupplyRequest("key-printer", "printer"),
        OutgoingSupplyRequest("key-id-card", "id-card"),
    ]
    queue.release(["key-printer"], "timed out")
    queue.quarantine("key-id-card", "unknown_topic")
    assert queue.waiting_count() == 1
    assert queue.retry(["id-card", "printer", "nothing"]).refused == {
        "printer": "not quarantined (it is queued)",
        "nothing": "unknown topic",
    }
    assert [item.topic for item in queue.claim_batch(10)] == ["printer", "id-card"]
    assert queue.recover_interrupted() == 2
    queue.claim_batch(10)
    queue.mark_all_delivered(["key-printer", "key-id-card"])
    assert not queue.has_claimable()
    assert queue.counts()[S.DELIVERED] == 2

    assert [(state, detail) for _, state, detail in queue.history("id-card")] == [
        (S.QUEUED, None),
        (S.SENDING, "attempt 1"),
        (S.QUARANTINED, "unknown_topic"),
        (S.QUEUED, RETRIED_BY_STAFF),
        (S.SENDING, "attempt 1"),
        (S.QUEUED, INTERRUPTED),
        (S.SENDING, "attempt 1"),
        (S.DELIVERED, None),
    ]
    assert [detail for _, _, detail in queue.history("printer")][1:4] == [
        "attempt 1",
        "timed out",
        "attempt 2",  # a release counts as an attempt
    ]


def test_every_move_is_timestamped_by_the_queue_clock(queue: SupplyQueue, clock: Clock) -> None:
    ask(queue, "printer")
    queued_at = clock.now
    queue.claim_batch(1)
    times = [at for at, _, _ in queue.history("printer")]
    assert times == [queued_at, clock.now]


@pytest.mark.parametrize(
    ("verb", "message"),
    [
        (lambda q: q.mark_delivered("key-printer"), "cannot move from queued to delivered"),
        (lambda q: q.quarantine("key-printer", "no"), "cannot move from queued to quarantined"),
        (lambda q: q.release(["key-printer"], "no"), "cannot move from queued to queued"),
        (lambda q: q.release(["key-other"], "no"), "no supply_request has idempotency key"),
    ],
)
def test_a_move_the_kind_does_not_allow_is_refused_and_changes_nothing(
    queue: SupplyQueue,
    verb: Callable[[SupplyQueue], None],
    message: str,
) -> None:
    ask(queue, "printer")
    with pytest.raises(ValueError, match=message):
        verb(queue)
    assert queue.counts()[S.QUEUED] == 1
    assert len(queue.history("printer")) == 1


def test_a_submission_makes_every_move_of_the_queue_and_its_own_after_delivery() -> None:
    for state, targets in DELIVERY_MOVES.items():
        assert targets <= ALLOWED_TRANSITIONS[state], state
    assert {state.value for state in DeliveryState} <= {state.value for state in SubmissionState}
    assert SubmissionState.ACCEPTED in ALLOWED_TRANSITIONS[S.DELIVERED]
