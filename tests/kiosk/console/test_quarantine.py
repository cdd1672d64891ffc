"""Quarantined cases and ratings at the console: listed with their case number and the
platform's reason, retried one at a time or all together."""

from __future__ import annotations

from sqlalchemy import Engine

from kiosk.console.quarantine import ItemKind, QuarantineDesk
from kiosk.rating_queue import rating_queue
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.states import SubmissionState
from tests.helpers.cases import accepted_case, rated_delivered_case


def quarantine_case(engine: Engine, case_number: str, reason: str) -> None:
    queue = SubmissionQueue(engine)
    for item in queue.claim_batch(10):
        if item.case_number == case_number:
            queue.quarantine(item.idempotency_key, reason)
        else:
            queue.release([item.idempotency_key], "not this one")


def quarantine_rating(engine: Engine, reason: str) -> None:
    ratings = rating_queue(engine)
    (item,) = ratings.claim_batch(10)
    ratings.quarantine(item.idempotency_key, reason)


def desk(engine: Engine) -> QuarantineDesk:
    return QuarantineDesk(SubmissionQueue(engine), rating_queue(engine))


def test_the_list_names_each_set_aside_case_and_rating_with_its_reason(engine: Engine) -> None:
    refused = accepted_case(engine)
    accepted_case(engine)  # still queued: not listed
    quarantine_case(engine, refused, "matter withdrawn")
    rated = rated_delivered_case(engine)
    quarantine_rating(engine, "rating window closed")

    items = desk(engine).items()

    assert [(i.kind, i.case_number, i.reason) for i in items] == [
        (ItemKind.SUBMISSION, refused, "matter withdrawn"),
        (ItemKind.RATING, rated, "rating window closed"),
    ]
    assert all(item.since is not None for item in items)


def test_retrying_one_case_queues_it_again_and_leaves_the_rest(engine: Engine) -> None:
    first, second = accepted_case(engine), accepted_case(engine)
    quarantine_case(engine, first, "refused")
    quarantine_case(engine, second, "refused")
    (one, _) = desk(engine).items()

    outcome = desk(engine).retry_item(one, "S001")

    assert outcome.ok and "1" in outcome.message.render()
    states = {e.case_number: e.state for e in SubmissionQueue(engine).entries()}
    assert states == {first: SubmissionState.QUEUED, second: SubmissionState.QUARANTINED}


def test_retrying_all_queues_every_case_and_rating(engine: Engine) -> None:
    refused = accepted_case(engine)
    quarantine_case(engine, refused, "refused")
    rated_delivered_case(engine)
    quarantine_rating(engine, "refused")

    outcome = desk(engine).retry_all("S001")

    assert outcome.ok and "2" in outcome.message.render()
    assert desk(engine).items() == []


def test_a_retry_with_nothing_set_aside_says_so(engine: Engine) -> None:
    outcome = desk(engine).retry_all("S001")
    assert outcome.ok and "没有" in outcome.message.render()


def test_an_item_retried_elsewhere_meanwhile_is_reported(engine: Engine) -> None:
    refused = accepted_case(engine)
    quarantine_case(engine, refused, "refused")
    (item,) = desk(engine).items()
    desk(engine).retry(None, "S001")  # `kiosk queue retry --all` over SSH, say

    outcome = desk(engine).retry_item(item, "S001")

    assert not outcome.ok and "刷新" in outcome.message.render()
