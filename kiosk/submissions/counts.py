"""What `kiosk queue status` shows, read with the standard sqlite3 module.

The same counts as SubmissionStore.counts_by_state and EvaluationQueue's queued and
quarantined counts, without importing SQLAlchemy: a status check should answer at once.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kiosk.submissions.states import EvaluationState, SubmissionState

# As long as the engine's busy_timeout: a writer holding the lock is waited for, not reported.
_BUSY_TIMEOUT_S = 10.0
_WAITING_RATINGS = (EvaluationState.QUEUED.value, EvaluationState.SENDING.value)


@dataclass(frozen=True)
class QueueCounts:
    by_state: dict[str, int]  # every submission state, zero included
    ratings_waiting: int  # queued or being sent
    ratings_refused: int  # quarantined by the platform


def read_queue_counts(database: Path) -> QueueCounts:
    """Both counts from one snapshot of a database whose schema is current."""
    connection = sqlite3.connect(database, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    with closing(connection):
        connection.execute("BEGIN")  # deferred: one read snapshot, no write lock
        submissions = connection.execute("SELECT state, count(*) FROM submissions GROUP BY state")
        by_state = {state.value: 0 for state in SubmissionState} | dict(submissions.fetchall())
        ratings = connection.execute("SELECT state, count(*) FROM evaluations GROUP BY state")
        by_rating = dict(ratings.fetchall())
        connection.execute("COMMIT")
    return QueueCounts(
        by_state=by_state,
        ratings_waiting=sum(by_rating.get(state, 0) for state in _WAITING_RATINGS),
        ratings_refused=by_rating.get(EvaluationState.QUARANTINED.value, 0),
    )
