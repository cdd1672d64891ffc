"""Builds the domain services on an up-to-date database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from kiosk.audit.trail import AuditTrail, MemoryAuditTrail
from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings
from kiosk.help_requests import HelpDesk
from kiosk.printing import DocumentPrinter
from kiosk.ratings import RatingStore
from kiosk.service_state import ServiceSwitch
from kiosk.storage.migrate import open_database
from kiosk.submissions.progress import ProgressLookup
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.service import SubmissionService
from kiosk.submissions.store import SubmissionStore
from kiosk.wiring.submitting import kiosk_identity, payload_sealer, seal_left_in_clear


@dataclass(frozen=True)
class KioskServices:
    settings: KioskSettings
    engine: Engine
    catalogs: CatalogHolder
    store: SubmissionStore
    submissions: SubmissionService
    progress: ProgressLookup
    ratings: RatingStore
    printer: DocumentPrinter
    queue: SubmissionQueue
    audit: AuditTrail
    service_switch: ServiceSwitch
    help_desk: HelpDesk

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: KioskSettings, printer: DocumentPrinter) -> KioskServices:
    engine = open_database(settings.database_path)
    catalogs = CatalogHolder(settings.data_dir)
    sealer = payload_sealer(settings)
    store = SubmissionStore(engine, settings.terminal.id, sealer)
    seal_left_in_clear(store, sealer)
    audit = MemoryAuditTrail()  # until the hash-chained log in the database is built
    return KioskServices(
        settings=settings,
        engine=engine,
        catalogs=catalogs,
        store=store,
        submissions=SubmissionService(catalogs, store, printer, kiosk_identity(settings)),
        progress=ProgressLookup(store, catalogs),
        ratings=RatingStore(engine),
        printer=printer,
        queue=SubmissionQueue(engine),
        audit=audit,
        service_switch=ServiceSwitch(settings.data_dir, audit),
        help_desk=HelpDesk(engine, store.terminal_id, audit),
    )
