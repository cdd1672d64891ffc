"""Opens the kiosk's devices from the settings, or simulators that speak the same bytes.

With `simulate`, an ID card reader simulator serves the SAM protocol on a pseudo-terminal, a
printer simulator listens on loopback and a QR scanner simulator writes to a pseudo-terminal;
the real drivers then talk to them, so demo mode and the tests exercise the same code as a
kiosk in the field. Every device is wrapped so that it reports its health to one board (a
file in the data dir that `kiosk doctor` reads) and a failure never reaches the screen as a
crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.guards import GuardedReader, GuardedScanner
from drivers.health import HealthBoard
from drivers.idcard import IdCardReader, SamSerialReader, SamSimulator, demo_cards
from drivers.idcard.sdk_reader import TermbSdkReader
from drivers.qr import QrScanner, ScannerSimulator, SerialQrScanner
from kiosk.config import KioskSettings
from kiosk.config_error import ConfigError
from kiosk.printing import DocumentPrinter
from kiosk.wiring.printer import PAPER, build_printer


@dataclass
class Devices:
    id_reader: IdCardReader
    printer: DocumentPrinter
    qr_scanner: QrScanner | None
    health: HealthBoard
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self._closers):
            close()
        self._closers.clear()


def open_devices(settings: KioskSettings, simulate: bool) -> Devices:
    closers: list[Callable[[], None]] = []
    health = HealthBoard(settings.health_path)
    reader_settings = settings.devices.id_reader
    reader_port = reader_settings.port
    printer_uri = settings.devices.printer.uri
    scanner_port = settings.devices.qr_scanner.port
    if simulate:
        from drivers.printer import PrinterSimulator  # with the renderer: only for a demo

        card_simulator = SamSimulator(auto_present=demo_cards.ELDERLY_RESIDENT)
        reader_port = card_simulator.start()
        closers.append(card_simulator.stop)
        receipts = settings.data_dir / "simulated-printer" / "receipts.bin"
        receipts.parent.mkdir(parents=True, exist_ok=True)
        printer_simulator = PrinterSimulator(
            receipts, png_dir=receipts.parent, paper=PAPER[settings.devices.printer.paper]
        )
        printer_uri = printer_simulator.start()
        closers.append(printer_simulator.stop)
        scanner_simulator = ScannerSimulator()
        scanner_port = scanner_simulator.start()
        closers.append(scanner_simulator.stop)
    raw_reader: IdCardReader
    if reader_settings.backend == "sdk" and not simulate:
        raw_reader = TermbSdkReader(reader_settings.sdk_library, reader_settings.sdk_port)
    else:
        raw_reader = SamSerialReader(reader_port, baudrate=reader_settings.baudrate)
    reader = GuardedReader(raw_reader, health)
    closers.append(reader.close)
    try:
        printer = build_printer(printer_uri, settings, health)
    except ConfigError:
        for close in reversed(closers):
            close()
        raise
    closers.append(printer.close)
    scanner = None
    if scanner_port:
        serial_scanner = SerialQrScanner(
            scanner_port, baudrate=settings.devices.qr_scanner.baudrate
        )
        scanner = GuardedScanner(serial_scanner, health)
        closers.append(scanner.close)
    return Devices(reader, printer, scanner, health, closers)
