"""The contract every crypto suite fulfils, and the values every suite shares.

A suite does four jobs: a digest (body hashes, key ids), signatures (requests from the
terminal, catalogs from the platform), and sealing: a fresh symmetric key per message, used
once, wrapped to the recipient's public key, so only the holder of the private key can read
the message, not even the sender afterwards (the way ODK Collect encrypts submissions).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Literal, Protocol

# The international suite (kiosk/crypto/standard.py); a national one will sit beside it,
# registered in kiosk/crypto/registry.py.
DEFAULT_SUITE = "x25519-aes256gcm-ed25519-sha256"

KeyPurpose = Literal["sealing", "signing"]


class SealError(Exception):
    """A sealed envelope could not be opened: wrong key, wrong context, or tampered."""


@dataclass(frozen=True)
class KeyPair:
    private: bytes
    public: bytes


@dataclass(frozen=True)
class SealedEnvelope:
    """A message sealed to one recipient key; every field is opaque outside the suite."""

    suite: str
    key_id: str  # which recipient key, so a platform that rotates keys picks the right one
    ephemeral_key: bytes
    wrapped_key: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, str]:
        return {
            "suite": self.suite,
            "key_id": self.key_id,
            "ephemeral_key": _b64(self.ephemeral_key),
            "wrapped_key": _b64(self.wrapped_key),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: Any) -> SealedEnvelope:
        """Raises SealError when the envelope is not well formed."""
        try:
            return cls(
                suite=str(data["suite"]),
                key_id=str(data["key_id"]),
                ephemeral_key=base64.b64decode(data["ephemeral_key"], validate=True),
                wrapped_key=base64.b64decode(data["wrapped_key"], validate=True),
                nonce=base64.b64decode(data["nonce"], validate=True),
                ciphertext=base64.b64decode(data["ciphertext"], validate=True),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SealError(f"malformed sealed envelope ({type(exc).__name__})") from exc


class CryptoSuite(Protocol):
    name: str

    def digest(self, data: bytes) -> str:
        """Hex digest of `data`."""
        ...

    def new_signing_key(self) -> KeyPair: ...

    def sign(self, private_key: bytes, message: bytes) -> bytes: ...

    def verify(self, public_key: bytes, message: bytes, signature: bytes) -> bool:
        """True only for a valid signature; never raises on bad input."""
        ...

    def new_sealing_key(self) -> KeyPair: ...

    def check_public_key(self, purpose: KeyPurpose, key: bytes) -> None:
        """Raise ValueError when `key` cannot be a public key for `purpose` in this suite."""
        ...

    def key_id(self, public_key: bytes) -> str: ...

    def seal(self, recipient_public_key: bytes, plaintext: bytes, context: bytes) -> SealedEnvelope:
        """Encrypt to the recipient; `context` is bound to the envelope (authenticated, not
        stored), so an envelope moved to another submission does not open."""
        ...

    def unseal(self, private_key: bytes, envelope: SealedEnvelope, context: bytes) -> bytes:
        """The plaintext, or SealError."""
        ...


def encode_key(key: bytes) -> str:
    return _b64(key)


def decode_key(text: str) -> bytes:
    """Raises ValueError for text that is not base64."""
    return base64.b64decode(text.strip(), validate=True)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
