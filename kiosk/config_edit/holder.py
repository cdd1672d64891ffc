"""The settings in force in the running app, replaced whole when a live setting changes, with
listeners told of each replacement: the settings models are frozen, so a screen that shows
the hotline or a timer that counts the idle time asks here for the new values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.config import KioskSettings

Listener = Callable[[KioskSettings], None]


class SettingsHolder:
    def __init__(self, settings: KioskSettings) -> None:
        self._settings = settings
        self._listeners: list[Listener] = []

    @property
    def current(self) -> KioskSettings:
        return self._settings

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with the new settings after each change."""
        self._listeners.append(listener)

    def apply(self, changes: Mapping[str, Any]) -> KioskSettings:
        """The settings in force with each dotted key set to its value (None: its default),
        validated by the model, then announced."""
        values = self._settings.model_dump()
        for dotted, value in changes.items():
            *tables, key = dotted.split(".")
            section = values
            for table in tables:
                section = section.setdefault(table, {})
            if value is None:
                section.pop(key, None)
            else:
                section[key] = value
        self._settings = KioskSettings.model_validate(values)
        for listener in list(self._listeners):
            listener(self._settings)
        return self._settings
