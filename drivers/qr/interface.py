"""What the kiosk sees of a QR/barcode scanner (扫码器): one read call, its result as a value.

A read either yields one decoded code, yields nothing within the time allowed, or fails in
one of a few known ways. Failures are values (``ScannerFault``) with a message that tells the
person at the kiosk what to do next, because an unplugged scanner or a smudged code is
expected, not a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, TypeAlias


class ScannerFaultKind(Enum):
    """Why a read failed; decides what the UI suggests and whether staff are needed."""

    PORT_UNAVAILABLE = "port_unavailable"
    GARBLED = "garbled"

    @property
    def message(self) -> str:
        """The default message for this kind of fault."""
        return _MESSAGES[self]


_MESSAGES: dict[ScannerFaultKind, str] = {
    ScannerFaultKind.PORT_UNAVAILABLE: "扫码器没有连接，请联系工作人员。",
    ScannerFaultKind.GARBLED: "未能识别二维码，请将二维码对准扫码窗口重新扫描。",
}


@dataclass(frozen=True)
class Scanned:
    """One complete code, decoded to text, its terminator removed."""

    text: str


@dataclass(frozen=True)
class NothingScanned:
    """The scanner works and delivered no complete code within the time allowed."""


@dataclass(frozen=True)
class ScannerFault:
    """A read failed. ``message`` is for the person at the kiosk; ``detail`` for the log.

    Two faults are equal when kind and message are, so a changing detail (an errno, a byte
    count) does not make the same trouble look new.
    """

    kind: ScannerFaultKind
    message: str
    detail: str = field(default="", compare=False)

    @classmethod
    def of(cls, kind: ScannerFaultKind, detail: str = "") -> ScannerFault:
        """A fault with the default message for its kind."""
        return cls(kind, kind.message, detail)


ScanRead: TypeAlias = Scanned | NothingScanned | ScannerFault


class QrScanner(Protocol):
    """Anything that delivers scanned codes: the serial scanner, or a fake."""

    def read(self, timeout: float) -> ScanRead:
        """Wait up to ``timeout`` seconds for one complete code; never raises for device
        trouble."""
        ...

    def flush(self) -> None:
        """Drop whatever was scanned before now, so a stale scan is not taken for a new one.

        Call it when a screen starts listening for codes.
        """
        ...

    def close(self) -> None:
        """Release the device; a later ``read`` opens it again."""
        ...
