"""Sealing a submission's personal data to the platform's public key.

Each case's payload (answers, materials, signature, delivery) is encrypted with a fresh key
that is wrapped to the platform's key before the row is written, so the clear payload never
touches the disk and the kiosk itself cannot read it back. The envelope is bound to the case's
idempotency key, case number and matter code: moved onto another case, it does not open.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.crypto import CryptoSuite, SealedEnvelope, SealError


class SealingUnavailable(Exception):
    """No platform key is configured, so the kiosk must not accept applications."""


def sealing_context(idempotency_key: str, case_number: str, matter_code: str) -> bytes:
    return f"KIOSK-SEAL-V1\n{idempotency_key}\n{case_number}\n{matter_code}".encode()


class PayloadSealer:
    def __init__(self, suite: CryptoSuite, platform_key: bytes) -> None:
        self._suite = suite
        self._platform_key = platform_key

    def seal(
        self, payload: dict[str, Any], idempotency_key: str, case_number: str, matter_code: str
    ) -> str:
        """The sealed envelope as JSON text, ready to store and to send as is."""
        plaintext = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        envelope = self._suite.seal(
            self._platform_key,
            plaintext,
            sealing_context(idempotency_key, case_number, matter_code),
        )
        return json.dumps(envelope.to_json(), sort_keys=True)


def unseal_payload(
    suite: CryptoSuite,
    private_key: bytes,
    sealed_json: str | dict[str, Any],
    *,
    idempotency_key: str,
    case_number: str,
    matter_code: str,
) -> dict[str, Any]:
    """The platform's side: open a sealed payload. Raises kiosk.crypto.SealError."""
    try:
        data = json.loads(sealed_json) if isinstance(sealed_json, str) else sealed_json
    except json.JSONDecodeError as exc:
        raise SealError("malformed sealed envelope (not JSON)") from exc
    envelope = SealedEnvelope.from_json(data)
    plaintext = suite.unseal(
        private_key, envelope, sealing_context(idempotency_key, case_number, matter_code)
    )
    payload: dict[str, Any] = json.loads(plaintext)
    return payload
