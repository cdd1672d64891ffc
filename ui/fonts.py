"""The application font, and a check that it can draw every character we show.

Qt falls back to Japanese glyph shapes for Han characters unless the font is a Simplified
Chinese one, so the family is set explicitly.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication


def apply_kiosk_font(app: QApplication, family: str, pixel_size: int) -> QFont:
    if family not in QFontDatabase.families():
        raise RuntimeError(
            f"font {family!r} is not installed; run scripts/setup (it installs fonts-noto-cjk)"
        )
    font = QFont(family)
    font.setPixelSize(pixel_size)
    app.setFont(font)
    return font


def missing_glyphs(text: str, font: QFont) -> set[str]:
    """The characters of `text` the font has no glyph for (whitespace ignored)."""
    metrics = QFontMetrics(font)
    return {c for c in set(text) if not c.isspace() and not metrics.inFontUcs4(ord(c))}
