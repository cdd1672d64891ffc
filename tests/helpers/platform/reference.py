"""The reference platform as tests use it: on a fresh database with the shipped catalog
published, keyed with the test platform's keys every test kiosk trusts, optionally served
over HTTP on a loopback port in this process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kiosk.catalog import load_catalog
from kiosk.catalog.loader import default_catalog_dir
from kiosk.catalog.signed import PublishedCatalog, catalog_files, sign_catalog
from sync.platform.app import create_app
from sync.platform.catalogs import CatalogCache
from sync.platform.db import create_schema, open_platform_engine
from sync.platform.keys import PlatformKeys
from sync.platform.server import BackgroundServer, TlsFiles
from sync.platform.tables import CatalogRow
from sync.platform.terminals import enrol_terminal
from tests.helpers.platform.builders import KioskTerminal
from tests.helpers.platform_keys import TEST_PLATFORM

TEST_PLATFORM_KEYS = PlatformKeys(
    TEST_PLATFORM.suite, TEST_PLATFORM.sealing, TEST_PLATFORM.catalog_signing
)
# Catalogs are keyed by version and signature, so every test's platform can share one load.
SHARED_CATALOGS = CatalogCache()


def prepared_engine(url: str, *, publish: bool = True) -> Engine:
    """The platform's schema on `url`, with the shipped catalog published."""
    engine = open_platform_engine(url)
    create_schema(engine)
    if publish:
        shipped = _shipped_catalog()
        with Session(engine) as session, session.begin():
            session.add(
                CatalogRow(
                    version=shipped.version,
                    published_at=_now(),
                    suite=shipped.suite,
                    files=shipped.files,
                    signature=shipped.signature,
                )
            )
    return engine


@cache
def _shipped_catalog() -> PublishedCatalog:
    """What publish_catalog stores for the shipped catalog, signed once per run."""
    directory = default_catalog_dir()
    return sign_catalog(
        TEST_PLATFORM_KEYS.suite,
        TEST_PLATFORM_KEYS.catalog_signing.private,
        load_catalog(directory).version,
        catalog_files(directory),
    )


def enrol(engine: Engine, terminal: KioskTerminal) -> KioskTerminal:
    with Session(engine) as session, session.begin():
        enrol_terminal(
            session, terminal.terminal_id, terminal.public_key, terminal.suite.name, _now()
        )
    return terminal


@dataclass(frozen=True)
class RunningPlatform:
    url: str
    engine: Engine
    keys: PlatformKeys

    def enrol(self, terminal: KioskTerminal | None = None) -> KioskTerminal:
        return enrol(self.engine, terminal or KioskTerminal.new())

    def session(self) -> Session:
        return Session(self.engine)


def prepare_platform_database(url: str) -> None:
    """Set `url` up as prepared_engine does and let go of it (for a database template)."""
    prepared_engine(url).dispose()


@contextmanager
def running_platform(
    url: str,
    *,
    prepare: bool = True,
    publish: bool = True,
    tls: TlsFiles | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Iterator[RunningPlatform]:
    """The platform served on a free loopback port until the block ends. `prepare=False`
    for a database that is prepared already (a copy of the platform template)."""
    engine = prepared_engine(url, publish=publish) if prepare else open_platform_engine(url)
    app = create_app(engine, TEST_PLATFORM_KEYS, clock=clock, catalogs=SHARED_CATALOGS)
    try:
        # Tests drop connections without closing them; a second is plenty to finish a request.
        with BackgroundServer(app, tls=tls, graceful_shutdown_s=1) as server:
            yield RunningPlatform(server.url, engine, TEST_PLATFORM_KEYS)
    finally:
        engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)
