"""The attract screen shown while the kiosk starts, before its window exists.

It is the real attract screen (same class, same style sheet, same texts), in a window of its
own, so that when the kiosk window takes its place nothing on screen changes. It can be built
from the few settings read without the settings model (kiosk.attract_settings) and the modules
PySide6 itself loads. A resident may tap it before the kiosk is ready: the screen then says
正在准备，请稍候 and remembers the taps, and `hand_over` makes them again on the kiosk window's
attract screen: every switch (长辈模式, language, voice) in order, and the first of the buttons
that begin something (start, lookup, call staff).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow

from kiosk.attract_settings import AttractSettings
from kiosk.paths import assets_dir
from ui.language import SOURCE_LOCALE
from ui.screens.attract import AttractScreen

# The buttons that take the resident somewhere; only the first one tapped is honoured.
_ACTIONS = ("start_button", "lookup_button", "staff_button")


class EarlyAttractWindow(QMainWindow):
    def __init__(self, settings: AttractSettings) -> None:
        super().__init__()
        self.setObjectName("early_attract_window")
        self._translator = _installed_translator(settings.language, self)
        self.setWindowTitle(self.tr("政务服务自助终端"))
        self.attract = AttractScreen(settings.hall_name, settings.hotline)
        self.attract.show_voice(settings.voice)
        self.setCentralWidget(self.attract)
        self._switches: list[str] = []  # object names of the switches tapped, in order
        self._action: str | None = None
        button: QAbstractButton
        for button in self.attract.findChildren(QAbstractButton):
            button.clicked.connect(partial(self._tapped, button.objectName()))

    @property
    def taps(self) -> tuple[str, ...]:
        """The taps `hand_over` will make, by the object names of their buttons."""
        return (*self._switches, *((self._action,) if self._action else ()))

    def _tapped(self, name: str) -> None:
        if name not in _ACTIONS:
            self._switches.append(name)
        elif self._action is None:
            self._action = name
        status = self.attract.staff_status
        status.setText(self.tr("正在准备，请稍候…"))
        status.show()

    def hand_over(self, attract: AttractScreen) -> None:
        """Close, making the remembered taps on `attract`, the kiosk window's attract screen."""
        if self._translator is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeTranslator(self._translator)
        self.close()
        self.deleteLater()
        for name in self.taps:
            button = attract.findChild(QAbstractButton, name)
            if button is not None and button.isEnabled():
                button.click()


def _installed_translator(locale: str, parent: QMainWindow) -> QTranslator | None:
    """The catalogue of `locale` installed on the application, or None for Chinese (or a
    catalogue that cannot be loaded: the kiosk window reports that once it is built)."""
    app = QApplication.instance()
    if locale == SOURCE_LOCALE or app is None:
        return None
    translator = QTranslator(parent)
    if not translator.load(str(assets_dir() / "translations" / f"kiosk_{locale}.qm")):
        return None
    app.installTranslator(translator)
    return translator
