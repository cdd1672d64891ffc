"""Draw one receipt line as a 1-bit image, for characters the printer cannot print.

The image follows the printer's own text grid (12 dots per column, 24-dot
characters), so a rasterised line lines up with the text lines around it. Pillow is
imported by the drawing itself: a receipt the printer's font covers needs none of it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.printer.document import Align
from drivers.printer.fonts import FontFace
from drivers.printer.layout import char_columns

if TYPE_CHECKING:
    from PIL import ImageFont

COLUMN_DOTS = 12
CHAR_DOTS = 24
# The printer's default line pitch leaves about 6 dots between 24-dot rows.
LINE_GAP_DOTS = 6
# CJK fonts put the ideographic em box from -0.12 to 0.88 em around the baseline.
_BASELINE_EM = 0.88


@dataclass(frozen=True)
class Bitmap:
    """Packed rows, most significant bit first, a set bit is a printed dot."""

    width: int
    height: int
    rows: bytes

    @property
    def bytes_per_row(self) -> int:
        """Row stride; the width is always a multiple of 8."""
        return self.width // 8


def render_line(
    glyphs: Sequence[tuple[str, FontFace]],
    paper_dots: int,
    scale: int = 1,
    align: Align = Align.LEFT,
    bold: bool = False,
) -> Bitmap:
    """Draw each character with its own font on the printer's column grid."""
    from PIL import Image, ImageDraw

    column = COLUMN_DOTS * scale
    size = CHAR_DOTS * scale
    used = sum(char_columns(ch) for ch, _ in glyphs) * column
    spare = max(paper_dots - used, 0)
    x = {Align.LEFT: 0, Align.CENTER: spare // 2, Align.RIGHT: spare}[align]
    height = size + LINE_GAP_DOTS * scale
    # Mode "1" with 0 as background: a drawn pixel is bit 1, which is what GS v 0 wants.
    image = Image.new("1", (paper_dots, height), 0)
    draw = ImageDraw.Draw(image)
    baseline = round(size * _BASELINE_EM)
    for ch, face in glyphs:
        draw.text(
            (x, baseline),
            ch,
            font=_load(face, size),
            fill=1,
            anchor="ls",
            stroke_width=1 if bold else 0,
            stroke_fill=1,
        )
        x += char_columns(ch) * column
    return Bitmap(paper_dots, height, image.tobytes())


@functools.lru_cache(maxsize=16)
def _load(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(face.path), size, index=face.index)
