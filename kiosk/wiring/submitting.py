"""The submission service on its own, as `kiosk submit` needs it, and the parts of it the
full kiosk (kiosk.wiring.services) builds the same way.

A one-shot submission writes through stdlib sqlite3 connections (kiosk.storage.sqlite)
rather than the ORM engine the long-running processes share; the store, the checks, the
sealing and the receipt are the same objects either way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from kiosk.audit.log import AuditLog
from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings
from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key
from kiosk.printing import DocumentPrinter
from kiosk.service_state import ServiceSwitch
from kiosk.storage.migrate import ensure_current_schema
from kiosk.storage.sqlite import SqliteDatabase
from kiosk.submissions.sealing import PayloadSealer
from kiosk.submissions.service import KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore

log = logging.getLogger(__name__)


def payload_sealer(settings: KioskSettings) -> PayloadSealer | None:
    """Seals to the platform's configured key; None until one is configured, and then the
    kiosk takes no application (the settings already checked the key is base64)."""
    if settings.platform.sealing_key is None:
        return None
    return PayloadSealer(
        suite_named(settings.platform.suite), decode_key(settings.platform.sealing_key)
    )


def kiosk_identity(settings: KioskSettings) -> KioskIdentity:
    return KioskIdentity(
        configured_terminal_id=settings.terminal.id,
        hall_name=settings.terminal.hall_name,
        hotline=settings.terminal.hotline,
        timezone=ZoneInfo(settings.terminal.timezone),
        lookup_url=settings.platform.lookup_url,
    )


def seal_left_in_clear(store: SubmissionStore, sealer: PayloadSealer | None) -> None:
    """Seal what an older kiosk stored in clear, before anything else is taken."""
    if sealer is None:
        log.warning("no platform sealing key configured: applications cannot be accepted")
        return
    sealed = store.seal_clear_payloads()
    if sealed:
        log.info("clear payloads from before sealing are now sealed", extra={"rows": sealed})


@contextmanager
def submission_service(
    settings: KioskSettings, printer: DocumentPrinter
) -> Iterator[SubmissionService]:
    """The service `kiosk submit` uses, on a database brought to the current schema, for
    the length of the block."""
    ensure_current_schema(settings.database_path)
    sealer = payload_sealer(settings)
    database = SqliteDatabase(settings.database_path)
    try:
        audit = AuditLog.in_suite(database, settings.platform.suite)
        store = SubmissionStore(database, settings.terminal.id, sealer, audit=audit)
        seal_left_in_clear(store, sealer)
        catalogs = CatalogHolder(settings.data_dir)
        # Only read here: the switch is flipped (and audited) at the console.
        switch = ServiceSwitch(settings.data_dir, audit)
        yield SubmissionService(
            catalogs,
            store,
            printer,
            kiosk_identity(settings),
            in_service=lambda: switch.in_service,
        )
    finally:
        database.close()
