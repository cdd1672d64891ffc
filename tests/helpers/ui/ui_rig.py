"""The kiosk window as `kiosk run` builds it, on simulated devices the tests control.

The simulators (ID card reader on a pseudo-terminal, ESC/POS printer on loopback, QR scanner
on a pseudo-terminal) are started here so a test can place a card or scan a code; the settings
then point the kiosk's device settings at them and the real wiring opens them
(kiosk.wiring.devices.open_devices, the guarded drivers included) and composes the window
(kiosk.wiring.window.kiosk_window). The voice guide runs the configured command, as in
service: `speaker` stands in for espeak-ng. Used by tests/ui/conftest.py and
benchmarks/ui_tap_latency.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from drivers.guards import GuardedScanner
from drivers.idcard import SamSimulator
from drivers.printer import PrinterSimulator
from drivers.qr import ScannerSimulator
from drivers.qr.camera import CameraScanner, FrameSource
from kiosk.config import KioskSettings, SerialScannerSettings
from kiosk.wiring.devices import Devices, open_devices
from kiosk.wiring.services import KioskServices, build_services
from kiosk.wiring.window import kiosk_window
from ui.app import prepare_application
from ui.main_window import KioskWindow


@dataclass
class UiRig:
    window: KioskWindow
    services: KioskServices
    devices: Devices
    card: SamSimulator
    scanner: ScannerSimulator
    printer: PrinterSimulator
    receipts: Path  # what the printer simulator received


@contextmanager
def ui_rig(
    settings: KioskSettings,
    directory: Path,
    speaker: tuple[str, ...],
    window_type: type[KioskWindow] = KioskWindow,
    camera: FrameSource | None = None,
) -> Iterator[UiRig]:
    """The window (not yet shown) and its simulators; everything is stopped afterwards.
    `directory` holds the printer's output; `window_type` may time the window's repaints;
    with `camera`, the kiosk scans with a camera on that source instead of the serial scanner."""
    with ExitStack() as stack:
        receipts = directory / "receipts.bin"
        card, scanner = SamSimulator(), ScannerSimulator()
        printer = PrinterSimulator(receipts)
        settings = _pointed_at(settings, card.start(), printer.start(), scanner.start(), speaker)
        for simulator in (card, printer, scanner):
            stack.callback(simulator.stop)
        prepare_application(settings.ui.font_family)
        devices = open_devices(settings, simulate=False)
        stack.callback(devices.close)
        if camera is not None:
            camera_scanner = GuardedScanner(CameraScanner(camera), devices.health)
            stack.callback(camera_scanner.close)
            devices = replace(devices, qr_scanner=camera_scanner)
        services = build_services(settings, devices.printer)
        stack.callback(services.close)
        window = kiosk_window(services, devices, window_type)
        stack.callback(window.close)
        stack.callback(window.shutdown)
        yield UiRig(window, services, devices, card, scanner, printer, receipts)


def _pointed_at(
    settings: KioskSettings,
    card_port: str,
    printer_uri: str,
    scanner_port: str,
    speaker: tuple[str, ...],
) -> KioskSettings:
    """The settings with the devices at the simulators' addresses and `speaker` as the voice."""
    devices = settings.devices
    return settings.model_copy(
        update={
            "devices": devices.model_copy(
                update={
                    "id_reader": devices.id_reader.model_copy(
                        update={"backend": "serial", "port": card_port}
                    ),
                    "printer": devices.printer.model_copy(update={"uri": printer_uri}),
                    "qr_scanner": SerialScannerSettings(kind="serial", port=scanner_port),
                }
            ),
            "ui": settings.ui.model_copy(update={"tts_command": speaker}),
        }
    )
