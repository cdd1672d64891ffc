"""A printer-neutral receipt layout (回执版式).

Callers describe a receipt as a tuple of blocks; the wire encoding lives in
`commands`, so the kiosk never deals with ESC/POS bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# QR model 2, byte mode, error correction M holds at most this many bytes (version 40).
QR_MAX_BYTES_LEVEL_M = 2331


class Align(enum.Enum):
    """Horizontal placement of a line on the paper."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Paper(enum.Enum):
    """Roll width; columns count the printer's 12-dot ASCII font A."""

    MM58 = (384, 32)
    MM80 = (576, 48)

    @property
    def dots(self) -> int:
        """Printable width in dots at 203 dpi."""
        return self.value[0]

    @property
    def columns(self) -> int:
        """ASCII characters per line at normal size; a Chinese character takes two."""
        return self.value[1]


@dataclass(frozen=True)
class Text:
    """One paragraph; wrapped to the paper width, explicit newlines kept."""

    text: str
    bold: bool = False
    scale: int = 1
    align: Align = Align.LEFT

    def __post_init__(self) -> None:
        if self.scale not in (1, 2):
            raise ValueError(f"Text scale must be 1 or 2, got {self.scale}")


@dataclass(frozen=True)
class QrCode:
    """A QR code printed by the printer itself; data is sent as UTF-8."""

    data: str
    module_size: int = 6
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not 1 <= self.module_size <= 16:
            raise ValueError(f"QR module size must be 1..16 dots, got {self.module_size}")
        size = len(self.data.encode("utf-8"))
        if not 0 < size <= QR_MAX_BYTES_LEVEL_M:
            raise ValueError(f"QR data must be 1..{QR_MAX_BYTES_LEVEL_M} bytes, got {size}")


@dataclass(frozen=True)
class Rule:
    """A full-width separator line."""


@dataclass(frozen=True)
class Feed:
    """Blank paper, e.g. to move the last line past the tear bar."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= 255:
            raise ValueError(f"Feed lines must be 0..255, got {self.lines}")


@dataclass(frozen=True)
class Cut:
    """Feed to the cutter and cut; partial leaves a hinge so the receipt does not drop."""

    partial: bool = False


Block = Text | QrCode | Rule | Feed | Cut


@dataclass(frozen=True)
class ReceiptDocument:
    """A whole receipt, printed top to bottom."""

    blocks: tuple[Block, ...]
