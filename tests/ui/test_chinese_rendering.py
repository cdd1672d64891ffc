"""Every character the kiosk shows has a glyph in the Simplified Chinese font it uses."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import load_catalog
from tests.helpers.ui.visits import RunningKiosk
from ui.fonts import missing_glyphs

UI_SOURCES = Path(__file__).resolve().parents[2] / "ui"


def ui_strings() -> str:
    """Every string literal inside self.tr(...) in the ui package."""
    found = []
    for source in UI_SOURCES.rglob("*.py"):
        found += re.findall(r'tr\(\s*"([^"]*)"', source.read_text(encoding="utf-8"))
    return "".join(found)


def test_the_app_font_is_simplified_chinese(kiosk: RunningKiosk) -> None:
    assert kiosk.window.font().family() == "Noto Sans CJK SC"


def test_every_catalog_and_ui_character_has_a_glyph(kiosk: RunningKiosk) -> None:
    catalog_text = load_catalog().model_dump_json()
    missing = missing_glyphs(catalog_text + ui_strings(), kiosk.window.font())
    assert not missing, f"no glyph for: {sorted(missing)}"


def test_the_main_screen_renders_with_text_on_it(qtbot: QtBot, kiosk: RunningKiosk) -> None:
    image = kiosk.window.grab().toImage()
    assert not image.isNull()
    shown = [
        w.text()
        for w in kiosk.window.screens.attract.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton)
    ]
    assert any("政务服务自助终端" in text for text in shown)
    missing = missing_glyphs("".join(shown), kiosk.window.font())
    assert not missing
    # Something was drawn beyond the background: count distinct colours in the grab.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 400, 7)}
    assert len(colours) > 5
