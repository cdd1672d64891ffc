"""Read back an ESC/POS stream: the visible text, QR payloads and raster images.

For tests and end-to-end checks of what a receipt would look like on paper.
"""

from __future__ import annotations

from drivers.printer.commands import QR_ENCODING, TEXT_ENCODING
from drivers.printer.raster import Bitmap
from drivers.printer.stream import ESC, GS, LF, iter_units

# Stands for a line printed as an image in `extract_text`.
RASTER_PLACEHOLDER = "\ufffc"

_QR_STORE = bytes((GS, 0x28, 0x6B))
_QR_STORE_FUNCTION = bytes((0x31, 0x50, 0x30))
_FEED = bytes((ESC, 0x64))
_RASTER = bytes((GS, 0x76, 0x30))


def extract_text(data: bytes) -> str:
    """The printed text with one newline per printed line; commands are skipped.

    Feeds become blank lines and each raster image becomes RASTER_PLACEHOLDER on a
    line of its own.
    """
    parts: list[str] = []
    text = bytearray()
    for start, end in iter_units(data):
        unit = data[start:end]
        if len(unit) == 1 and unit[0] >= 0x20:
            text += unit
            continue
        parts.append(text.decode(TEXT_ENCODING, errors="replace"))
        text.clear()
        if unit[0] == LF:
            parts.append("\n")
        elif unit.startswith(_FEED):
            parts.append("\n" * unit[2])
        elif unit.startswith(_RASTER):
            parts.append(RASTER_PLACEHOLDER + "\n")
    parts.append(text.decode(TEXT_ENCODING, errors="replace"))
    return "".join(parts)


def extract_qr_payloads(data: bytes) -> list[str]:
    """The data of every QR store command (GS ( k … 31 50 30), in order."""
    payloads: list[str] = []
    for start, end in iter_units(data):
        if data.startswith(_QR_STORE, start) and data.startswith(_QR_STORE_FUNCTION, start + 5):
            raw = data[start + 8 : end]
            try:
                payloads.append(raw.decode(QR_ENCODING))
            except UnicodeDecodeError:
                payloads.append(raw.decode(TEXT_ENCODING, errors="replace"))
    return payloads


def raster_images(data: bytes) -> list[Bitmap]:
    """Every GS v 0 image in the stream."""
    images: list[Bitmap] = []
    for start, end in iter_units(data):
        if data.startswith(_RASTER, start):
            row_bytes = data[start + 4] + 256 * data[start + 5]
            rows = data[start + 6] + 256 * data[start + 7]
            images.append(Bitmap(row_bytes * 8, rows, data[start + 8 : end]))
    return images
