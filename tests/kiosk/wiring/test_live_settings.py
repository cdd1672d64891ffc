"""Settings changed live at the console reach the services that print them: the next receipt
names the new hall and hotline, without a restart."""

from __future__ import annotations

from kiosk.config import KioskSettings
from kiosk.forms import Application
from kiosk.wiring.services import build_services
from tests.helpers.data import ELDERLY_MATTER, elderly_json
from tests.helpers.devices.recording_printer import RecordingPrinter


def test_the_next_receipt_names_the_hall_and_hotline_changed_live(
    settings: KioskSettings,
) -> None:
    printer = RecordingPrinter()
    services = build_services(settings, printer)
    try:
        services.live_settings.apply({"terminal.hotline": "96110", "terminal.hall_name": "新大厅"})
        services.submissions.submit(ELDERLY_MATTER, Application.from_json(elderly_json()))
    finally:
        services.close()
    [receipt] = printer.receipts
    assert (receipt.hall_name, receipt.hotline) == ("新大厅", "96110")
