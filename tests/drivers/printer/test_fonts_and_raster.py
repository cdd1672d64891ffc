"""The raster fallback: finding a font for rare characters and drawing the line."""

from __future__ import annotations

import pytest

from drivers.printer import fonts
from drivers.printer.document import Align, Paper
from drivers.printer.fonts import NOTO_SANS_CJK, NOTO_SANS_CJK_SC_INDEX, FontFace, find_font
from drivers.printer.raster import render_line

needs_noto = pytest.mark.skipif(not NOTO_SANS_CJK.exists(), reason="fonts-noto-cjk not installed")
NOTO_SC = FontFace(NOTO_SANS_CJK, NOTO_SANS_CJK_SC_INDEX)


@needs_noto
def test_fontconfig_prefers_the_simplified_chinese_sans_face() -> None:
    assert find_font("国𠮷") == NOTO_SC


@needs_noto
def test_without_fontconfig_the_noto_font_is_checked_glyph_by_glyph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    uncached = find_font.__wrapped__

    assert uncached("𠮷") == NOTO_SC
    assert uncached("\U0002a6d6") is None


def test_no_characters_need_no_font() -> None:
    assert find_font("") is None


def ink_columns(rows: bytes, bytes_per_row: int) -> set[int]:
    """x positions of printed dots."""
    return {
        (i % bytes_per_row) * 8 + bit
        for i, byte in enumerate(rows)
        for bit in range(8)
        if byte & (0x80 >> bit)
    }


@needs_noto
@pytest.mark.parametrize(
    ("align", "low", "high"),
    [(Align.LEFT, 0, 24), (Align.CENTER, 180, 204), (Align.RIGHT, 360, 384)],
)
def test_raster_line_sits_on_the_printer_column_grid(align: Align, low: int, high: int) -> None:
    bitmap = render_line([("𠮷", NOTO_SC)], Paper.MM58.dots, align=align)

    columns = ink_columns(bitmap.rows, bitmap.bytes_per_row)
    assert bitmap.width == 384
    assert bitmap.height == 30
    assert columns
    assert low <= min(columns)
    assert max(columns) < high
