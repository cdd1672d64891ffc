"""What `kiosk queue status` shows: submissions per state and the ratings waiting or refused.

Read through the kiosk's plain-SQL connections (kiosk.storage.sqlite), so a status check
imports no ORM and answers at once. SubmissionStore.counts_by_state counts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.delivery_queue.states import DeliveryState
from kiosk.storage.sqlite import Cursor, SqliteDatabase, transaction
from kiosk.submissions.states import SubmissionState

_WAITING_RATINGS = (DeliveryState.QUEUED.value, DeliveryState.SENDING.value)


@dataclass(frozen=True)
class QueueCounts:
    by_state: dict[str, int]  # every submission state, zero included
    ratings_waiting: int  # queued or being sent
    ratings_refused: int  # quarantined by the platform


def count_by_state(cursor: Cursor) -> dict[str, int]:
    """Every submission state with its count, zero included."""
    rows = cursor.execute("SELECT state, count(*) FROM submissions GROUP BY state")
    return {state.value: 0 for state in SubmissionState} | dict(rows.fetchall())


def read_queue_counts(database: Path) -> QueueCounts:
    """Both counts from one read snapshot of a database whose schema is current."""
    connections = SqliteDatabase(database)
    try:
        with transaction(connections, write=False) as cursor:
            by_state = count_by_state(cursor)
            ratings = cursor.execute("SELECT state, count(*) FROM ratings GROUP BY state")
            by_rating = dict(ratings.fetchall())
    finally:
        connections.close()
    return QueueCounts(
        by_state=by_state,
        ratings_waiting=sum(by_rating.get(state, 0) for state in _WAITING_RATINGS),
        ratings_refused=by_rating.get(DeliveryState.QUARANTINED.value, 0),
    )
