"""The explicit states of a submission and of its receipt, and the moves allowed between
them. The queue refuses any other move: a bug must not rewrite a case's history.

A submission is a kind of the delivery queue (kiosk.delivery_queue): its first four states
are the queue's, and the platform's handling steps follow delivery."""

from __future__ import annotations

from enum import StrEnum

from kiosk.delivery_queue.states import DeliveryState, moves_with

# The submission's name as a kind of the delivery queue: in its history rows, logs and errors.
SUBMISSION_KIND = "submission"


class SubmissionState(StrEnum):
    """Where a submission stands in the journey to the provincial platform."""

    QUEUED = DeliveryState.QUEUED.value  # committed locally, not yet sent
    SENDING = DeliveryState.SENDING.value
    DELIVERED = DeliveryState.DELIVERED.value  # acknowledged with the platform's case id
    ACCEPTED = "accepted"  # 受理: the department took the case on
    IN_REVIEW = "in_review"  # 审查中
    FINISHED = "finished"  # 办结
    REJECTED = "rejected"  # 不予受理 / 不予许可
    QUARANTINED = DeliveryState.QUARANTINED.value  # refused for good; staff must look


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


def _allowed() -> dict[str, frozenset[str]]:
    extra: dict[str, set[str]] = {state: {SubmissionState.DELIVERED} for state in _ACK_LOST_FROM}
    for state, step in _HANDLING_STEP.items():
        extra.setdefault(state, set()).update(
            later for later, then in _HANDLING_STEP.items() if then > step
        )
    return moves_with(extra)


# The delivery queue's moves (kiosk.delivery_queue.states) and a submission's own.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = _allowed()


def can_move(current: SubmissionState, target: SubmissionState) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


class ReceiptState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"
