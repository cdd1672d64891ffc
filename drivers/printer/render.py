"""Render an ESC/POS byte stream to pictures of the paper a thermal printer would produce.

An interpreter of the commands our encoder emits (and the common ones around them): Chinese
character mode (FS & / FS .), bold, GS ! scaling, alignment, line feeds, native QR codes
(GS ( k, drawn from the stored data by our own QR encoder), GS v 0 raster images and cuts.
Each cut ends one receipt; the result is one black-on-white image per receipt, as wide as the
paper (384 or 576 dots). For tests, the simulator and demo mode, so what was "printed" can be
looked at and its QR code scanned.

Glyphs come from Noto Sans Mono CJK in the printer's cells: 12x24 dots for single-byte
characters, 24x24 for GB18030 multi-byte ones, doubled dot by dot for GS ! as the printer
does. Unknown commands are skipped; a stream that stops mid-command renders what came before.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from drivers.printer.document import Align, Paper
from drivers.printer.fonts import NOTO_SANS_CJK
from drivers.printer.raster import CHAR_DOTS, COLUMN_DOTS, LINE_GAP_DOTS
from drivers.printer.stream import DLE, ESC, FS, GS, LF, UnknownCommandError, unit_length

logger = logging.getLogger(__name__)

Ink = npt.NDArray[np.bool_]

# The power-on line pitch (ESC 2): a 24-dot character and the gap raster.py also leaves.
DEFAULT_LINE_SPACING = CHAR_DOTS + LINE_GAP_DOTS
# 2 m of paper at 8 dots/mm: far beyond any receipt, and it bounds the memory a stream of
# feeds (ESC d 255 is almost a metre of paper) can make us allocate.
MAX_RECEIPT_DOTS = 16_000

# The monospaced face puts Latin at exactly half the em and Han at a full em, like the
# printer's own 12x24 and 24x24 fonts.
_MONO_FAMILY = "Noto Sans Mono CJK SC"
# Han sits on the em box's 0.88 line (as in raster.py); Latin is raised so that descenders
# (g, y, p reach 0.25 em below the baseline) stay inside the 24-dot cell.
_HAN_BASELINE = 21
_LATIN_BASELINE = 19
# GS ( k arguments: cn = 49 selects QR, then the function byte.
_QR = 0x31
_QR_MODEL, _QR_SIZE, _QR_ERROR, _QR_STORE, _QR_PRINT = 0x41, 0x43, 0x45, 0x50, 0x51
_QR_LEVELS = {0x30: "L", 0x31: "M", 0x32: "Q", 0x33: "H"}
_MICRO_QR = 0x33
# ESC a takes 0..2 or their ASCII digits.
_ALIGNS = {
    0: Align.LEFT,
    1: Align.CENTER,
    2: Align.RIGHT,
    48: Align.LEFT,
    49: Align.CENTER,
    50: Align.RIGHT,
}
# GS V function B..D carry n, an extra feed (in dots) before the cut.
_CUT_WITH_FEED = frozenset((0x41, 0x42, 0x61, 0x62, 0x67, 0x68))
_REPLACEMENT = "\ufffd"


@dataclass
class _Modes:
    """What ESC @ resets: character, layout and QR settings."""

    chinese: bool = False
    bold: bool = False
    width: int = 1
    height: int = 1
    align: Align = Align.LEFT
    line_spacing: int = DEFAULT_LINE_SPACING
    # Power-on QR settings of Epson-compatible printers: model 2, 3-dot modules, level L.
    qr_micro: bool = False
    qr_module: int = 3
    qr_level: str = "L"
    qr_data: bytes = b""


@dataclass
class _Line:
    """Characters waiting in the print buffer for LF; alignment is fixed by the first one."""

    cells: list[Ink] = field(default_factory=list)
    width: int = 0
    align: Align = Align.LEFT


class _Sheet:
    """The paper of one receipt: full-width strips of ink at their vertical positions."""

    def __init__(self, dots: int) -> None:
        self.dots = dots
        self.y = 0
        self._strips: list[tuple[int, Ink]] = []
        self._clipped = False

    def print_strip(self, strip: Ink, advance: int | None = None) -> None:
        """Put `strip` at the print position and move down by `advance` (its height)."""
        if self.y < MAX_RECEIPT_DOTS:
            self._strips.append((self.y, strip))
        self.feed(strip.shape[0] if advance is None else advance)

    def feed(self, dots: int) -> None:
        if self.y + dots > MAX_RECEIPT_DOTS and not self._clipped:
            logger.warning(
                "Receipt longer than %d dots; the rest is not rendered", MAX_RECEIPT_DOTS
            )
            self._clipped = True
        self.y = min(self.y + dots, MAX_RECEIPT_DOTS)

    def to_image(self) -> Image.Image | None:
        """Black print on white paper; None if the paper never moved."""
        if self.y == 0:
            return None
        ink = np.zeros((self.y, self.dots), dtype=np.bool_)
        for top, strip in self._strips:
            rows = min(strip.shape[0], self.y - top)
            ink[top : top + rows] |= strip[:rows]
        return Image.fromarray(~ink)


class ReceiptRenderer:
    """Interprets a byte stream fed in pieces; each cut hands back the finished receipt."""

    def __init__(self, paper: Paper = Paper.MM58) -> None:
        self._dots = paper.dots
        self._tail = bytearray()
        self._modes = _Modes()
        self._line = _Line()
        self._sheet = _Sheet(self._dots)
        # The bytes of a GB18030 character received so far.
        self._character = bytearray()
        self._done: list[Image.Image] = []

    def feed(self, data: bytes) -> list[Image.Image]:
        """Interpret `data` (a command split across calls is completed by the next call).

        Returns the receipts cut while interpreting it, oldest first.
        """
        self._tail += data
        buf = self._tail
        pos = 0
        while pos < len(buf):
            try:
                length = unit_length(buf, pos)
            except UnknownCommandError:
                # Skip the prefix and function byte; any parameters print as data, as on a
                # printer that does not know the command either.
                length = 2
            if length is None:
                break
            self._unit(bytes(buf[pos : pos + length]))
            pos += length
        del buf[:pos]
        done, self._done = self._done, []
        return done

    def finish(self) -> list[Image.Image]:
        """The receipts still on the paper, uncut text included; the renderer starts afresh."""
        self._end_character()
        self._print_line()
        self._cut(0)
        done = self._done
        self._tail.clear()
        self._modes = _Modes()
        self._done = []
        return done

    def _unit(self, unit: bytes) -> None:
        first = unit[0]
        if first not in (ESC, GS, FS, DLE):
            self._text_byte(first)
            return
        self._end_character()
        if first == ESC:
            self._escape(unit)
        elif first == GS:
            self._group(unit)
        elif first == FS and unit[1] in b"&.":
            self._modes.chinese = unit[1] == ord("&")

    def _escape(self, unit: bytes) -> None:
        fn = unit[1]
        arg = unit[2] if len(unit) > 2 else 0
        modes = self._modes
        if fn == ord("@"):
            self._line = _Line()
            self._modes = _Modes()
        elif fn in b"EG":
            modes.bold = bool(arg & 1)
        elif fn == ord("!"):
            modes.bold = bool(arg & 0x08)
            modes.height = 2 if arg & 0x10 else 1
            modes.width = 2 if arg & 0x20 else 1
        elif fn == ord("a"):
            modes.align = _ALIGNS.get(arg, modes.align)
        elif fn == ord("2"):
            modes.line_spacing = DEFAULT_LINE_SPACING
        elif fn == ord("3"):
            modes.line_spacing = arg
        elif fn == ord("d"):
            self._print_and_feed_lines(arg)
        elif fn == ord("J"):
            self._print_line(advance=arg)

    def _group(self, unit: bytes) -> None:
        fn = unit[1]
        if fn == ord("!"):
            # Bits 0-2 height, 4-6 width, each a factor of 1..8; bits 3 and 7 are unused.
            self._modes.height = (unit[2] & 0x07) + 1
            self._modes.width = (unit[2] >> 4 & 0x07) + 1
        elif fn == ord("V"):
            self._print_line()
            self._cut(unit[3] if len(unit) == 4 and unit[2] in _CUT_WITH_FEED else 0)
        elif fn == ord("(") and len(unit) >= 7 and unit[2] == ord("k") and unit[5] == _QR:
            self._qr_function(unit[6], unit[7:])
        elif fn == ord("v") and unit[2] == ord("0"):
            self._raster(unit)

    # Text

    def _text_byte(self, byte: int) -> None:
        if byte < 0x20:
            self._end_character()
            if byte == LF:
                self._print_line(empty_feed=self._modes.line_spacing)
            return
        if not self._modes.chinese:
            self._add_cell(bytes((byte,)).decode("cp437") if byte >= 0x80 else chr(byte), False)
            return
        pending = self._character
        if _continues(pending, byte):
            pending.append(byte)
            if (len(pending) == 2 and byte >= 0x40) or len(pending) == 4:
                self._end_character()
            return
        self._end_character()
        if 0x81 <= byte <= 0xFE:
            pending.append(byte)
        elif byte < 0x80:
            self._add_cell(chr(byte), False)
        else:
            self._add_cell(_REPLACEMENT, False)

    def _end_character(self) -> None:
        """Draw the pending GB18030 character; a broken sequence prints as one replacement."""
        if not self._character:
            return
        complete = len(self._character) == 2 or len(self._character) == 4
        text = self._character.decode("gb18030", errors="replace") if complete else _REPLACEMENT
        self._character.clear()
        self._add_cell(text[:1] or _REPLACEMENT, True)

    def _add_cell(self, ch: str, wide: bool) -> None:
        modes = self._modes
        cell = _glyph(ch, wide, modes.bold, modes.width, modes.height)
        if self._line.width + cell.shape[1] > self._dots:
            self._print_line()
        if not self._line.cells:
            self._line.align = modes.align
        self._line.cells.append(cell)
        self._line.width += cell.shape[1]

    def _print_line(self, *, advance: int | None = None, empty_feed: int = 0) -> None:
        """Print the buffer on one line; with nothing buffered, only feed `empty_feed` dots."""
        line, self._line = self._line, _Line()
        if not line.cells:
            self._sheet.feed(advance if advance is not None else empty_feed)
            return
        tallest = max(cell.shape[0] for cell in line.cells)
        strip = np.zeros((tallest, self._dots), dtype=np.bool_)
        x = self._indent(line.width, line.align)
        for cell in line.cells:
            strip[tallest - cell.shape[0] :, x : x + cell.shape[1]] = cell
            x += cell.shape[1]
        if advance is None:
            # A taller line takes proportionally more pitch, like raster.py's scaled lines.
            advance = max(tallest, self._modes.line_spacing * tallest // CHAR_DOTS)
        self._sheet.print_strip(strip, advance)

    def _print_and_feed_lines(self, lines: int) -> None:
        """ESC d n: a buffered line counts as the first of the n lines fed."""
        spacing = self._modes.line_spacing
        if self._line.cells:
            self._print_line()
            lines = max(lines - 1, 0)
        self._sheet.feed(lines * spacing)

    # Images

    def _qr_function(self, fn: int, args: bytes) -> None:
        modes = self._modes
        if fn == _QR_MODEL and args:
            modes.qr_micro = args[0] == _MICRO_QR
        elif fn == _QR_SIZE and args and 1 <= args[0] <= 16:
            modes.qr_module = args[0]
        elif fn == _QR_ERROR and args and args[0] in _QR_LEVELS:
            modes.qr_level = _QR_LEVELS[args[0]]
        elif fn == _QR_STORE and args[:1] == b"0":
            modes.qr_data = args[1:]
        elif fn == _QR_PRINT:
            self._print_line()
            symbol = _qr_symbol(modes.qr_data, modes.qr_level, modes.qr_micro)
            if symbol is not None:
                self._print_image(_enlarge(symbol, modes.qr_module, modes.qr_module), crop=False)

    def _raster(self, unit: bytes) -> None:
        """GS v 0 m xL xH yL yH d...: m doubles width (bit 0) and height (bit 1)."""
        row_bytes = unit[4] + 256 * unit[5]
        rows = unit[6] + 256 * unit[7]
        self._print_line()
        if row_bytes == 0 or rows == 0:
            return
        # Only as many rows as fit on the receipt are unpacked: rows beyond it are never drawn.
        rows = min(rows, MAX_RECEIPT_DOTS)
        data = np.frombuffer(unit, dtype=np.uint8, count=row_bytes * rows, offset=8)
        bits = np.unpackbits(data.reshape(rows, row_bytes), axis=1).astype(np.bool_)
        width, height = (2 if unit[3] & 1 else 1), (2 if unit[3] & 2 else 1)
        # Dots beyond the paper's right edge are dropped before enlarging, not after.
        bits = bits[:, : -(-self._dots // width)]
        self._print_image(_enlarge(bits, width, height), crop=True)

    def _print_image(self, image: Ink, *, crop: bool) -> None:
        """Place an image per the alignment; one wider than the paper is cut off or dropped."""
        if image.shape[1] > self._dots:
            if not crop:
                logger.debug("QR symbol of %d dots does not fit the paper", image.shape[1])
                return
            image = image[:, : self._dots]
        strip = np.zeros((image.shape[0], self._dots), dtype=np.bool_)
        x = self._indent(image.shape[1], self._modes.align)
        strip[:, x : x + image.shape[1]] = image
        self._sheet.print_strip(strip)

    def _cut(self, extra_feed: int) -> None:
        self._sheet.feed(extra_feed)
        image = self._sheet.to_image()
        if image is not None:
            self._done.append(image)
        self._sheet = _Sheet(self._dots)

    def _indent(self, width: int, align: Align) -> int:
        spare = max(self._dots - width, 0)
        return {Align.LEFT: 0, Align.CENTER: spare // 2, Align.RIGHT: spare}[align]


def render_receipts(data: bytes, paper: Paper = Paper.MM58) -> list[Image.Image]:
    """One image per receipt in `data`: each cut ends one, and whatever follows the last cut
    is a receipt of its own if anything was printed or fed.

    Images are mode "1", `paper.dots` wide, black print on white. Never raises for any input.
    """
    renderer = ReceiptRenderer(paper)
    return renderer.feed(data) + renderer.finish()


def render_to_png(
    data: bytes, path_prefix: Path | str, paper: Paper = Paper.MM58, *, first_number: int = 1
) -> list[Path]:
    """Save each receipt as `<path_prefix>-0001.png`, `-0002.png`, ...; returns the paths."""
    return save_pngs(render_receipts(data, paper), Path(path_prefix), first_number)


def save_pngs(images: list[Image.Image], path_prefix: Path, first_number: int = 1) -> list[Path]:
    """Write numbered PNGs next to `path_prefix`, creating its directory if needed."""
    path_prefix.parent.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for number, image in enumerate(images, start=first_number):
        path = path_prefix.with_name(f"{path_prefix.name}-{number:04d}.png")
        image.save(path, format="PNG")
        paths.append(path)
    return paths


def _continues(pending: bytearray, byte: int) -> bool:
    """Whether `byte` is the next byte of the GB18030 character begun in `pending`."""
    match len(pending):
        case 1:
            return 0x30 <= byte <= 0x39 or (0x40 <= byte <= 0xFE and byte != 0x7F)
        case 2:
            return 0x81 <= byte <= 0xFE
        case 3:
            return 0x30 <= byte <= 0x39
    return False


def _enlarge(ink: Ink, width: int, height: int) -> Ink:
    """Each dot repeated as a printer repeats it for double width or height."""
    return np.repeat(np.repeat(ink, height, axis=0), width, axis=1)


@functools.lru_cache(maxsize=4096)
def _glyph(ch: str, wide: bool, bold: bool, width: int, height: int) -> Ink:
    """The cell for `ch`: 24x24 (wide) or 12x24 dots, times the GS ! factors."""
    cell = Image.new("1", ((2 if wide else 1) * COLUMN_DOTS, CHAR_DOTS), 0)
    baseline = _HAN_BASELINE if wide else _LATIN_BASELINE
    ImageDraw.Draw(cell).text((0, baseline), ch, font=_font(), fill=1, anchor="ls")
    ink = np.array(cell, dtype=np.bool_)
    if bold:
        # Emphasised mode prints every dot twice, the second time one dot further right.
        ink[:, 1:] |= ink[:, :-1].copy()
    ink = _enlarge(ink, width, height)
    ink.flags.writeable = False
    return ink


@functools.cache
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The monospaced Simplified Chinese face of the Noto CJK collection, found by name."""
    if NOTO_SANS_CJK.exists():
        index = 0
        while True:
            try:
                # One character per cell needs no shaping, and the basic engine draws any
                # code point (raqm refuses some C1 controls that GB18030 can encode).
                font = ImageFont.truetype(
                    str(NOTO_SANS_CJK), CHAR_DOTS, index=index, layout_engine=ImageFont.Layout.BASIC
                )
            except OSError:
                break
            if font.getname()[0] == _MONO_FAMILY:
                return font
            index += 1
    logger.warning("%s not found in %s; rendering with Pillow's font", _MONO_FAMILY, NOTO_SANS_CJK)
    return ImageFont.load_default(CHAR_DOTS)


def _qr_symbol(data: bytes, level: str, micro: bool) -> Ink | None:
    """The module matrix (True = dark) a printer would draw; None if it cannot encode."""
    symbology = zxingcpp.BarcodeFormat.MicroQRCode if micro else zxingcpp.BarcodeFormat.QRCode
    try:
        barcode = zxingcpp.create_barcode(data, symbology, ec_level=level)
        pixels = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False), dtype=np.uint8)
    except ValueError as exc:
        # Empty or too much data: the printer prints nothing either.
        logger.debug("QR symbol not printed: %s", exc)
        return None
    dark: Ink = pixels < 128
    return dark
