"""The provisioning bundle (配置包): what the province tells one kiosk about itself and its
platform, signed by the province's provisioning key.

On a USB stick it is a JSON file (format, version, the bundle's fields, the signature); in a
QR code it is the same JSON, zlib-compressed, base64url-encoded, behind QR_PREFIX. The
signature covers the canonical form of the fields (sorted keys, no spaces, UTF-8) behind a
context line, so neither the file's layout nor the QR encoding changes what was signed.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from kiosk.provisioning.refusals import (
    ASK_FOR_NEW_EN,
    ASK_FOR_NEW_ZH,
    BundleUnreadable,
    Refusal,
    RefusalCode,
)

FORMAT = "kiosk-provision"
VERSION = 1
QR_PREFIX = "KIOSKPROV1:"
_SIGNING_CONTEXT = b"kiosk-provision-v1\n"

# The most a QR code holds in byte mode (version 40, error correction L): ISO/IEC 18004.
QR_CAPACITY_BYTES = 2953


_Fields = TypeVar("_Fields", "Bundle", "Signature")


@dataclass(frozen=True)
class Bundle:
    """One terminal's provisioning. Times are ISO 8601 with a time zone."""

    terminal_id: str
    hall_name: str
    hotline: str
    region: str  # the administrative division code (行政区划代码), six digits
    platform_url: str
    lookup_url: str
    suite: str
    sealing_key: str
    catalog_signing_key: str
    ca_bundle: str  # the platform's CA certificates, PEM
    issued_at: str
    expires_at: str

    def canonical(self) -> bytes:
        """The bytes the provisioning key signs."""
        text = json.dumps(asdict(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return _SIGNING_CONTEXT + text.encode("utf-8")

    def expiry(self) -> datetime:
        return _moment(self.expires_at, "expires_at")

    def issued(self) -> datetime:
        return _moment(self.issued_at, "issued_at")


@dataclass(frozen=True)
class Signature:
    suite: str
    key_id: str
    value: str  # base64


@dataclass(frozen=True)
class SignedBundle:
    bundle: Bundle
    signature: Signature

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "bundle": asdict(self.bundle),
            "signature": asdict(self.signature),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def to_qr_text(self) -> str:
        compact = json.dumps(json.loads(self.to_json()), ensure_ascii=False, separators=(",", ":"))
        packed = zlib.compress(compact.encode("utf-8"), 9)
        return QR_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")

    def signature_bytes(self) -> bytes:
        """The signature's bytes; empty when it is not base64 (the check reports it)."""
        try:
            return base64.b64decode(self.signature.value, validate=True)
        except (binascii.Error, ValueError):
            return b""


def read_bundle(text: str) -> SignedBundle:
    """A bundle from a file's text or a scanned code; BundleUnreadable otherwise."""
    text = text.strip()
    if text.startswith(QR_PREFIX):
        text = _unpacked(text[len(QR_PREFIX) :])
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise _not_a_bundle("not JSON") from exc
    return _from_document(document)


def _unpacked(packed: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        return zlib.decompress(raw).decode("utf-8")
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError) as exc:
        raise BundleUnreadable(
            Refusal(
                RefusalCode.INCOMPLETE_CODE,
                "the provisioning QR code was read incompletely: scan it again, holding it still",
                "配置二维码没有读全：请把二维码放稳后重新扫描",
            )
        ) from exc


def _from_document(document: Any) -> SignedBundle:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_a_bundle(f'no "format": "{FORMAT}"')
    if document.get("version") != VERSION:
        version = document.get("version")
        raise BundleUnreadable(
            Refusal(
                RefusalCode.UNKNOWN_VERSION,
                f"provisioning bundle version {version!r} is not known to this software (it "
                f"reads version {VERSION}): update the kiosk software or {ASK_FOR_NEW_EN} "
                f"of version {VERSION}",
                f"配置包版本 {version!r} 本机软件不认识（只认版本 {VERSION}）："
                f"请升级本机软件，或{ASK_FOR_NEW_ZH}",
            )
        )
    return SignedBundle(
        _fields_of(Bundle, document.get("bundle"), "bundle"),
        _fields_of(Signature, document.get("signature"), "signature"),
    )


def _fields_of(kind: type[_Fields], table: Any, where: str) -> _Fields:
    names = [field.name for field in fields(kind)]
    if not isinstance(table, dict):
        raise _not_a_bundle(f"no {where}")
    missing = [name for name in names if not isinstance(table.get(name), str)]
    if missing:
        raise _not_a_bundle(f"its {where} lacks {', '.join(missing)} (or they are not text)")
    return kind(**{name: table[name] for name in names})


def _not_a_bundle(why: str) -> BundleUnreadable:
    return BundleUnreadable(
        Refusal(
            RefusalCode.NOT_A_BUNDLE,
            f"not a provisioning bundle ({why}): use the file or QR code the province issued, "
            f"or {ASK_FOR_NEW_EN}",
            f"这不是配置包（{why}）：请使用省级平台发放的配置文件或配置二维码",
        )
    )


def _moment(text: str, name: str) -> datetime:
    """Raises ValueError naming the field for a time without a zone or not ISO 8601."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{name} is not an ISO 8601 time: {text!r}") from exc
    if moment.tzinfo is None:
        raise ValueError(f"{name} has no time zone: {text!r}")
    return moment
