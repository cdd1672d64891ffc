"""The states every queued item passes through on its way to the platform, and the moves
allowed between them, declared once for every kind.

A kind whose items go on after delivery (a submission's handling steps) extends these moves
with `moves_with`; it never takes one away, so the queue's verbs hold for every kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class DeliveryState(StrEnum):
    """Where a queued item stands on its way to the platform."""

    QUEUED = "queued"  # committed locally, not yet sent
    SENDING = "sending"  # claimed by the sync agent
    DELIVERED = "delivered"  # the platform acknowledged it
    QUARANTINED = "quarantined"  # the platform refused it for good; staff must look


DELIVERY_MOVES: Mapping[str, frozenset[str]] = {
    DeliveryState.QUEUED: frozenset({DeliveryState.SENDING}),
    DeliveryState.SENDING: frozenset(
        {DeliveryState.QUEUED, DeliveryState.DELIVERED, DeliveryState.QUARANTINED}
    ),
    DeliveryState.DELIVERED: frozenset(),
    # Staff queue a refused item again once the cause is fixed.
    DeliveryState.QUARANTINED: frozenset({DeliveryState.QUEUED}),
}


def moves_with(extra: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """The delivery moves plus a kind's own: states of its own and moves between them."""
    moves = {state: set(targets) for state, targets in DELIVERY_MOVES.items()}
    for state, targets in extra.items():
        moves.setdefault(state, set()).update(targets)
    return {state: frozenset(targets) for state, targets in moves.items()}
