"""Everything the console's actions page acts through, in one value the composition root
builds (kiosk/wiring/console.py), so the page never sees the services bag."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk.console.device_tests import DeviceTests
from kiosk.console.power import Power
from kiosk.console.probes import CodeProbe
from kiosk.console.quarantine import QuarantineDesk
from kiosk.console.reprint import ReceiptReprint
from kiosk.console.service_mode import ServiceMode
from kiosk.console.sync_now import SyncNow


@dataclass(frozen=True)
class ConsoleActions:
    devices: DeviceTests
    reprint: ReceiptReprint
    receipt_scanner: CodeProbe | None  # reads a receipt's QR code for a reprint
    sync: SyncNow
    quarantine: QuarantineDesk
    service: ServiceMode
    power: Power
    timezone: ZoneInfo  # the hall's, for the times shown
