"""Opens the kiosk's devices from the settings, or simulators that speak the same bytes.

The QR scanner is the one `[devices.qr_scanner]` names: serial, USB keyboard (HID) or a
camera; without that section the kiosk has none.

With `simulate`, an ID card reader simulator serves the SAM protocol on a pseudo-terminal, a
printer simulator listens on loopback, and the scanner is simulated as `SimulatedScanner`
chooses: a serial scanner writing to a pseudo-terminal (the default), a keyboard-wedge
scanner typing input events into a FIFO, or a camera playing a clip, a folder of images or
frames drawn here; the real drivers then read them, so demo mode and the tests exercise the
same code as a kiosk in the field. Every device is wrapped so that it reports its health to
one board (a file in the data dir that `kiosk doctor` reads) and a failure never reaches the
screen as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from drivers.guards import GuardedReader, GuardedScanner
from drivers.health import HealthBoard
from drivers.idcard import IdCardReader, SamSerialReader, SamSimulator, demo_cards
from drivers.idcard.sdk_reader import TermbSdkReader
from drivers.qr import HidQrScanner, QrScanner, ScannerSimulator, SerialQrScanner
from drivers.qr.hid_simulator import HidScannerSimulator
from kiosk.config import (
    CameraScannerSettings,
    HidScannerSettings,
    KioskSettings,
    QrScannerSettings,
    SerialScannerSettings,
)
from kiosk.config_error import ConfigError
from kiosk.printing import DocumentPrinter
from kiosk.wiring.printer import PAPER, build_printer

if TYPE_CHECKING:
    from drivers.qr.camera import CameraScanner, FrameSource

ScannerKind = Literal["serial", "hid", "camera"]

# The simulated camera's pace, and how long its drawn frames show nothing, then a code: one
# scan every few seconds while a screen listens, as a resident holding a phone up would
# (the code first, so a scan comes at once).
_CAMERA_FPS = 30.0
_SECONDS_EMPTY, _SECONDS_SHOWN = 3, 2
# What the drawn frames' code carries: a receipt's lookup address for a case number.
DEMO_CASE_NUMBER = "DEMO0000-20260101-000001"
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp"})


@dataclass(frozen=True)
class SimulatedScanner:
    """Which scanner `open_devices(..., simulate=True)` simulates. For a camera,
    `camera_input` is a clip or a folder of images played in a loop; None draws frames
    showing a receipt's lookup code now and then."""

    kind: ScannerKind = "serial"
    camera_input: Path | None = None

    def __post_init__(self) -> None:
        if self.camera_input is not None and self.kind != "camera":
            raise ValueError("camera_input is for a simulated camera")
        if self.camera_input is not None and (problem := _unplayable(self.camera_input)):
            raise ValueError(problem)


class CodeSender(Protocol):
    """A simulator that sends a code as its kind of scanner would."""

    def scan(self, text: str) -> None: ...


@dataclass
class Devices:
    id_reader: IdCardReader
    printer: DocumentPrinter
    qr_scanner: QrScanner | None
    health: HealthBoard
    # The camera behind qr_scanner when it is one, for a live preview (latest_frame).
    camera: CameraScanner | None = None
    # With a simulated serial or HID scanner: what sends it codes.
    scan_simulator: CodeSender | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self._closers):
            close()
        self._closers.clear()


def open_devices(
    settings: KioskSettings,
    simulate: bool,
    simulated_scanner: SimulatedScanner | None = None,
) -> Devices:
    """The kiosk's devices, each guarded; with `simulate`, on simulators (the scanner as
    `simulated_scanner` says, a serial one by default)."""
    closers: list[Callable[[], None]] = []
    health = HealthBoard(settings.health_path)
    reader_settings = settings.devices.id_reader
    reader_port = reader_settings.port
    printer_uri = settings.devices.printer.uri
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
    sender: CodeSender | None = None
    if simulate:
        choice = simulated_scanner or SimulatedScanner()
        raw_scanner, sender = _simulated_scanner(choice, settings, closers)
        kind = choice.kind
    elif settings.devices.qr_scanner is not None:
        raw_scanner = build_scanner(settings.devices.qr_scanner)
        kind = settings.devices.qr_scanner.kind
    else:
        return Devices(reader, printer, None, health, _closers=closers)
    scanner = GuardedScanner(raw_scanner, health)
    closers.append(scanner.close)
    # Asked only of a camera: the camera module loads OpenCV, which a kiosk without one skips.
    camera = _camera_of(raw_scanner) if kind == "camera" else None
    return Devices(reader, printer, scanner, health, camera, sender, closers)


def build_scanner(settings: QrScannerSettings) -> QrScanner:
    """The configured scanner, not opened yet (every driver opens on first use)."""
    if isinstance(settings, SerialScannerSettings):
        return SerialQrScanner(settings.port, baudrate=settings.baudrate)
    if isinstance(settings, HidScannerSettings):
        return HidQrScanner(settings.device)  # grabbed: its typing reaches no text field
    return _camera(settings)


def _camera(settings: CameraScannerSettings) -> CameraScanner:
    from drivers.qr.camera import CameraScanner, CaptureSource

    frame_size = (settings.frame_width, settings.frame_height)
    return CameraScanner(CaptureSource(settings.source, frame_size=frame_size))


def _camera_of(scanner: QrScanner) -> CameraScanner | None:
    from drivers.qr.camera import CameraScanner

    return scanner if isinstance(scanner, CameraScanner) else None


def _simulated_scanner(
    choice: SimulatedScanner, settings: KioskSettings, closers: list[Callable[[], None]]
) -> tuple[QrScanner, CodeSender | None]:
    if choice.kind == "serial":
        serial_simulator = ScannerSimulator()
        port = serial_simulator.start()
        closers.append(serial_simulator.stop)
        return SerialQrScanner(port), serial_simulator
    if choice.kind == "hid":
        hid_simulator = HidScannerSimulator()
        device = hid_simulator.start()
        closers.append(hid_simulator.stop)
        return HidQrScanner(device, grab=False), hid_simulator  # a FIFO cannot be grabbed
    from drivers.qr.camera import CameraScanner, PacedSource

    frames = _camera_frames(choice.camera_input, settings)
    return CameraScanner(PacedSource(frames, _CAMERA_FPS)), None


def _camera_frames(camera_input: Path | None, settings: KioskSettings) -> FrameSource:
    """What the simulated camera sees, played in a loop."""
    from drivers.qr.camera import ImageSequenceSource, VideoFileSource
    from drivers.qr.render import code_in_view, empty_view

    if camera_input is None:
        payload = settings.platform.lookup_url.format(case_number=DEMO_CASE_NUMBER)
        empty = [empty_view()] * int(_SECONDS_EMPTY * _CAMERA_FPS)
        shown = [code_in_view(payload)] * int(_SECONDS_SHOWN * _CAMERA_FPS)
        return ImageSequenceSource([*shown, *empty], loop=True)
    if camera_input.is_dir():
        return ImageSequenceSource.from_files(_images_in(camera_input), loop=True)
    return VideoFileSource(camera_input, loop=True)


def _images_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in _IMAGE_SUFFIXES)


def _unplayable(camera_input: Path) -> str | None:
    """Why a simulated camera cannot play `camera_input`, or None."""
    if camera_input.is_dir():
        if not _images_in(camera_input):
            return f"{camera_input} holds no images (.png, .jpg, .bmp) to play"
        return None
    if not camera_input.is_file():
        return f"{camera_input} is neither a video file nor a folder of images"
    return None
