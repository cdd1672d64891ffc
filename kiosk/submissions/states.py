"""The explicit states of a submission, of a rating and of a receipt, and the moves allowed
between them. The queue refuses any other move: a bug must not rewrite a case's history."""

from __future__ import annotations

from enum import StrEnum


class SubmissionState(StrEnum):
    """Where a submission stands in the journey to the provincial platform."""

    QUEUED = "queued"  # committed locally, not yet sent
    SENDING = "sending"
    DELIVERED = "delivered"  # the platform acknowledged it with its own case id
    ACCEPTED = "accepted"  # 受理: the department took the case on
    IN_REVIEW = "in_review"  # 审查中
    FINISHED = "finished"  # 办结
    REJECTED = "rejected"  # 不予受理 / 不予许可
    QUARANTINED = "quarantined"  # the platform refused it permanently; staff must look


# Every state in which the platform holds the case.
DELIVERED_STATES = frozenset(
    {
        SubmissionState.DELIVERED,
        SubmissionState.ACCEPTED,
        SubmissionState.IN_REVIEW,
        SubmissionState.FINISHED,
        SubmissionState.REJECTED,
    }
)
# The department's last word: nothing the platform reports later moves a case out of these.
FINAL_STATES = frozenset({SubmissionState.FINISHED, SubmissionState.REJECTED})

# How far along the platform's handling a delivered state is; a case only moves forward.
_HANDLING_STEP = {
    SubmissionState.DELIVERED: 0,
    SubmissionState.ACCEPTED: 1,
    SubmissionState.IN_REVIEW: 2,
    SubmissionState.FINISHED: 3,
    SubmissionState.REJECTED: 3,
}
# A case the platform holds although its acknowledgement never arrived (lost on the way back)
# is learned from a status update: it may become delivered from any of these.
_ACK_LOST_FROM = frozenset(
    {SubmissionState.QUEUED, SubmissionState.SENDING, SubmissionState.QUARANTINED}
)


def _allowed() -> dict[SubmissionState, frozenset[SubmissionState]]:
    moves: dict[SubmissionState, set[SubmissionState]] = {
        SubmissionState.QUEUED: {SubmissionState.SENDING},
        SubmissionState.SENDING: {
            SubmissionState.QUEUED,
            SubmissionState.DELIVERED,
            SubmissionState.QUARANTINED,
        },
        SubmissionState.QUARANTINED: {SubmissionState.QUEUED},
    }
    for state in _ACK_LOST_FROM:
        moves[state].add(SubmissionState.DELIVERED)
    for state, step in _HANDLING_STEP.items():
        moves[state] = {later for later, then in _HANDLING_STEP.items() if then > step}
    return {state: frozenset(moves[state]) for state in SubmissionState}


ALLOWED_TRANSITIONS: dict[SubmissionState, frozenset[SubmissionState]] = _allowed()


def can_move(current: SubmissionState, target: SubmissionState) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


class EvaluationState(StrEnum):
    """Where a rating (好差评) stands on its way to the platform."""

    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    QUARANTINED = "quarantined"


class ReceiptState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"
