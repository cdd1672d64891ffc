"""A real kiosk window on simulated devices that speak the real bytes (tests/helpers/ui)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskSettings
from tests.helpers.ui.camera import FakeCamera
from tests.helpers.ui.driver import KioskDriver
from tests.helpers.ui.ui_rig import ui_rig
from tests.helpers.ui.visits import RunningKiosk

# A stand-in for espeak-ng that writes down what it was asked to say.
SPEAKER = "import sys; open(sys.argv[1], 'a', encoding='utf-8').write(sys.argv[-1] + '\\n')"


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
    spoken = tmp_path / "spoken.txt"
    speaker = (sys.executable, "-c", SPEAKER, str(spoken))
    with ui_rig(settings, tmp_path, speaker, camera=camera) as rig:
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
            camera,
        )
