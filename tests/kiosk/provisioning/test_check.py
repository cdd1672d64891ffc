"""Every reason a kiosk refuses a bundle, each with its stable code and what to do."""

from __future__ import annotations

import base64
import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.crypto import DEFAULT_SUITE, suite_named
from kiosk.provisioning.bundle import SignedBundle
from kiosk.provisioning.check import check_bundle
from kiosk.provisioning.issue import sign_bundle
from kiosk.provisioning.refusals import RefusalCode
from kiosk.provisioning.trust import TrustedKey, trusted_keys
from tests.helpers.provisioning import NOW, a_bundle, signed, write_trusted_keys


@pytest.fixture
def trusted(tmp_path: Path) -> list[TrustedKey]:
    keys, problems = trusted_keys((write_trusted_keys(tmp_path / "provisioning.pub"),))
    assert problems == []
    return keys


def codes(bundle: SignedBundle, trusted: list[TrustedKey]) -> list[RefusalCode]:
    refusals = check_bundle(bundle, trusted, NOW)
    assert all(r.en and r.zh for r in refusals)
    return [refusal.code for refusal in refusals]


def test_a_good_bundle_is_accepted(trusted: list[TrustedKey]) -> None:
    assert codes(signed(), trusted) == []


def test_a_bundle_changed_after_signing_is_refused(trusted: list[TrustedKey]) -> None:
    good = signed()
    changed = dataclasses.replace(good, bundle=dataclasses.replace(good.bundle, hotline="110"))

    assert codes(changed, trusted) == [RefusalCode.BAD_SIGNATURE]


def test_a_signature_that_is_not_base64_is_a_bad_signature(trusted: list[TrustedKey]) -> None:
    good = signed()
    broken = dataclasses.replace(
        good, signature=dataclasses.replace(good.signature, value="not base64!")
    )

    assert codes(broken, trusted) == [RefusalCode.BAD_SIGNATURE]


def test_a_bundle_signed_by_another_key_is_refused(trusted: list[TrustedKey]) -> None:
    other = suite_named(DEFAULT_SUITE).new_signing_key()

    assert codes(sign_bundle(a_bundle(), DEFAULT_SUITE, other), trusted) == [
        RefusalCode.UNKNOWN_PROVISIONING_KEY
    ]


def test_without_a_trusted_key_nothing_is_accepted() -> None:
    assert codes(signed(), []) == [RefusalCode.NO_TRUSTED_KEY]


def test_an_expired_bundle_is_refused(trusted: list[TrustedKey]) -> None:
    late = a_bundle(expires_at=(NOW - timedelta(seconds=1)).isoformat())

    assert codes(signed(late), trusted) == [RefusalCode.EXPIRED]


def test_a_bundle_from_the_future_says_to_set_the_clock(trusted: list[TrustedKey]) -> None:
    early = a_bundle(issued_at=(NOW + timedelta(days=2)).isoformat())

    refusals = check_bundle(signed(early), trusted, NOW)

    assert [r.code for r in refusals] == [RefusalCode.NOT_YET_VALID]
    assert "clock" in refusals[0].en


def test_a_time_without_a_zone_is_refused(trusted: list[TrustedKey]) -> None:
    assert codes(signed(a_bundle(expires_at="2027-01-01T00:00:00")), trusted) == [
        RefusalCode.BAD_TIME
    ]


@pytest.mark.parametrize("terminal_id", ["gz0001", "GZ-1", "ABC", "A" * 17])
def test_a_bad_terminal_id_is_refused(trusted: list[TrustedKey], terminal_id: str) -> None:
    assert codes(signed(a_bundle(terminal_id=terminal_id)), trusted) == [
        RefusalCode.BAD_TERMINAL_ID
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"platform_url": "http://platform.example.gov.cn"},
        {"lookup_url": "http://zwfw.example.gov.cn/p?case={case_number}"},
        {"platform_url": "ftp://platform.example.gov.cn"},
    ],
)
def test_a_url_that_is_not_https_is_refused(
    trusted: list[TrustedKey], changes: dict[str, str]
) -> None:
    assert codes(signed(a_bundle(**changes)), trusted) == [RefusalCode.URL_NOT_HTTPS]


def test_plain_http_to_this_machine_is_allowed_for_a_trial(trusted: list[TrustedKey]) -> None:
    assert codes(signed(a_bundle(platform_url="http://127.0.0.1:8443")), trusted) == []


def test_each_malformed_platform_key_is_one_refusal(trusted: list[TrustedKey]) -> None:
    short = base64.b64encode(b"too short").decode()
    bundle = a_bundle(sealing_key="not base64!", catalog_signing_key=short)

    assert codes(signed(bundle), trusted) == [RefusalCode.MALFORMED_KEY] * 2


def test_an_unknown_suite_is_refused(trusted: list[TrustedKey]) -> None:
    assert RefusalCode.UNKNOWN_SUITE in codes(signed(a_bundle(suite="sm2-sm4-sm3")), trusted)


def test_a_ca_bundle_without_a_certificate_is_refused(trusted: list[TrustedKey]) -> None:
    assert codes(signed(a_bundle(ca_bundle="no certificate here")), trusted) == [
        RefusalCode.BAD_CA_BUNDLE
    ]


def test_the_settings_models_rules_refuse_the_rest_naming_the_key(
    trusted: list[TrustedKey],
) -> None:
    bundle = a_bundle(hotline="call us", lookup_url="https://zwfw.example.gov.cn/progress")

    refusals = check_bundle(signed(bundle), trusted, NOW)

    assert [r.code for r in refusals] == [RefusalCode.BAD_SETTING] * 2
    assert {r.en.split(":")[0] for r in refusals} == {"terminal.hotline", "platform.lookup_url"}


def test_every_problem_is_reported_at_once(trusted: list[TrustedKey]) -> None:
    bundle = a_bundle(terminal_id="x", platform_url="http://a.example", ca_bundle="")
    changed = dataclasses.replace(signed(), bundle=bundle)

    assert codes(changed, trusted) == [
        RefusalCode.BAD_SIGNATURE,
        RefusalCode.BAD_TERMINAL_ID,
        RefusalCode.URL_NOT_HTTPS,
        RefusalCode.BAD_CA_BUNDLE,
    ]


def test_a_bad_line_in_the_trusted_keys_file_is_named(tmp_path: Path) -> None:
    path = write_trusted_keys(tmp_path / "provisioning.pub")
    path.write_text(path.read_text() + "x25519-aes256gcm-ed25519-sha256 AAAA\n")

    keys, problems = trusted_keys((path, tmp_path / "absent.pub"))

    assert len(keys) == 1
    assert problems == [
        f"{path} line 3: a signing public key of suite {DEFAULT_SUITE} is 32 bytes, not 3"
    ]
