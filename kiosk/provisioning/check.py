"""Checking a provisioning bundle before anything is written: its signature by a trusted
provisioning key, its validity period, and every value it would set. One refusal per problem,
so a technician holding a bad bundle learns everything wrong with it at once."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.config_error import SettingsRefused
from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key
from kiosk.provisioning.bundle import Bundle, SignedBundle
from kiosk.provisioning.refusals import ASK_FOR_NEW_EN, ASK_FOR_NEW_ZH, Refusal, RefusalCode
from kiosk.provisioning.settings import bundle_settings, nested
from kiosk.provisioning.trust import TrustedKey

_TERMINAL_ID = re.compile(r"^[A-Z0-9]{4,16}$")
_LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
# A kiosk's clock may run a little ahead of the province's; more than this is a wrong clock.
_CLOCK_SLACK = timedelta(hours=1)
# Where the settings model checks what the bundle's own checks already said.
_CHECKED_HERE = {
    "terminal.id",
    "platform.url",
    "platform.suite",
    "platform.sealing_key",
    "platform.catalog_signing_key",
}


def check_bundle(signed: SignedBundle, trusted: list[TrustedKey], now: datetime) -> list[Refusal]:
    """Every problem of `signed`; empty when it may be applied."""
    return [*_signature(signed, trusted), *check_values(signed.bundle, now)]


def check_values(bundle: Bundle, now: datetime) -> list[Refusal]:
    """Every problem of the bundle's values (all but its signature): the province checks
    these before it signs."""
    return [
        *_period(bundle, now),
        *_terminal_id(bundle),
        *_urls(bundle),
        *_keys(bundle),
        *_ca(bundle),
        *_other_settings(bundle),
    ]


def _signature(signed: SignedBundle, trusted: list[TrustedKey]) -> list[Refusal]:
    if not trusted:
        return [
            Refusal(
                RefusalCode.NO_TRUSTED_KEY,
                "this kiosk trusts no provisioning key: install the province's key as "
                "/etc/kiosk/provisioning.pub (the kiosk image has it in "
                "/usr/lib/kiosk/provisioning.pub)",
                "本机没有省级配置公钥，无法核验配置包：请技术人员安装省级配置公钥"
                "（/etc/kiosk/provisioning.pub）",
            )
        ]
    signature = signed.signature
    key = next(
        (k for k in trusted if k.key_id == signature.key_id and k.suite == signature.suite), None
    )
    if key is None:
        return [
            Refusal(
                RefusalCode.UNKNOWN_PROVISIONING_KEY,
                f"signed by provisioning key {signature.key_id} ({signature.suite}), which this "
                f"kiosk does not trust (it trusts {', '.join(k.key_id for k in trusted)}): "
                f"{ASK_FOR_NEW_EN} signed with the province's key",
                f"配置包的签名密钥（{signature.key_id}）不是本机信任的省级配置密钥："
                f"{ASK_FOR_NEW_ZH}",
            )
        ]
    if not suite_named(key.suite).verify(
        key.public, signed.bundle.canonical(), signed.signature_bytes()
    ):
        return [
            Refusal(
                RefusalCode.BAD_SIGNATURE,
                "the signature does not match the bundle (it was changed after signing, or "
                f"damaged): {ASK_FOR_NEW_EN}",
                f"配置包签名不符（签名后被改动或已损坏）：{ASK_FOR_NEW_ZH}",
            )
        ]
    return []


def _period(bundle: Bundle, now: datetime) -> list[Refusal]:
    try:
        issued, expiry = bundle.issued(), bundle.expiry()
    except ValueError as exc:
        return [
            Refusal(
                RefusalCode.BAD_TIME,
                f"{exc}: {ASK_FOR_NEW_EN}",
                f"配置包时间有误：{ASK_FOR_NEW_ZH}",
            )
        ]
    if now >= expiry:
        return [
            Refusal(
                RefusalCode.EXPIRED,
                f"the bundle expired at {bundle.expires_at}: {ASK_FOR_NEW_EN} (or check this "
                f"kiosk's clock: it says {now.isoformat(timespec='seconds')})",
                f"配置包已于 {bundle.expires_at} 过期：{ASK_FOR_NEW_ZH}（或检查本机时间）",
            )
        ]
    if issued > now + _CLOCK_SLACK:
        return [
            Refusal(
                RefusalCode.NOT_YET_VALID,
                f"the bundle was issued at {bundle.issued_at}, after this kiosk's time "
                f"{now.isoformat(timespec='seconds')}: set this kiosk's clock right",
                f"配置包签发时间 {bundle.issued_at} 晚于本机时间：请校准本机时间",
            )
        ]
    return []


def _terminal_id(bundle: Bundle) -> list[Refusal]:
    if _TERMINAL_ID.match(bundle.terminal_id):
        return []
    return [
        Refusal(
            RefusalCode.BAD_TERMINAL_ID,
            f"terminal id {bundle.terminal_id!r} is not 4 to 16 capital letters or digits: "
            f"{ASK_FOR_NEW_EN}",
            f"终端编号 {bundle.terminal_id!r} 不是4到16位大写字母或数字：{ASK_FOR_NEW_ZH}",
        )
    ]


def _urls(bundle: Bundle) -> list[Refusal]:
    refusals = []
    for name, url in (("platform url", bundle.platform_url), ("lookup url", bundle.lookup_url)):
        parts = urlsplit(url)
        secure = parts.scheme == "https" and bool(parts.hostname)
        if not secure and not (parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS):
            refusals.append(
                Refusal(
                    RefusalCode.URL_NOT_HTTPS,
                    f"the {name} {url!r} is not https://: {ASK_FOR_NEW_EN}",
                    f"配置包中的地址 {url} 不是 https:// 地址：{ASK_FOR_NEW_ZH}",
                )
            )
    return refusals


def _keys(bundle: Bundle) -> list[Refusal]:
    try:
        suite = suite_named(bundle.suite)
    except ValueError as exc:
        return [
            Refusal(
                RefusalCode.UNKNOWN_SUITE,
                f"{exc}: update the kiosk software or {ASK_FOR_NEW_EN}",
                f"本机软件不支持配置包的密码套件 {bundle.suite}：请升级软件或{ASK_FOR_NEW_ZH}",
            )
        ]
    refusals = []
    for name, purpose, text in (
        ("sealing key", "sealing", bundle.sealing_key),
        ("catalog signing key", "signing", bundle.catalog_signing_key),
    ):
        try:
            suite.check_public_key(purpose, decode_key(text))  # type: ignore[arg-type]
        except ValueError as exc:
            refusals.append(
                Refusal(
                    RefusalCode.MALFORMED_KEY,
                    f"the platform's {name} is malformed ({exc}): {ASK_FOR_NEW_EN}",
                    f"配置包中的平台公钥格式有误：{ASK_FOR_NEW_ZH}",
                )
            )
    return refusals


def _ca(bundle: Bundle) -> list[Refusal]:
    from cryptography import x509

    try:
        x509.load_pem_x509_certificates(bundle.ca_bundle.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return [
            Refusal(
                RefusalCode.BAD_CA_BUNDLE,
                f"the platform's CA bundle holds no readable PEM certificate: {ASK_FOR_NEW_EN}",
                f"配置包中的平台CA证书无法读取：{ASK_FOR_NEW_ZH}",
            )
        ]
    return []


def _other_settings(bundle: Bundle) -> list[Refusal]:
    """The settings model's own rules (hall name length, hotline, the lookup URL's
    placeholder) for what the checks above do not cover."""
    from kiosk.config import settings_from_values

    flat = bundle_settings(bundle, Path("/nonexistent/ca.pem"))
    try:
        settings_from_values(nested(flat), None)
    except SettingsRefused as exc:
        return [
            Refusal(
                RefusalCode.BAD_SETTING,
                f"{key}: {message}: {ASK_FOR_NEW_EN}",
                f"配置包中的设置 {key} 无效（{message}）：{ASK_FOR_NEW_ZH}",
            )
            for key, message in exc.problems
            if key in flat and key not in _CHECKED_HERE
        ]
    return []
