"""QR/barcode scanner (扫码器) driver: serial framing and decoding, the device, a pty fake.

Layers: the framing part of ``serial_scanner`` (``CodeFramer``, ``decode_code``) is the wire
protocol; ``SerialQrScanner`` the device behaviour; ``simulator`` the fake (``hid_simulator``
for the keyboard-mode scanner). The kiosk codes
against ``QrScanner`` and the result values, never against a concrete scanner.

Camera scanning (``decode``, ``camera``) and USB HID keyboard-mode scanners (``hid_scanner``)
are exported too. The camera names load on first use, so that importing this package (as the
UI does) does not pull in OpenCV and numpy (about 0.3 s) on a kiosk without a camera.
"""

from typing import TYPE_CHECKING

from drivers.lazy import lazy_exports
from drivers.qr.hid_scanner import HidQrScanner, KeystrokeDecoder
from drivers.qr.interface import (
    NothingScanned,
    QrScanner,
    Scanned,
    ScannerFault,
    ScannerFaultKind,
    ScanRead,
)
from drivers.qr.serial_scanner import (
    DEFAULT_TERMINATORS,
    MAX_CODE_BYTES,
    CodeFramer,
    SerialQrScanner,
    decode_code,
)
from drivers.qr.simulator import ScannerSimulator

if TYPE_CHECKING:
    from drivers.qr.camera import (
        CAMERA_UNAVAILABLE_MESSAGE,
        CameraScanner,
        CaptureSource,
        CodeDebouncer,
        FrameSource,
        ImageSequenceSource,
        PacedSource,
        StreamDecoder,
        VideoFileSource,
    )
    from drivers.qr.decode import (
        LayeredDecoder,
        OpenCvDecoder,
        QrDecoder,
        ZbarDecoder,
        ZxingDecoder,
        decode_file,
    )

# Exported name -> module, imported when the name is first asked for.
_LAZY = {
    **dict.fromkeys(
        (
            "CAMERA_UNAVAILABLE_MESSAGE",
            "CameraScanner",
            "CaptureSource",
            "CodeDebouncer",
            "FrameSource",
            "ImageSequenceSource",
            "PacedSource",
            "StreamDecoder",
            "VideoFileSource",
        ),
        "drivers.qr.camera",
    ),
    **dict.fromkeys(
        (
            "LayeredDecoder",
            "OpenCvDecoder",
            "QrDecoder",
            "ZbarDecoder",
            "ZxingDecoder",
            "decode_file",
        ),
        "drivers.qr.decode",
    ),
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "CAMERA_UNAVAILABLE_MESSAGE",
    "DEFAULT_TERMINATORS",
    "MAX_CODE_BYTES",
    "CameraScanner",
    "CaptureSource",
    "CodeDebouncer",
    "CodeFramer",
    "FrameSource",
    "HidQrScanner",
    "ImageSequenceSource",
    "KeystrokeDecoder",
    "LayeredDecoder",
    "NothingScanned",
    "OpenCvDecoder",
    "PacedSource",
    "QrDecoder",
    "QrScanner",
    "ScanRead",
    "Scanned",
    "ScannerFault",
    "ScannerFaultKind",
    "ScannerSimulator",
    "SerialQrScanner",
    "StreamDecoder",
    "VideoFileSource",
    "ZbarDecoder",
    "ZxingDecoder",
    "decode_code",
    "decode_file",
]
