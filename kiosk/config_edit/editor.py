"""One change of the settings file: the typed texts read by each setting's type, the whole
resulting file validated by the settings model, written atomically, and each changed key
audited with its old and new value (a secret masked).

A refusal (an unknown key, a value of the wrong type, out of bounds, an invalid URL) raises
SettingsRefused naming each key and what to write, and leaves the file byte for byte as it
was. The old value is the one the file gives (its own, or the declared default): what the
change replaces in the file, whatever the environment overrides.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.config import KioskSettings, settings_from_values
from kiosk.config_edit.declaration import Applies, Setting, declared_settings
from kiosk.config_edit.values import Unreadable, as_toml, from_text, shown
from kiosk.config_error import SettingsRefused
from kiosk.settings_file import TomlValue, read_valid_toml, set_keys

UNKNOWN = "unknown setting (check the spelling and the section)"


@dataclass(frozen=True)
class Change:
    setting: Setting
    old: TomlValue | None
    new: TomlValue | None

    @property
    def key(self) -> str:
        return self.setting.key

    def audit_details(self) -> dict[str, str]:
        return {
            "key": self.key,
            "old": shown(self.key, self.old),
            "new": shown(self.key, self.new),
            "applies": self.setting.applies.value,
        }


@dataclass(frozen=True)
class SavedChanges:
    path: Path
    changes: tuple[Change, ...]

    def live(self) -> dict[str, TomlValue | None]:
        """The changes the running touchscreen applies at once, by key."""
        return {c.key: c.new for c in self.changes if c.setting.applies is Applies.LIVE}

    def after_restart(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.setting.applies is not Applies.LIVE)


class SettingsFile:
    """The kiosk's TOML settings file, read and changed through the settings model."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def values(self) -> dict[str, Any]:
        """The file's own values (no defaults, no environment); {} while there is no file."""
        return tomllib.loads(read_valid_toml(self.path))

    def changes(self, texts: Mapping[str, str]) -> tuple[Change, ...]:
        """What setting each key to its text would change (unchanged keys left out)."""
        values = self.values()
        declared = {setting.key: setting for setting in declared_settings(values)}
        problems: list[tuple[str, str]] = []
        changes: list[Change] = []
        for key, text in texts.items():
            setting = declared.get(key)
            if setting is None:
                problems.append((key, UNKNOWN))
                continue
            try:
                new = from_text(setting, text)
            except Unreadable as exc:
                problems.append((key, str(exc)))
                continue
            old = value_in(values, setting)
            if new != old:
                changes.append(Change(setting, old, new))
        if problems:
            raise refused(self.path, problems)
        return tuple(changes)

    def save(self, texts: Mapping[str, str], actor: str, audit: AuditTrail) -> SavedChanges:
        """Validate and write the changes, then audit each one; SettingsRefused, with the
        file untouched, if any text or the resulting settings are refused."""
        saved = SavedChanges(self.path, self.changes(texts))
        self.write(saved)
        record(saved, actor, audit)
        return saved

    def write(self, saved: SavedChanges) -> KioskSettings | None:
        """Write the changes if the settings they give are valid: those settings (None when
        nothing changes); SettingsRefused, with the file untouched, if they are not."""
        if not saved.changes:
            return None
        given: list[KioskSettings] = []
        try:
            set_keys(
                self.path,
                {change.key: change.new for change in saved.changes},
                lambda values: given.append(settings_from_values(values, self.path)),
            )
        except SettingsRefused as exc:
            raise refused(self.path, list(exc.problems)) from exc
        return given[0]


def value_in(values: Mapping[str, Any], setting: Setting) -> TomlValue | None:
    """The value a file's `values` give a setting, or its declared default."""
    found: Any = values
    for part in setting.key.split("."):
        if not isinstance(found, Mapping) or part not in found:
            return as_toml(setting.default)
        found = found[part]
    return as_toml(found)


def record(saved: SavedChanges, actor: str, audit: AuditTrail) -> None:
    """One audit record per changed key, with its old and new value (a secret masked)."""
    for change in saved.changes:
        audit.record(AuditEvent.CONFIG_CHANGED, actor, change.audit_details())


def refused(path: Path, problems: list[tuple[str, str]]) -> SettingsRefused:
    lines = "\n".join(f"  {key}: {message}" for key, message in problems)
    return SettingsRefused(f"not saved ({path} is unchanged):\n{lines}", tuple(problems))
