"""Switching the interface language at any moment, without losing the resident's place.

Qt Linguist catalogues (assets/translations/kiosk_<locale>.qm) translate the interface's own
texts; installing one sends every widget a LanguageChange event, and each screen then sets
its texts again. Chinese is the source language and needs no catalogue.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

SOURCE_LOCALE = "zh_CN"
LOCALES = ("zh_CN", "en_US")
_PROPERTY = "kiosk_locale"


def current_locale() -> str:
    """The interface language now, for texts that come from data rather than `tr()`."""
    app = QApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return str(value) if value else SOURCE_LOCALE


class LanguageSwitcher(QObject):
    changed = Signal(str)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._translator: QTranslator | None = None
        self._locale = SOURCE_LOCALE

    @property
    def locale(self) -> str:
        return self._locale

    def switch(self, locale: str) -> None:
        if locale == self._locale:
            return
        self._app.setProperty(_PROPERTY, locale)
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if locale != SOURCE_LOCALE:
            translator = QTranslator(self)
            path = assets_dir() / "translations" / f"kiosk_{locale}.qm"
            if translator.load(str(path)):
                self._app.installTranslator(translator)
                self._translator = translator
            else:
                log.error("translation catalogue missing", extra={"path": str(path)})
        # Qt announces a new translator only while its event loop runs; tell every window
        # directly so the switch never depends on that (each widget passes it to children).
        for window in self._app.topLevelWidgets():
            QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
        self._locale = locale
        self.changed.emit(locale)

    def shutdown(self) -> None:
        """Take this window's translator off the application (it may outlive the window)."""
        self.switch(SOURCE_LOCALE)
