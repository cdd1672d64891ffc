"""A real kiosk window on simulated devices that speak the real bytes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from drivers.idcard import SamSerialReader, SamSimulator
from drivers.printer import PrinterSimulator
from drivers.qr import CameraScanner, QrScanner, ScannerSimulator, SerialQrScanner
from kiosk.config import KioskSettings
from kiosk.wiring.printer import build_printer
from kiosk.wiring.services import KioskServices, build_services
from tests.ui.camera import FakeCamera
from tests.ui.driver import KioskDriver
from ui.app import prepare_application
from ui.main_window import KioskWindow
from ui.voice import VoiceGuide

# A stand-in for espeak-ng that writes down what it was asked to say.
SPEAKER = "import sys; open(sys.argv[1], 'a', encoding='utf-8').write(sys.argv[-1] + '\\n')"


@dataclass
class RunningKiosk:
    window: KioskWindow
    services: KioskServices
    card: SamSimulator
    scanner: ScannerSimulator
    receipts: Path
    spoken: Path
    driver: KioskDriver
    camera: FakeCamera | None  # when the kiosk scans with a camera instead of `scanner`


@pytest.fixture
def kiosk(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[RunningKiosk]:
    yield from _running_kiosk(qtbot, settings, tmp_path, camera=None)


@pytest.fixture
def camera_kiosk(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[RunningKiosk]:
    """The kiosk with a camera scanner (on a `FakeCamera`) where the serial scanner was."""
    yield from _running_kiosk(qtbot, settings, tmp_path, camera=FakeCamera())


def _running_kiosk(
    qtbot: QtBot, settings: KioskSettings, tmp_path: Path, camera: FakeCamera | None
) -> Iterator[RunningKiosk]:
    prepare_application(settings.ui.font_family)
    receipts = tmp_path / "receipts.bin"
    spoken = tmp_path / "spoken.txt"
    printer = PrinterSimulator(receipts)
    card = SamSimulator()
    scanner_simulator = ScannerSimulator()
    reader = SamSerialReader(card.start(), timeout=0.5)
    scanner: QrScanner
    if camera is None:
        scanner = SerialQrScanner(scanner_simulator.start())
    else:
        scanner = CameraScanner(camera)
    services = build_services(settings, build_printer(printer.start(), settings))
    voice = VoiceGuide((sys.executable, "-c", SPEAKER, str(spoken)), "zh_CN")
    window = KioskWindow(services, reader, scanner, voice)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    yield RunningKiosk(
        window,
        services,
        card,
        scanner_simulator,
        receipts,
        spoken,
        KioskDriver(qtbot, window),
        camera,
    )
    window.shutdown()
    services.close()
    reader.close()
    scanner.close()
    card.stop()
    scanner_simulator.stop()
    printer.stop()
