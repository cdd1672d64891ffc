"""Builds the domain services on an up-to-date database."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings
from kiosk.evaluations import EvaluationStore
from kiosk.printing import DocumentPrinter
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.submissions.progress import ProgressLookup
from kiosk.submissions.service import KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore


@dataclass(frozen=True)
class KioskServices:
    settings: KioskSettings
    engine: Engine
    catalogs: CatalogHolder
    store: SubmissionStore
    submissions: SubmissionService
    progress: ProgressLookup
    evaluations: EvaluationStore
    printer: DocumentPrinter

    def close(self) -> None:
        self.engine.dispose()


def open_database(settings: KioskSettings) -> Engine:
    """Open the database and run any pending migration: the schema is always current."""
    engine = open_engine(settings.database_path)
    upgrade_to_head(engine)
    return engine


def build_services(settings: KioskSettings, printer: DocumentPrinter) -> KioskServices:
    engine = open_database(settings)
    catalogs = CatalogHolder(settings.data_dir)
    store = SubmissionStore(engine, settings.terminal.id)
    kiosk = KioskIdentity(
        configured_terminal_id=settings.terminal.id,
        hall_name=settings.terminal.hall_name,
        hotline=settings.terminal.hotline,
        timezone=ZoneInfo(settings.terminal.timezone),
        lookup_url=settings.platform.lookup_url,
    )
    return KioskServices(
        settings=settings,
        engine=engine,
        catalogs=catalogs,
        store=store,
        submissions=SubmissionService(catalogs, store, printer, kiosk),
        progress=ProgressLookup(store, catalogs),
        evaluations=EvaluationStore(engine),
        printer=printer,
    )
