"""The kiosk's two looks, normal and elder mode (长辈模式), and the contrast arithmetic that
keeps them readable.

Each mode is one complete style sheet under `assets/styles/`; elder mode replaces the normal
sheet rather than patching it, so either can be read on its own. `apply_mode` switches the
running application between them.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from types import MappingProxyType

from PySide6.QtWidgets import QApplication

from kiosk.paths import assets_dir


class DisplayMode(Enum):
    NORMAL = "normal"
    ELDER = "elder"  # 长辈模式: larger, bolder, higher-contrast


_SHEET_FILES = MappingProxyType({DisplayMode.NORMAL: "kiosk.qss", DisplayMode.ELDER: "elder.qss"})

# The MIIT elder guidance asks for text noticeably larger than normal; 1.5x is what the elder
# sheet uses for every size, and what the application font follows.
TEXT_SCALE = MappingProxyType({DisplayMode.NORMAL: 1.0, DisplayMode.ELDER: 1.5})

# On the 1080p kiosk panel 24 px is about 18 pt, the smallest text the kiosk shows.
NORMAL_BASE_PIXEL_SIZE = 24

# WCAG 2.x AA: normal-size text needs 4.5:1 against its background.
MINIMUM_TEXT_CONTRAST = 4.5

_NAMED_COLOURS = MappingProxyType({"white": "#ffffff", "black": "#000000"})
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def sheet_path(mode: DisplayMode) -> Path:
    return assets_dir() / "styles" / _SHEET_FILES[mode]


def style_sheet(mode: DisplayMode = DisplayMode.NORMAL) -> str:
    """The whole Qt style sheet for `mode`."""
    return sheet_path(mode).read_text(encoding="utf-8")


def base_pixel_size(mode: DisplayMode) -> int:
    """The application font's pixel size in `mode` (body text size)."""
    return round(NORMAL_BASE_PIXEL_SIZE * TEXT_SCALE[mode])


def apply_mode(app: QApplication, mode: DisplayMode) -> None:
    """Switch the running application to `mode`: its font size and its style sheet.

    The font family already set on the application (a Simplified Chinese one, see
    `ui.fonts`) is kept; only the size changes. Qt re-polishes every widget on the new sheet.
    """
    font = app.font()
    font.setPixelSize(base_pixel_size(mode))
    app.setFont(font)
    sheet = style_sheet(mode)
    if app.styleSheet() != sheet:  # setting the same sheet again re-polishes every widget
        app.setStyleSheet(sheet)


def parse_colour(text: str) -> tuple[int, int, int]:
    """`#rrggbb`, `#rgb`, `white` or `black` as 0..255 channels."""
    value = _NAMED_COLOURS.get(text.strip().lower(), text.strip())
    if not _HEX_COLOUR.fullmatch(value):
        raise ValueError(f"not a colour this check understands: {text!r}")
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        srgb = channel / 255
        return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in parse_colour(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast ratio between two colours, from 1.0 (same) to 21.0 (black on white).

    Symmetric: which colour is the text does not matter.
    """
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
