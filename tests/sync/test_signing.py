"""Request signing: the platform accepts exactly the request the terminal signed, fresh."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.crypto import DEFAULT_SUITE, KeyPair, suite_named
from sync.signing import (
    ALLOWED_SKEW_S,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureProblem,
    SignedHeaders,
    read_signed_headers,
    sign_request,
    verify_request,
)

SUITE = suite_named(DEFAULT_SUITE)
NOW = 1_795_000_000
BODY = b'{"items": [{"case_number": "T1-20261123-000001"}]}'
PATH = "/v1/submissions"
DAY_S = 24 * 60 * 60


@pytest.fixture
def terminal_key() -> KeyPair:
    return SUITE.new_signing_key()


def signed(key: KeyPair, body: bytes = BODY, method: str = "POST") -> SignedHeaders:
    return sign_request(
        SUITE, key.private, terminal_id="T1", method=method, path=PATH, body=body, timestamp=NOW
    )


def verify(
    key: bytes,
    headers: SignedHeaders,
    *,
    method: str = "POST",
    path: str = PATH,
    body: bytes = BODY,
    now: float = NOW,
) -> None:
    verify_request(SUITE, key, headers, method=method, path=path, body=body, now=now)


def problem_of(call: object) -> str:
    with pytest.raises(SignatureProblem) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_signed_request_verifies_after_the_round_trip_through_headers(
    terminal_key: KeyPair,
) -> None:
    headers = signed(terminal_key).as_headers()
    verify(terminal_key.public, read_signed_headers(headers))


def test_each_request_gets_its_own_nonce(terminal_key: KeyPair) -> None:
    assert signed(terminal_key).nonce != signed(terminal_key).nonce


def test_a_body_changed_in_transit_fails_its_digest(terminal_key: KeyPair) -> None:
    headers = signed(terminal_key)
    tampered = BODY.replace(b"000001", b"000002")
    assert problem_of(lambda: verify(terminal_key.public, headers, body=tampered)) == (
        "body_digest_mismatch"
    )


def test_a_body_and_digest_both_replaced_fail_the_signature(terminal_key: KeyPair) -> None:
    tampered = BODY.replace(b"000001", b"000002")
    headers = dataclasses.replace(signed(terminal_key), digest=SUITE.digest(tampered))
    assert problem_of(lambda: verify(terminal_key.public, headers, body=tampered)) == (
        "bad_signature"
    )


def test_another_terminals_key_does_not_verify(terminal_key: KeyPair) -> None:
    other = SUITE.new_signing_key()
    assert problem_of(lambda: verify(other.public, signed(terminal_key))) == "bad_signature"


def test_a_signature_for_one_path_or_method_does_not_fit_another(terminal_key: KeyPair) -> None:
    headers = signed(terminal_key)
    elsewhere = lambda: verify(terminal_key.public, headers, path="/v1/ratings")  # noqa: E731
    other_method = lambda: verify(terminal_key.public, headers, method="PUT")  # noqa: E731
    assert problem_of(elsewhere) == "bad_signature"
    assert problem_of(other_method) == "bad_signature"


def test_a_request_claiming_another_terminal_does_not_verify(terminal_key: KeyPair) -> None:
    headers = dataclasses.replace(signed(terminal_key), terminal_id="T2")
    assert problem_of(lambda: verify(terminal_key.public, headers)) == "bad_signature"


@pytest.mark.parametrize("offset", [-DAY_S, DAY_S], ids=["a day old", "a day ahead"])
def test_a_timestamp_far_from_the_platforms_clock_is_stale(
    terminal_key: KeyPair, offset: int
) -> None:
    headers = signed(terminal_key)
    late = lambda: verify(terminal_key.public, headers, now=NOW - offset)  # noqa: E731
    assert problem_of(late) == "stale_timestamp"


def test_a_clock_within_the_allowed_skew_is_fine(terminal_key: KeyPair) -> None:
    verify(terminal_key.public, signed(terminal_key), now=NOW + ALLOWED_SKEW_S)


def test_a_request_of_another_suite_is_refused(terminal_key: KeyPair) -> None:
    headers = dataclasses.replace(signed(terminal_key), suite="sm2-sm3-sm4")
    assert problem_of(lambda: verify(terminal_key.public, headers)) == "bad_signature"


@pytest.mark.parametrize(
    ("header", "value"),
    [(TIMESTAMP_HEADER, None), (TIMESTAMP_HEADER, "yesterday"), (SIGNATURE_HEADER, "%%%")],
    ids=["missing", "not a number", "not base64"],
)
def test_malformed_headers_are_named_malformed(
    terminal_key: KeyPair, header: str, value: str | None
) -> None:
    headers = signed(terminal_key).as_headers()
    if value is None:
        del headers[header]
    else:
        headers[header] = value
    assert problem_of(lambda: read_signed_headers(headers)) == "malformed"
