"""A real kiosk window on simulated devices that speak the real bytes (tests/ui/ui_rig.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from drivers.idcard import SamSimulator
from drivers.qr import ScannerSimulator
from kiosk.config import KioskSettings
from kiosk.wiring.services import KioskServices
from tests.ui.driver import KioskDriver
from tests.ui.ui_rig import ui_rig
from ui.main_window import KioskWindow

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


@pytest.fixture
def kiosk(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[RunningKiosk]:
    spoken = tmp_path / "spoken.txt"
    speaker = (sys.executable, "-c", SPEAKER, str(spoken))
    with ui_rig(settings, tmp_path, speaker) as rig:
        window = rig.window
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        yield RunningKiosk(
            window,
            rig.services,
            rig.card,
            rig.scanner,
            rig.receipts,
            spoken,
            KioskDriver(qtbot, window, rig.services.submissions),
        )
