"""The catalog in force, replaced atomically when a new version is installed.

Installed versions live in `<data dir>/catalogs/<version>/`; the file `current` names the
one in force and is replaced with a rename, so a reader never sees half a switch. Callers
take a snapshot (`current()`) when a resident's session starts and keep using it: a session
that started on the old version finishes on it. An installed catalog that cannot be loaded
is refused and the catalog in force stays. Loading goes through a cache of validated
catalogs (`<data dir>/cache/`), so a starting process does not parse the YAML again.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path

from kiosk.catalog.cache import CatalogCache
from kiosk.catalog.loader import CatalogError, default_catalog_dir, load_catalog
from kiosk.catalog.models import Catalog

log = logging.getLogger(__name__)


class CatalogHolder:
    def __init__(self, data_dir: Path, shipped: Path | None = None) -> None:
        self._root = data_dir / "catalogs"
        self._pointer = self._root / "current"
        self._shipped = shipped or default_catalog_dir()
        self._cache = CatalogCache(data_dir / "cache")
        self._lock = threading.Lock()
        self._pointer_seen: str | None = None
        self._catalog = self._load_initial()

    def current(self) -> Catalog:
        """The catalog in force now; an immutable snapshot safe to keep for a session."""
        with self._lock:
            return self._catalog

    def refresh(self) -> Catalog:
        """Pick up a version installed by another process (cheap: one small file read)."""
        pointer = self._read_pointer()
        with self._lock:
            if pointer is None or pointer == self._pointer_seen:
                return self._catalog
        catalog = self._load_installed(pointer)
        with self._lock:
            self._pointer_seen = pointer
            if catalog is not None:
                self._catalog = catalog
                log.info("catalog switched", extra={"version": catalog.version})
            return self._catalog

    def install(self, source: Path) -> Catalog:
        """Validate `source` whole, copy it in, and make it the catalog in force."""
        catalog = load_catalog(source)  # raises CatalogError listing every problem
        self._root.mkdir(parents=True, exist_ok=True)
        target = self._root / catalog.version
        if not target.exists():
            staging = Path(tempfile.mkdtemp(dir=self._root, prefix=".incoming-"))
            shutil.copytree(source, staging, dirs_exist_ok=True)
            load_catalog(staging)  # the copy is what will be used: check it too
            staging.rename(target)
        pointer_tmp = self._root / ".current.tmp"
        pointer_tmp.write_text(catalog.version, encoding="utf-8")
        with pointer_tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer_tmp, self._pointer)
        self.refresh()
        return catalog

    def _read_pointer(self) -> str | None:
        try:
            name = self._pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def _load_installed(self, pointer: str) -> Catalog | None:
        """The installed version, or None (logged) when it cannot be used."""
        try:
            return self._cache.load(self._root / pointer)
        except CatalogError as exc:
            log.error(
                "installed catalog refused, keeping the one in force",
                extra={"version": pointer, "problems": len(exc.problems)},
            )
            return None

    def _load_initial(self) -> Catalog:
        pointer = self._read_pointer()
        self._pointer_seen = pointer
        installed = self._load_installed(pointer) if pointer is not None else None
        return installed or self._cache.load(self._shipped)
