"""Starts the Qt application: font, style sheet, the kiosk window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from drivers.idcard import IdCardReader
from kiosk.paths import assets_dir
from kiosk.wiring.services import KioskServices
from ui.fonts import apply_kiosk_font
from ui.main_window import KioskWindow

# On a 1080p kiosk screen 24 px is about 18 pt, the smallest text we show.
BASE_PIXEL_SIZE = 24


def style_sheet() -> str:
    return (assets_dir() / "styles" / "kiosk.qss").read_text(encoding="utf-8")


def prepare_application(font_family: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    apply_kiosk_font(app, font_family, BASE_PIXEL_SIZE)
    app.setStyleSheet(style_sheet())
    return app


def run_kiosk_app(services: KioskServices, reader: IdCardReader, fullscreen: bool) -> int:
    app = prepare_application(services.settings.ui.font_family)
    window = KioskWindow(services, reader)
    if fullscreen:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    try:
        return app.exec()
    finally:
        window.shutdown()
