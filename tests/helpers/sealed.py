"""Opening what a test kiosk sealed, as the test platform would."""

from __future__ import annotations

from typing import Any

from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.sealing import PayloadSealer, unseal_payload
from tests.helpers.platform_keys import TEST_PLATFORM

# Seals to the test platform's key, as every test kiosk's configuration does.
TEST_SEALER = PayloadSealer(TEST_PLATFORM.suite, TEST_PLATFORM.sealing.public)


def opened_payload(row: SubmissionRow) -> dict[str, Any]:
    """A stored row's personal data, unsealed with the test platform's private key."""
    assert row.sealed_payload is not None, f"{row.case_number} has no sealed payload"
    return unseal_payload(
        TEST_PLATFORM.suite,
        TEST_PLATFORM.sealing.private,
        row.sealed_payload,
        idempotency_key=row.idempotency_key,
        case_number=row.case_number,
        matter_code=row.matter_code,
    )
