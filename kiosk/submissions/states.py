"""The explicit states of a submission and of its receipt."""

from __future__ import annotations

from enum import StrEnum


class SubmissionState(StrEnum):
    """Where a submission stands in the journey to the provincial platform."""

    QUEUED = "queued"  # committed locally, not yet sent
    SENDING = "sending"
    DELIVERED = "delivered"  # the platform acknowledged it
    QUARANTINED = "quarantined"  # the platform refused it permanently


class ReceiptState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"
