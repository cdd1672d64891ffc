"""The allowed moves between submission states: forward only, final states stay final."""

from __future__ import annotations

import pytest

from kiosk.submissions.states import (
    ALLOWED_TRANSITIONS,
    DELIVERED_STATES,
    FINAL_STATES,
    SubmissionState,
    can_move,
)

S = SubmissionState


def test_every_state_has_its_moves_declared() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(SubmissionState)


def test_the_states_are_listed_in_the_order_a_case_lives_them() -> None:
    assert list(SubmissionState) == [
        S.QUEUED,
        S.SENDING,
        S.DELIVERED,
        S.ACCEPTED,
        S.IN_REVIEW,
        S.FINISHED,
        S.REJECTED,
        S.QUARANTINED,
    ]


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.QUEUED, S.SENDING),
        (S.SENDING, S.QUEUED),
        (S.SENDING, S.DELIVERED),
        (S.SENDING, S.QUARANTINED),
        (S.QUARANTINED, S.QUEUED),
        (S.QUEUED, S.DELIVERED),  # acknowledgement lost, learned from a status update
        (S.QUARANTINED, S.DELIVERED),
        (S.DELIVERED, S.ACCEPTED),
        (S.DELIVERED, S.REJECTED),
        (S.ACCEPTED, S.FINISHED),
        (S.IN_REVIEW, S.REJECTED),
    ],
)
def test_allowed_moves(current: SubmissionState, target: SubmissionState) -> None:
    assert can_move(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.QUEUED, S.QUARANTINED),
        (S.QUEUED, S.ACCEPTED),
        (S.QUARANTINED, S.SENDING),
        (S.DELIVERED, S.QUEUED),
        (S.IN_REVIEW, S.ACCEPTED),
        (S.FINISHED, S.REJECTED),
        (S.REJECTED, S.IN_REVIEW),
        (S.DELIVERED, S.DELIVERED),
    ],
)
def test_refused_moves(current: SubmissionState, target: SubmissionState) -> None:
    assert not can_move(current, target)


def test_final_states_lead_nowhere_and_are_delivered_states() -> None:
    assert all(not ALLOWED_TRANSITIONS[state] for state in FINAL_STATES)
    assert FINAL_STATES < DELIVERED_STATES
    assert S.QUARANTINED not in DELIVERED_STATES


HANDLING_ORDER = [S.DELIVERED, S.ACCEPTED, S.IN_REVIEW, S.FINISHED]


@pytest.mark.parametrize("current", sorted(DELIVERED_STATES))
@pytest.mark.parametrize("reported", sorted(DELIVERED_STATES))
def test_a_delivered_case_moves_only_to_a_later_step_of_its_handling(
    current: SubmissionState, reported: SubmissionState
) -> None:
    def step(state: SubmissionState) -> int:
        return HANDLING_ORDER.index(S.FINISHED if state is S.REJECTED else state)

    later = step(reported) > step(current)
    assert can_move(current, reported) is later
    if current in FINAL_STATES:
        assert not can_move(current, reported)
