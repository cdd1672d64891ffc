"""ESC/POS wire encoding for Chinese receipt printers: our own bytes, no library text().

Text goes out as GB18030 in Chinese mode (FS &); QR codes use the printer's native
GS ( k symbol; lines with characters the printer font lacks go out as GS v 0 raster.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from drivers.printer.document import (
    Align,
    Block,
    Cut,
    Feed,
    Paper,
    QrCode,
    ReceiptDocument,
    Rule,
    Text,
)
from drivers.printer.fonts import FontFace, find_font
from drivers.printer.layout import GETA_MARK, printable_as_text, wrap_text
from drivers.printer.raster import Bitmap, render_line

logger = logging.getLogger(__name__)

ESC = 0x1B
GS = 0x1D
FS = 0x1C
DLE = 0x10
EOT = 0x04
LF = b"\n"

INITIALIZE = bytes((ESC, 0x40))
CHINESE_MODE_ON = bytes((FS, 0x26))
CHINESE_MODE_OFF = bytes((FS, 0x2E))
TEXT_ENCODING = "gb18030"
QR_ENCODING = "utf-8"

# GS ( k arguments: cn = 49 selects QR; fn selects the function.
QR_PREFIX = bytes((GS, 0x28, 0x6B))
QR_MODEL_2 = QR_PREFIX + bytes((0x04, 0x00, 0x31, 0x41, 0x32, 0x00))
QR_ERROR_CORRECTION_M = QR_PREFIX + bytes((0x03, 0x00, 0x31, 0x45, 0x31))
QR_PRINT = QR_PREFIX + bytes((0x03, 0x00, 0x31, 0x51, 0x30))
QR_STORE_HEADER = bytes((0x31, 0x50, 0x30))

RASTER_PREFIX = bytes((GS, 0x76, 0x30))

_ALIGN_CODES = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}


class StatusRequest(enum.IntEnum):
    """The n of DLE EOT n: which real-time status byte to ask for."""

    PRINTER = 1
    OFFLINE_CAUSE = 2
    ERROR_CAUSE = 3
    PAPER_SENSOR = 4


def status_request(n: StatusRequest) -> bytes:
    """DLE EOT n; the printer answers with one byte, even while offline."""
    return bytes((DLE, EOT, n))


def set_bold(on: bool) -> bytes:
    """ESC E n."""
    return bytes((ESC, 0x45, 1 if on else 0))


def set_scale(scale: int) -> bytes:
    """GS ! n with the same factor for width (high nibble) and height (low nibble)."""
    if not 1 <= scale <= 8:
        raise ValueError(f"scale must be 1..8, got {scale}")
    factor = scale - 1
    return bytes((GS, 0x21, factor << 4 | factor))


def set_align(align: Align) -> bytes:
    """ESC a n; only honoured at the start of a line, which is where we send it."""
    return bytes((ESC, 0x61, _ALIGN_CODES[align]))


def feed_lines(lines: int) -> bytes:
    """ESC d n: print the buffer and feed n lines."""
    return bytes((ESC, 0x64, lines))


def cut(partial: bool = False) -> bytes:
    """GS V m 0 (function B): feed to the cutter first so the last line is not cut off."""
    return bytes((GS, 0x56, 0x42 if partial else 0x41, 0x00))


def qr_code(data: bytes, module_size: int) -> bytes:
    """Model 2 QR with error correction M: set up, store the data, print it."""
    length = len(data) + len(QR_STORE_HEADER)
    if length > 0xFFFF:
        raise ValueError(f"QR data of {len(data)} bytes does not fit in pL/pH")
    store = QR_PREFIX + bytes((length & 0xFF, length >> 8)) + QR_STORE_HEADER + data
    module = QR_PREFIX + bytes((0x03, 0x00, 0x31, 0x43, module_size))
    return QR_MODEL_2 + module + QR_ERROR_CORRECTION_M + store + QR_PRINT


def raster_image(bitmap: Bitmap) -> bytes:
    """GS v 0 m xL xH yL yH d1...dk in normal density."""
    x, y = bitmap.bytes_per_row, bitmap.height
    return RASTER_PREFIX + bytes((0, x & 0xFF, x >> 8, y & 0xFF, y >> 8)) + bitmap.rows


@dataclass(frozen=True)
class EncodedReceipt:
    """The bytes to send, and characters printed as 〓 because no font could draw them."""

    data: bytes
    substituted: tuple[str, ...] = ()


def encode_document(doc: ReceiptDocument, paper: Paper) -> bytes:
    """The complete ESC/POS byte stream for one receipt."""
    return encode_receipt(doc, paper).data


def encode_receipt(doc: ReceiptDocument, paper: Paper) -> EncodedReceipt:
    """Like `encode_document`, also reporting characters nothing could draw."""
    out = bytearray(INITIALIZE + CHINESE_MODE_ON)
    substituted: list[str] = []
    for block in doc.blocks:
        out += _encode_block(block, paper, substituted)
    return EncodedReceipt(bytes(out), tuple(dict.fromkeys(substituted)))


def _encode_block(block: Block, paper: Paper, substituted: list[str]) -> bytes:
    match block:
        case Text():
            return _encode_text(block, paper, substituted)
        case QrCode(data=data, module_size=size, align=align):
            return (
                set_align(align) + qr_code(data.encode(QR_ENCODING), size) + set_align(Align.LEFT)
            )
        case Rule():
            return set_align(Align.LEFT) + b"-" * paper.columns + LF
        case Feed(lines=lines):
            return feed_lines(lines)
        case Cut(partial=partial):
            return cut(partial)


def _encode_text(block: Text, paper: Paper, substituted: list[str]) -> bytes:
    out = bytearray(set_align(block.align) + set_bold(block.bold) + set_scale(block.scale))
    for line in wrap_text(block.text, paper.columns // block.scale):
        out += _encode_line(line, block, paper, substituted)
    out += set_bold(False) + set_scale(1) + set_align(Align.LEFT)
    return bytes(out)


def _encode_line(line: str, block: Text, paper: Paper, substituted: list[str]) -> bytes:
    """Text when the printer can print every character, otherwise a raster image."""
    rare_fonts: dict[str, FontFace] = {}
    for ch in dict.fromkeys(ch for ch in line if not printable_as_text(ch)):
        face = find_font(ch, block.bold)
        if face is None:
            logger.warning("No font can draw %r (U+%04X); printing 〓 instead", ch, ord(ch))
            substituted.append(ch)
        else:
            rare_fonts[ch] = face
    line = "".join(ch if printable_as_text(ch) or ch in rare_fonts else GETA_MARK for ch in line)
    if not rare_fonts:
        return line.encode(TEXT_ENCODING) + LF
    common = "".join(sorted(set(line) - rare_fonts.keys()))
    base = find_font(common, block.bold) or next(iter(rare_fonts.values()))
    glyphs = [(ch, rare_fonts.get(ch, base)) for ch in line]
    bitmap = render_line(glyphs, paper.dots, block.scale, block.align, block.bold)
    return raster_image(bitmap)
