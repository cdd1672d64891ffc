"""Renders the kiosk's screens offscreen at 1920x1080 into PNG files (for README and review).

Usage: QT_QPA_PLATFORM=offscreen uv run python scripts/screenshot.py OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from drivers.idcard import SamSerialReader, SamSimulator, demo_cards
from kiosk.config import load_settings
from kiosk.wiring.devices import build_printer
from kiosk.wiring.services import build_services
from ui.app import prepare_application
from ui.main_window import KioskWindow


def settle(ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as state:
        import os

        os.environ["KIOSK_DATA_DIR"] = state
        settings = load_settings()
        app = prepare_application(settings.ui.font_family)
        card = SamSimulator()
        reader = SamSerialReader(card.start(), timeout=0.5)
        services = build_services(settings, build_printer("", settings))
        window = KioskWindow(services, reader)
        window.resize(1920, 1080)
        window.show()
        journey = window.journey
        matter = services.catalogs.current().matters[0]

        def grab(name: str) -> None:
            settle()
            window.grab().save(str(out_dir / f"{name}.png"))

        grab("attract")
        journey.attract.start_button.click()
        grab("matters")
        journey.matters.matter_buttons[matter.code].click()
        grab("guide")
        card.place_card(demo_cards.ELDERLY_RESIDENT)
        journey.guide.proceed_requested.emit()
        while journey.current() is not journey.form:
            settle(100)
        grab("form")
        journey.end_session()
        journey.attract.start_button.click()
        housing = "11440100MB2C40058T-ZJ-0001"
        journey.matters.matter_buttons[housing].click()
        card.remove_card()  # a new resident lifts the old card and places theirs
        card.place_card(demo_cards.YOUNG_MAN)
        journey.guide.proceed_requested.emit()
        while journey.current() is not journey.form:
            settle(100)
        grab("form-housing")
        window.shutdown()
        services.close()
        reader.close()
        card.stop()
        del app
        QCoreApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
