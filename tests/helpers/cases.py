"""Cases in a kiosk's own database, accepted, delivered to the platform and rated, for tests of
what the kiosk queues after a submission."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from kiosk.ratings import Rating, RatingStore, Satisfaction
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.data import FIXED_NOW
from tests.helpers.sealed import TEST_SEALER


def accepted_case(engine: Engine) -> str:
    store = SubmissionStore(engine, "T1", TEST_SEALER)
    new = NewSubmission("M-0001", "v1", {"answers": {}}, "王**", "110***")
    return store.add([new], date(2026, 11, 23))[0].case_number


def deliver_case(engine: Engine, case_number: str) -> None:
    queue = SubmissionQueue(engine)
    for item in queue.claim_batch(10):
        if item.case_number == case_number:
            queue.mark_delivered(item.idempotency_key, f"P-{case_number}")
        else:
            queue.release([item.idempotency_key], "not this one")


def rated_delivered_case(engine: Engine) -> str:
    """A case the platform holds, rated once: its rating is ready to be claimed."""
    case = accepted_case(engine)
    deliver_case(engine, case)
    rate(engine, case)
    return case


def rate(engine: Engine, case_number: str, level: Satisfaction = Satisfaction.SATISFIED) -> None:
    reasons = ("操作步骤太多",) if level.is_bad else ()
    RatingStore(engine, clock=lambda: FIXED_NOW).record(Rating((case_number,), level, reasons))
