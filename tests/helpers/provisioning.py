"""The province's side of provisioning for tests: a provisioning key generated once per run,
the trusted-keys file holding it, a realistic CA certificate, and bundles signed with it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from kiosk.crypto import DEFAULT_SUITE, suite_named
from kiosk.provisioning.bundle import Bundle, SignedBundle
from kiosk.provisioning.issue import sign_bundle
from kiosk.provisioning.trust import public_key_line
from tests.helpers.platform_keys import TEST_PLATFORM

PROVINCE_KEY = suite_named(DEFAULT_SUITE).new_signing_key()
NOW = datetime.now(UTC).replace(microsecond=0)  # bundles are valid around the real time


def write_trusted_keys(path: Path) -> Path:
    """A provisioning.pub trusting PROVINCE_KEY."""
    path.write_text(
        "# the test province\n" + public_key_line(DEFAULT_SUITE, PROVINCE_KEY.public),
        encoding="ascii",
    )
    return path


@cache
def rsa_ca_pem() -> str:
    """A self-signed RSA-2048 CA certificate, the size a government extranet CA usually is."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Province e-Government"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Example Province Extranet Root CA"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def a_bundle(**changes: str) -> Bundle:
    """GZ0001's bundle, valid around NOW, with the test platform's keys."""
    keys = TEST_PLATFORM.kiosk_settings()
    bundle = Bundle(
        terminal_id="GZ0001",
        hall_name="示例市民服务中心 24小时自助服务区",
        hotline="0571-12345",
        region="440100",
        platform_url="https://platform.example.gov.cn",
        lookup_url="https://zwfw.example.gov.cn/progress?case={case_number}",
        suite=keys["suite"],
        sealing_key=keys["sealing_key"],
        catalog_signing_key=keys["catalog_signing_key"],
        ca_bundle=rsa_ca_pem(),
        issued_at=(NOW - timedelta(hours=1)).isoformat(),
        expires_at=(NOW + timedelta(days=30)).isoformat(),
    )
    return dataclasses.replace(bundle, **changes)


def signed(bundle: Bundle | None = None) -> SignedBundle:
    """`bundle` (default: a_bundle()) signed with the province's key."""
    return sign_bundle(bundle or a_bundle(), DEFAULT_SUITE, PROVINCE_KEY)
