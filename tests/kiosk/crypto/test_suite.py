"""The international crypto suite: sealing opens only for its recipient, in its context, and
untouched; signatures verify only for the signed bytes and key."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kiosk.crypto import DEFAULT_SUITE, SealedEnvelope, SealError, suite_named
from kiosk.crypto.suite import decode_key, encode_key

SUITE = suite_named(DEFAULT_SUITE)
CONTEXT = b"KIOSK-SEAL-V1\nkey\nCASE-1\nMATTER-1"
SECRET = "王秀英 11010519491231002X 𠇔".encode()


def flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0x01])


def test_a_sealed_message_opens_with_the_recipients_key_and_context() -> None:
    recipient = SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    assert SECRET not in envelope.ciphertext
    assert SUITE.unseal(recipient.private, envelope, CONTEXT) == SECRET


def test_each_seal_uses_a_fresh_key_so_equal_messages_look_different() -> None:
    recipient = SUITE.new_sealing_key()
    first, second = (SUITE.seal(recipient.public, SECRET, CONTEXT) for _ in range(2))
    assert first.wrapped_key != second.wrapped_key
    assert first.ciphertext != second.ciphertext


def test_another_key_cannot_open_it() -> None:
    recipient, stranger = SUITE.new_sealing_key(), SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    with pytest.raises(SealError, match="another key"):
        SUITE.unseal(stranger.private, envelope, CONTEXT)


def test_another_key_that_claims_the_key_id_still_cannot_open_it() -> None:
    recipient, stranger = SUITE.new_sealing_key(), SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    relabelled = dataclasses.replace(envelope, key_id=SUITE.key_id(stranger.public))
    with pytest.raises(SealError):
        SUITE.unseal(stranger.private, relabelled, CONTEXT)


def test_an_envelope_moved_to_another_case_does_not_open() -> None:
    recipient = SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    with pytest.raises(SealError):
        SUITE.unseal(recipient.private, envelope, CONTEXT.replace(b"CASE-1", b"CASE-2"))


@pytest.mark.parametrize("part", ["ciphertext", "wrapped_key", "nonce", "ephemeral_key"])
def test_a_tampered_envelope_does_not_open(part: str) -> None:
    recipient = SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    tampered = dataclasses.replace(envelope, **{part: flip_last_byte(getattr(envelope, part))})
    with pytest.raises(SealError):
        SUITE.unseal(recipient.private, tampered, CONTEXT)


def test_an_envelope_of_another_suite_is_refused_by_name() -> None:
    recipient = SUITE.new_sealing_key()
    envelope = dataclasses.replace(SUITE.seal(recipient.public, SECRET, CONTEXT), suite="sm2")
    with pytest.raises(SealError, match="sm2"):
        SUITE.unseal(recipient.private, envelope, CONTEXT)


def test_an_envelope_survives_its_json_form() -> None:
    recipient = SUITE.new_sealing_key()
    envelope = SUITE.seal(recipient.public, SECRET, CONTEXT)
    text = json.dumps(envelope.to_json())
    again = SealedEnvelope.from_json(json.loads(text))
    assert again == envelope
    assert SUITE.unseal(recipient.private, again, CONTEXT) == SECRET


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.pop("nonce"),
        lambda data: data.update(ciphertext="not base64!"),
        lambda data: data.update(wrapped_key=17),
    ],
    ids=["missing field", "not base64", "not text"],
)
def test_a_malformed_envelope_is_a_seal_error(damage: object) -> None:
    recipient = SUITE.new_sealing_key()
    data = SUITE.seal(recipient.public, SECRET, CONTEXT).to_json()
    damage(data)  # type: ignore[operator]
    with pytest.raises(SealError, match="malformed"):
        SealedEnvelope.from_json(data)


def test_an_envelope_that_is_not_an_object_is_a_seal_error() -> None:
    with pytest.raises(SealError):
        SealedEnvelope.from_json(["suite"])


def test_a_signature_verifies_only_for_its_message_and_key() -> None:
    signer, other = SUITE.new_signing_key(), SUITE.new_signing_key()
    signature = SUITE.sign(signer.private, b"catalog 2026.11.1")
    assert SUITE.verify(signer.public, b"catalog 2026.11.1", signature)
    assert not SUITE.verify(signer.public, b"catalog 2026.11.2", signature)
    assert not SUITE.verify(other.public, b"catalog 2026.11.1", signature)
    assert not SUITE.verify(signer.public, b"catalog 2026.11.1", flip_last_byte(signature))


def test_verifying_garbage_says_false_and_never_raises() -> None:
    signer = SUITE.new_signing_key()
    assert not SUITE.verify(signer.public, b"message", b"short")
    assert not SUITE.verify(b"not a key", b"message", b"\x00" * 64)


def test_keys_travel_as_base64_text() -> None:
    pair = SUITE.new_sealing_key()
    assert decode_key(encode_key(pair.public)) == pair.public
    with pytest.raises(ValueError, match="base64"):
        decode_key("not base64!")


def test_an_unknown_suite_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match=DEFAULT_SUITE):
        suite_named("rot13")
