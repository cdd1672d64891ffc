"""Published catalogs: signing and storing a version, serving the newest, and loading any
published version once so submissions made under it are checked by its own rules.

A version is published once with fixed content: kiosks cache catalogs by version, so the
same version with other files would mean two kiosks checking by different rules.
"""

from __future__ import annotations

import tempfile
import threading
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.catalog import Catalog, load_catalog
from kiosk.catalog.signed import PublishedCatalog, catalog_files, sign_catalog, write_catalog
from sync.platform.keys import PlatformKeys
from sync.platform.tables import CatalogRow


class CatalogConflict(Exception):
    """This version is already published with other files."""


def publish_catalog(
    session: Session, keys: PlatformKeys, directory: Path, now: datetime
) -> tuple[PublishedCatalog, bool]:
    """Validate, sign and store a catalog directory; True when the version is new.

    Raises kiosk.catalog.CatalogError for an invalid catalog, CatalogConflict for a version
    already published differently."""
    catalog = load_catalog(directory)
    files = catalog_files(directory)
    existing = session.get(CatalogRow, catalog.version)
    if existing is not None:
        if existing.files != files:
            raise CatalogConflict(
                f"catalog {catalog.version} is already published with other files; "
                "give the changed catalog a new version"
            )
        return _published(existing), False
    signed = sign_catalog(keys.suite, keys.catalog_signing.private, catalog.version, files)
    session.add(
        CatalogRow(
            version=signed.version,
            published_at=now,
            suite=signed.suite,
            files=signed.files,
            signature=signed.signature,
        )
    )
    return signed, True


def current_catalog(session: Session) -> PublishedCatalog | None:
    """The most recently published version, or None before the first."""
    row = session.scalars(
        select(CatalogRow).order_by(CatalogRow.published_at.desc(), CatalogRow.version.desc())
    ).first()
    return None if row is None else _published(row)


class CatalogCache:
    """Catalogs loaded from the database, each version once per process.

    Keyed by version and signature, so one cache may be shared by platforms on different
    databases (tests) without mixing up two catalogs that share a version number."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, str], Catalog] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, version: str) -> Catalog | None:
        """The published catalog of this version, or None when it was never published.
        Only the signature is read while the version is cached; the files only to load it."""
        signature = session.scalar(
            select(CatalogRow.signature).where(CatalogRow.version == version)
        )
        if signature is None:
            return None
        key = (version, signature)
        with self._lock:
            if key not in self._loaded:
                row = session.get_one(CatalogRow, version)
                self._loaded[key] = _load(_published(row))
            return self._loaded[key]


def _load(published: PublishedCatalog) -> Catalog:
    with tempfile.TemporaryDirectory(prefix="platform-catalog-") as scratch:
        directory = Path(scratch) / "catalog"
        write_catalog(published, directory)
        return load_catalog(directory)


def _published(row: CatalogRow) -> PublishedCatalog:
    return PublishedCatalog(row.version, row.suite, dict(row.files), row.signature)
