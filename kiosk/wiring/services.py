"""Builds the domain services on an up-to-date database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from kiosk.audit.log import AuditLog
from kiosk.audit.trail import SYSTEM, TransactionalAuditTrail
from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings, file_to_change
from kiosk.config_edit.editor import SettingsFile
from kiosk.config_edit.holder import SettingsHolder
from kiosk.help_requests import HelpDesk
from kiosk.printing import DocumentPrinter
from kiosk.ratings import RatingStore
from kiosk.service_state import ServiceSwitch
from kiosk.staff.access_service import StaffAccess
from kiosk.staff.lockout_file import LockoutFile
from kiosk.staff.roster import StaffRoster
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
    audit: TransactionalAuditTrail
    service_switch: ServiceSwitch
    live_settings: SettingsHolder  # the settings in force, changed live from the console
    settings_file: SettingsFile  # the file the console's changes are written to
    staff_access: StaffAccess
    help_desk: HelpDesk

    def close(self) -> None:
        self.engine.dispose()


def build_services(
    settings: KioskSettings, printer: DocumentPrinter, config: Path | None = None
) -> KioskServices:
    """The services on these settings; `config` is the --config the settings were read from
    (the console writes its changes there; by default $KIOSK_CONFIG or /etc/kiosk)."""
    engine = open_database(settings.database_path)
    catalogs = CatalogHolder(settings.data_dir)
    sealer = payload_sealer(settings)
    audit = AuditLog.in_suite(engine, settings.platform.suite)
    store = SubmissionStore(engine, settings.terminal.id, sealer, audit=audit)
    seal_left_in_clear(store, sealer)
    service_switch = ServiceSwitch(settings.data_dir, audit)
    submissions = SubmissionService(
        catalogs,
        store,
        printer,
        kiosk_identity(settings),
        in_service=lambda: service_switch.in_service,
    )
    live_settings = SettingsHolder(settings)
    live_settings.subscribe(lambda changed: submissions.use_identity(kiosk_identity(changed)))
    return KioskServices(
        settings=settings,
        engine=engine,
        catalogs=catalogs,
        store=store,
        submissions=submissions,
        progress=ProgressLookup(store, catalogs),
        ratings=RatingStore(engine, audit=audit),
        printer=printer,
        # The touchscreen delivers nothing; a retry from the console names its staff member.
        queue=SubmissionQueue(engine, audit=audit, actor=SYSTEM),
        audit=audit,
        service_switch=service_switch,
        live_settings=live_settings,
        settings_file=SettingsFile(file_to_change(config)),
        staff_access=StaffAccess(
            StaffRoster(settings.data_dir, audit),
            LockoutFile(settings.data_dir),
            audit,
            timedelta(seconds=settings.staff.console_idle_s),
        ),
        help_desk=HelpDesk(engine, store.terminal_id, audit),
    )
