"""Builds what the console's actions page acts through from the services and the devices the
touchscreen already holds (the same guarded reader, scanner and printer), so a test read or
a reprint uses exactly the resident's path."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from kiosk.audit.trail import SYSTEM
from kiosk.console.actions import ConsoleActions
from kiosk.console.device_tests import DeviceTests, KioskFacts
from kiosk.console.power import Power
from kiosk.console.quarantine import QuarantineDesk
from kiosk.console.reprint import ReceiptReprint
from kiosk.console.service_mode import ServiceMode
from kiosk.console.sync_now import SyncNow, SyncRequests
from kiosk.rating_queue import rating_queue
from kiosk.wiring.console_probes import ReaderProbe, ScannerProbe
from kiosk.wiring.devices import Devices
from kiosk.wiring.services import KioskServices


def console_actions(services: KioskServices, devices: Devices) -> ConsoleActions:
    settings, audit = services.settings, services.audit
    terminal = settings.terminal
    scanner = ScannerProbe(devices.qr_scanner) if devices.qr_scanner is not None else None
    facts = KioskFacts(
        terminal.hall_name,
        services.store.terminal_id(),
        settings.platform.lookup_url,
        terminal.hotline,
    )
    return ConsoleActions(
        devices=DeviceTests(ReaderProbe(devices.id_reader), scanner, devices.printer, facts, audit),
        reprint=ReceiptReprint(services.submissions),
        receipt_scanner=scanner,
        sync=SyncNow(SyncRequests(settings.data_dir), audit),
        quarantine=QuarantineDesk(
            services.queue, rating_queue(services.engine, audit=audit, actor=SYSTEM)
        ),
        service=ServiceMode(services.service_switch),
        power=Power(audit),
        timezone=ZoneInfo(terminal.timezone),
    )
