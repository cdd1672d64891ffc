"""Signed catalogs: how the platform publishes a catalog version and how a kiosk checks it.

A published catalog is the text of every file in its directory plus the platform's signature
over a canonical form of (version, files). The kiosk verifies the signature with the platform's
catalog key before a byte reaches disk; a catalog that fails is refused and the one in force
stays. Paths are checked too, so a signed catalog can never write outside its directory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.crypto import CryptoSuite
from kiosk.crypto.suite import decode_key, encode_key

_DOMAIN = b"KIOSK-CATALOG-V1\n"


class CatalogSignatureError(Exception):
    """The catalog is not the one the platform signed; the message says how."""


@dataclass(frozen=True)
class PublishedCatalog:
    version: str
    suite: str
    files: dict[str, str]
    signature: str  # base64


def catalog_files(directory: Path) -> dict[str, str]:
    """Every file of a catalog directory as text, keyed by its relative POSIX path."""
    return {
        path.relative_to(directory).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.parts)
    }


def canonical_catalog(version: str, files: dict[str, str]) -> bytes:
    body = json.dumps(
        {"version": version, "files": files},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return _DOMAIN + body.encode("utf-8")


def sign_catalog(
    suite: CryptoSuite, private_key: bytes, version: str, files: dict[str, str]
) -> PublishedCatalog:
    signature = suite.sign(private_key, canonical_catalog(version, files))
    return PublishedCatalog(version, suite.name, dict(files), encode_key(signature))


def verify_catalog(suite: CryptoSuite, public_key: bytes, published: PublishedCatalog) -> None:
    """Raise CatalogSignatureError unless the platform signed exactly these files."""
    if published.suite != suite.name:
        raise CatalogSignatureError(f"signed with suite {published.suite}, not {suite.name}")
    try:
        signature = decode_key(published.signature)
    except ValueError as exc:
        raise CatalogSignatureError("the signature is not base64") from exc
    message = canonical_catalog(published.version, published.files)
    if not suite.verify(public_key, message, signature):
        raise CatalogSignatureError(
            f"catalog {published.version}: the signature does not match the platform's key"
        )
    for name in published.files:
        if not _safe_relative(name):
            raise CatalogSignatureError(f"catalog {published.version}: unsafe path {name!r}")


def write_catalog(published: PublishedCatalog, directory: Path) -> None:
    """Write a verified catalog's files under `directory` (which must not exist yet)."""
    directory.mkdir(parents=True)
    for name, text in published.files.items():
        if not _safe_relative(name):
            raise CatalogSignatureError(f"unsafe path {name!r}")
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _safe_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name
