"""`kiosk queue status` reads its counts with plain sqlite3; they must be the ORM's counts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from kiosk.rating_queue import rating_queue
from kiosk.submissions.counts import read_queue_counts
from kiosk.submissions.store import SubmissionStore
from tests.helpers.cases import accepted_case, rate, rated_delivered_case


def test_an_empty_queue_counts_zero_in_every_state(engine: Engine, tmp_path: Path) -> None:
    counts = read_queue_counts(tmp_path / "kiosk.db")
    assert counts.by_state == SubmissionStore(engine, "T1", None).counts_by_state()
    assert (counts.ratings_waiting, counts.ratings_refused) == (0, 0)


def test_the_counts_are_those_the_store_and_the_rating_queue_report(
    engine: Engine, tmp_path: Path
) -> None:
    accepted_case(engine)
    rated_delivered_case(engine)
    refused = rated_delivered_case(engine)
    rate(engine, refused)
    ratings = rating_queue(engine)
    claimed = [i for i in ratings.claim_batch(10) if i.case_number == refused]
    ratings.quarantine(claimed[0].idempotency_key, "unknown_case")

    counts = read_queue_counts(tmp_path / "kiosk.db")

    assert counts.by_state == SubmissionStore(engine, "T1", None).counts_by_state()
    assert counts.by_state["queued"] == 1 and counts.by_state["delivered"] == 2
    assert counts.ratings_waiting == ratings.waiting_count()
    assert counts.ratings_refused == ratings.counts()["quarantined"] == 1
