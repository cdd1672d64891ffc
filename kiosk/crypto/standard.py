"""The international suite: X25519 + HKDF-SHA256 wrap a fresh AES-256-GCM key per message,
Ed25519 signs, SHA-256 digests. Keys are raw 32-byte values.

Each operation imports the primitives it uses: checking a configured key (which every command
does with its settings) needs none, and sealing needs no signing or key serialisation code.
"""

from __future__ import annotations

import hashlib
import os

from kiosk.crypto.suite import DEFAULT_SUITE, KeyPair, KeyPurpose, SealedEnvelope, SealError

_WRAP_INFO = b"kiosk-seal-v1 key wrap"
_KEY_BYTES = 32  # X25519 and Ed25519 public keys alike
_NONCE_BYTES = 12  # the GCM standard nonce; each key is used for exactly one message


class StandardSuite:
    name = DEFAULT_SUITE

    def digest(self, data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def new_signing_key(self) -> KeyPair:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.generate()
        return KeyPair(private.private_bytes_raw(), private.public_key().public_bytes_raw())

    def sign(self, private_key: bytes, message: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(private_key).sign(message)

    def verify(self, public_key: bytes, message: bytes, signature: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def new_sealing_key(self) -> KeyPair:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        private = X25519PrivateKey.generate()
        return KeyPair(private.private_bytes_raw(), private.public_key().public_bytes_raw())

    def check_public_key(self, purpose: KeyPurpose, key: bytes) -> None:
        if len(key) != _KEY_BYTES:
            raise ValueError(
                f"a {purpose} public key of suite {self.name} is {_KEY_BYTES} bytes, not {len(key)}"
            )

    def key_id(self, public_key: bytes) -> str:
        return self.digest(public_key)[:16]

    def seal(self, recipient_public_key: bytes, plaintext: bytes, context: bytes) -> SealedEnvelope:
        from cryptography.hazmat.primitives.asymmetric.x25519 import (
            X25519PrivateKey,
            X25519PublicKey,
        )
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        recipient = X25519PublicKey.from_public_bytes(recipient_public_key)
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = ephemeral.public_key().public_bytes_raw()
        wrapping_key = _wrapping_key(
            ephemeral.exchange(recipient), ephemeral_public, recipient_public_key
        )
        data_key = AESGCM.generate_key(bit_length=256)
        wrap_nonce, nonce = os.urandom(_NONCE_BYTES), os.urandom(_NONCE_BYTES)
        wrapped = wrap_nonce + AESGCM(wrapping_key).encrypt(wrap_nonce, data_key, None)
        ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, context)
        return SealedEnvelope(
            suite=self.name,
            key_id=self.key_id(recipient_public_key),
            ephemeral_key=ephemeral_public,
            wrapped_key=wrapped,
            nonce=nonce,
            ciphertext=ciphertext,
        )

    def unseal(self, private_key: bytes, envelope: SealedEnvelope, context: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.asymmetric.x25519 import (
            X25519PrivateKey,
            X25519PublicKey,
        )
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if envelope.suite != self.name:
            raise SealError(f"sealed with suite {envelope.suite}, not {self.name}")
        try:
            private = X25519PrivateKey.from_private_bytes(private_key)
            public = private.public_key().public_bytes_raw()
            if envelope.key_id != self.key_id(public):
                raise SealError("sealed to another key")
            shared = private.exchange(X25519PublicKey.from_public_bytes(envelope.ephemeral_key))
            wrapping_key = _wrapping_key(shared, envelope.ephemeral_key, public)
            wrap_nonce, wrapped = (
                envelope.wrapped_key[:_NONCE_BYTES],
                envelope.wrapped_key[_NONCE_BYTES:],
            )
            data_key = AESGCM(wrapping_key).decrypt(wrap_nonce, wrapped, None)
            return AESGCM(data_key).decrypt(envelope.nonce, envelope.ciphertext, context)
        except (InvalidTag, ValueError) as exc:
            raise SealError("the envelope does not open with this key and context") from exc


def _wrapping_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    # Both public keys go into the derivation so a key is bound to this exact exchange.
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=_WRAP_INFO,
    ).derive(shared)
