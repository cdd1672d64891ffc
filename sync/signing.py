"""Request signing: every request names its terminal and carries a signature over the method,
path, timestamp, nonce and body digest, made with the terminal's own key.

The platform refuses a request whose signature does not verify against the key enrolled for
that terminal (forged), whose timestamp is outside the allowed skew (stale), or whose nonce it
has seen within that window (replayed). A body changed in transit fails the digest.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.crypto import CryptoSuite
from kiosk.crypto.suite import decode_key, encode_key

TERMINAL_HEADER = "X-Kiosk-Terminal"
TIMESTAMP_HEADER = "X-Kiosk-Timestamp"
NONCE_HEADER = "X-Kiosk-Nonce"
DIGEST_HEADER = "X-Kiosk-Content-Digest"
SIGNATURE_HEADER = "X-Kiosk-Signature"
SUITE_HEADER = "X-Kiosk-Suite"

# How far a request's timestamp may be from the platform's clock; also how long nonces are
# remembered, so a replay is either stale or a known nonce.
ALLOWED_SKEW_S = 300


class SignatureProblem(Exception):
    """Why a request's signature headers were refused (see sync.contract.ErrorCode)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SignedHeaders:
    terminal_id: str
    timestamp: int
    nonce: str
    digest: str
    signature: bytes
    suite: str

    def as_headers(self) -> dict[str, str]:
        return {
            TERMINAL_HEADER: self.terminal_id,
            TIMESTAMP_HEADER: str(self.timestamp),
            NONCE_HEADER: self.nonce,
            DIGEST_HEADER: self.digest,
            SIGNATURE_HEADER: encode_key(self.signature),
            SUITE_HEADER: self.suite,
        }


def canonical_request(
    method: str, path: str, *, terminal_id: str, timestamp: int, nonce: str, digest: str
) -> bytes:
    """The exact bytes signed; `path` includes the query string as sent."""
    return "\n".join(
        ("KIOSK-REQUEST-V1", method.upper(), path, terminal_id, str(timestamp), nonce, digest)
    ).encode("utf-8")


def sign_request(
    suite: CryptoSuite,
    private_key: bytes,
    *,
    terminal_id: str,
    method: str,
    path: str,
    body: bytes,
    timestamp: int | None = None,
) -> SignedHeaders:
    stamp = int(time.time()) if timestamp is None else timestamp
    nonce = secrets.token_hex(16)
    digest = suite.digest(body)
    signature = suite.sign(
        private_key,
        canonical_request(
            method, path, terminal_id=terminal_id, timestamp=stamp, nonce=nonce, digest=digest
        ),
    )
    return SignedHeaders(terminal_id, stamp, nonce, digest, signature, suite.name)


def read_signed_headers(headers: Mapping[str, str]) -> SignedHeaders:
    """Parse the signature headers; SignatureProblem("malformed"...) when any is missing."""
    try:
        return SignedHeaders(
            terminal_id=headers[TERMINAL_HEADER],
            timestamp=int(headers[TIMESTAMP_HEADER]),
            nonce=headers[NONCE_HEADER],
            digest=headers[DIGEST_HEADER],
            signature=decode_key(headers[SIGNATURE_HEADER]),
            suite=headers[SUITE_HEADER],
        )
    except (KeyError, ValueError) as exc:
        raise SignatureProblem(
            "malformed", f"missing or malformed signature header: {exc}"
        ) from exc


def verify_request(
    suite: CryptoSuite,
    public_key: bytes,
    signed: SignedHeaders,
    *,
    method: str,
    path: str,
    body: bytes,
    now: float,
) -> None:
    """Raise SignatureProblem unless the request is authentic and fresh. The nonce is the
    caller's to remember (it needs storage shared by every platform worker)."""
    if signed.suite != suite.name:
        raise SignatureProblem("bad_signature", f"suite {signed.suite} is not {suite.name}")
    if abs(now - signed.timestamp) > ALLOWED_SKEW_S:
        raise SignatureProblem(
            "stale_timestamp",
            f"timestamp is {signed.timestamp - now:+.0f} s from the platform's clock "
            f"(allowed ±{ALLOWED_SKEW_S} s)",
        )
    if suite.digest(body) != signed.digest:
        raise SignatureProblem("body_digest_mismatch", "the body does not match its digest")
    message = canonical_request(
        method,
        path,
        terminal_id=signed.terminal_id,
        timestamp=signed.timestamp,
        nonce=signed.nonce,
        digest=signed.digest,
    )
    if not suite.verify(public_key, message, signed.signature):
        raise SignatureProblem("bad_signature", "the signature does not verify")
