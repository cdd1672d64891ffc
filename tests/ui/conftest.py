"""A real kiosk window on simulated devices that speak the real bytes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from drivers.idcard import SamSerialReader, SamSimulator
from drivers.printer import PrinterSimulator
from kiosk.config import KioskSettings
from kiosk.wiring.devices import build_printer
from kiosk.wiring.services import KioskServices, build_services
from ui.app import prepare_application
from ui.main_window import KioskWindow


@dataclass
class RunningKiosk:
    window: KioskWindow
    services: KioskServices
    card: SamSimulator
    receipts: Path


@pytest.fixture
def kiosk(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[RunningKiosk]:
    prepare_application(settings.ui.font_family)
    receipts = tmp_path / "receipts.bin"
    printer = PrinterSimulator(receipts)
    card = SamSimulator()
    reader = SamSerialReader(card.start(), timeout=0.5)
    services = build_services(settings, build_printer(printer.start(), settings))
    window = KioskWindow(services, reader)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield RunningKiosk(window, services, card, receipts)
    window.shutdown()
    services.close()
    reader.close()
    card.stop()
    printer.stop()
