"""Builds the domain services on an up-to-date database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings
from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key
from kiosk.evaluations import EvaluationStore
from kiosk.printing import DocumentPrinter
from kiosk.storage.migrate import open_database
from kiosk.submissions.progress import ProgressLookup
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.sealing import PayloadSealer
from kiosk.submissions.service import KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore

log = logging.getLogger(__name__)


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
    queue: SubmissionQueue

    def close(self) -> None:
        self.engine.dispose()


def payload_sealer(settings: KioskSettings) -> PayloadSealer | None:
    """Seals to the platform's configured key; None until one is configured, and then the
    kiosk takes no application (the settings already checked the key is base64)."""
    if settings.platform.sealing_key is None:
        return None
    return PayloadSealer(
        suite_named(settings.platform.suite), decode_key(settings.platform.sealing_key)
    )


def build_services(settings: KioskSettings, printer: DocumentPrinter) -> KioskServices:
    engine = open_database(settings.database_path)
    catalogs = CatalogHolder(settings.data_dir)
    sealer = payload_sealer(settings)
    store = SubmissionStore(engine, settings.terminal.id, sealer)
    if sealer is not None:
        sealed = store.seal_clear_payloads()
        if sealed:
            log.info("clear payloads from before sealing are now sealed", extra={"rows": sealed})
    else:
        log.warning("no platform sealing key configured: applications cannot be accepted")
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
        queue=SubmissionQueue(engine),
    )
