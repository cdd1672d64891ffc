"""Installing the catalog the platform has in force, only if the platform signed it.

The signature is checked before a byte reaches disk; the files are then written to a
temporary directory and handed to the CatalogHolder, which validates the catalog whole and
switches atomically. Anything wrong leaves the catalog in force as it was, and says why.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog import CatalogError
from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import load_catalog
from kiosk.catalog.signed import (
    CatalogSignatureError,
    PublishedCatalog,
    verify_catalog,
    write_catalog,
)
from kiosk.crypto import CryptoSuite
from sync.contract import SignedCatalog
from sync.ports import PlatformApi

log = logging.getLogger(__name__)

UNCHANGED = "unchanged"


@dataclass(frozen=True)
class CatalogTrust:
    """The platform's catalog-signing key, as configured (platform.catalog_signing_key)."""

    suite: CryptoSuite
    public_key: bytes


def update_catalog(platform: PlatformApi, holder: CatalogHolder, trust: CatalogTrust) -> str:
    """ "unchanged", "installed VERSION" or "refused: why". Raises SyncFailure."""
    have = holder.refresh().version  # another process may have installed one meanwhile
    signed = platform.current_catalog(have)
    if signed is None or signed.version == have:
        return UNCHANGED
    try:
        install_signed(signed, holder, trust)
    except (CatalogSignatureError, CatalogError) as exc:
        reason = _reason(exc)
        log.error(
            "catalog from the platform refused; the one in force stays",
            extra={"version": signed.version, "kept": have, "reason": reason},
        )
        return f"refused: {reason}"
    log.info("catalog installed", extra={"version": signed.version, "previous": have})
    return f"installed {signed.version}"


def install_signed(signed: SignedCatalog, holder: CatalogHolder, trust: CatalogTrust) -> None:
    published = PublishedCatalog(signed.version, signed.suite, signed.files, signed.signature)
    verify_catalog(trust.suite, trust.public_key, published)
    with tempfile.TemporaryDirectory(prefix="kiosk-catalog-") as scratch:
        directory = Path(scratch) / "catalog"
        write_catalog(published, directory)
        declared = load_catalog(directory).version
        if declared != signed.version:
            raise CatalogSignatureError(
                f"published as {signed.version} but its catalog.yaml says {declared}"
            )
        holder.install(directory)


def _reason(exc: Exception) -> str:
    if isinstance(exc, CatalogError):
        problems = "; ".join(str(p) for p in exc.problems[:3])
        return f"the catalog is invalid ({len(exc.problems)} problem(s): {problems})"
    return str(exc)
