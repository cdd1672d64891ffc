"""Validated catalogs kept as JSON, so a starting process need not parse and check the YAML.

An entry is named after a digest of every file the loader reads, of the code that checks
them and of the pydantic version: editing, adding or removing a catalog file, or upgrading
the kiosk, names a different entry, so a stale one is never found. An entry
starts with a checksum of its body; one that fails it, or does not parse or validate, is
ignored and rebuilt. Only a catalog that passed every check of `load_catalog` is written.
The checksum detects a garbled file, not a forger: whoever can write the cache can write
the installed catalogs beside it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import pydantic
from pydantic import ValidationError

from kiosk.catalog import loader, models
from kiosk.catalog.loader import catalog_sources, load_catalog
from kiosk.catalog.models import Catalog

log = logging.getLogger(__name__)

# Bump when the entry layout changes.
_FORMAT = b"kiosk-catalog-cache-1\n"
_PREFIX = "catalog-"
_SUFFIX = ".json"


class CatalogCache:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def load(self, catalog_dir: Path) -> Catalog:
        """The catalog in `catalog_dir`, from the cache when it holds these exact files;
        raises CatalogError like `load_catalog` when they do not make a valid catalog."""
        try:
            digest = catalog_digest(catalog_dir)
        except OSError:  # a file vanished or is unreadable: let the loader name the problem
            return load_catalog(catalog_dir)
        entry = self._directory / f"{_PREFIX}{digest}{_SUFFIX}"
        cached = _read_entry(entry)
        if cached is not None:
            return cached
        catalog = load_catalog(catalog_dir)
        self._write_entry(entry, catalog)
        return catalog

    def _write_entry(self, entry: Path, catalog: Catalog) -> None:
        body = catalog.model_dump_json().encode("utf-8")
        content = hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            handle, staging = tempfile.mkstemp(dir=self._directory, prefix=".incoming-")
        except OSError as exc:
            log.warning("catalog cache not written", extra={"reason": str(exc)})
            return
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(content)
            os.replace(staging, entry)  # readers see the whole entry or none
        except OSError as exc:
            Path(staging).unlink(missing_ok=True)
            log.warning("catalog cache not written", extra={"reason": str(exc)})
            return
        for other in self._directory.glob(f"{_PREFIX}*{_SUFFIX}"):
            if other != entry:
                other.unlink(missing_ok=True)


def catalog_digest(catalog_dir: Path) -> str:
    """SHA-256 over the names and bytes of the catalog's files and of the catalog code, and
    the version of pydantic that checks them."""
    header, matters, bundles = catalog_sources(catalog_dir)
    digest = hashlib.sha256(_FORMAT)
    # A new pydantic may check the same files differently.
    digest.update(f"pydantic {pydantic.VERSION}\0".encode())
    code = [Path(models.__file__), Path(loader.__file__)]
    for path, name in [(p, p.name) for p in code] + [
        (p, p.relative_to(catalog_dir).as_posix()) for p in [header, *matters, *bundles]
    ]:
        content = path.read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _read_entry(entry: Path) -> Catalog | None:
    try:
        checksum, _, body = entry.read_bytes().partition(b"\n")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("catalog cache entry unreadable; rebuilding it", extra={"reason": str(exc)})
        return None
    if hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
        log.warning("catalog cache entry is damaged; rebuilding it", extra={"entry": entry.name})
        return None
    try:
        return Catalog.model_validate_json(body)
    except ValidationError:
        log.warning("catalog cache entry is invalid; rebuilding it", extra={"entry": entry.name})
        return None
