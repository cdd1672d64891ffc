"""The resident's own settings for the visit: 长辈模式, the language and the voice guide.

Each is recorded in the visit and then shown everywhere; `apply` shows the visit's values again
after the visit ended (its defaults), so the next person starts from the kiosk's settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.config import UiSettings
from ui.idle import IdleWatch
from ui.language import LanguageSwitcher
from ui.modes import Mode
from ui.navigator import Stage
from ui.style import DisplayMode, apply_mode
from ui.voice import VoiceGuide


class Preferences:
    def __init__(
        self,
        stage: Stage,
        language: LanguageSwitcher,
        voice: VoiceGuide,
        idle: IdleWatch,
        settings: UiSettings,
    ) -> None:
        screens = stage.screens
        self._visit, self._screens, self._navigator = stage.visit, screens, stage.navigator
        self._language, self._voice, self._idle = language, voice, idle
        self._settings = settings
        self._applied_elder: bool | None = None
        for screen in screens:
            screen.elder_toggled.connect(self.set_elder)
            screen.language_requested.connect(self.other_language)
        screens.attract.voice_toggled.connect(self.set_voice)
        language.changed.connect(self._language_changed)

    def use(self, settings: UiSettings) -> None:
        """The kiosk's settings changed (applied live): elder mode's longer wait follows them."""
        self._settings = settings

    @property
    def idle_factor(self) -> float:
        """Elder mode waits longer before asking whether the resident needs more time."""
        return self._settings.elder_timeout_factor if self._visit.elder else 1.0

    def set_elder(self, elder: bool) -> None:
        """长辈模式: larger text, higher contrast, fewer items per screen, longer timeouts."""
        self._visit.set_elder(elder)
        self._show_elder()
        if self._navigator.mode is Mode.VISIT:
            self._idle.arm(self.idle_factor)

    def other_language(self) -> None:
        locale = "en_US" if self._visit.language == "zh_CN" else "zh_CN"
        self._visit.choose_language(locale)
        self._language.switch(locale)

    def set_voice(self, enabled: bool) -> None:
        self._visit.set_voice(enabled)
        self._voice.set_enabled(enabled)
        if enabled:
            self._voice.speak(self._navigator.screen.instruction())

    def apply(self) -> None:
        """Show the visit's choices everywhere (after the visit ended: the defaults)."""
        self._language.switch(self._visit.language)
        self._show_elder()
        self._voice.set_enabled(self._visit.voice)
        self._screens.attract.show_voice(self._visit.voice)

    def _show_elder(self) -> None:
        elder = self._visit.elder
        for screen in self._screens:
            screen.show_elder(elder)
        app = QApplication.instance()
        # Restyling every widget costs over 100 ms: only when the mode really changes.
        if elder != self._applied_elder and isinstance(app, QApplication):
            apply_mode(app, DisplayMode.ELDER if elder else DisplayMode.NORMAL)
            self._applied_elder = elder
        screens = self._screens
        for paged in (screens.matters, screens.form, screens.delivery, screens.lookup):
            paged.set_layout_mode(elder)

    def _language_changed(self, locale: str) -> None:
        self._voice.set_language(locale)
        self._voice.speak(self._navigator.screen.instruction())
