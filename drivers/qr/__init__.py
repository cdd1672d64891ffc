"""QR/barcode scanner (扫码器) driver: serial framing and decoding, the device, a pty fake.

Layers: the framing part of ``serial_scanner`` (``CodeFramer``, ``decode_code``) is the wire
protocol; ``SerialQrScanner`` the device behaviour; ``simulator`` the fake. The kiosk codes
against ``QrScanner`` and the result values, never against a concrete scanner.
"""

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

__all__ = [
    "DEFAULT_TERMINATORS",
    "MAX_CODE_BYTES",
    "CodeFramer",
    "NothingScanned",
    "QrScanner",
    "ScanRead",
    "Scanned",
    "ScannerFault",
    "ScannerFaultKind",
    "ScannerSimulator",
    "SerialQrScanner",
    "decode_code",
]
