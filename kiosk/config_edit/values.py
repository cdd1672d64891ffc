"""A setting's value from the text a technician typed, and a value as it is shown: read by the
setting's declared type, and a secret never shown in clear.

Text that cannot be the declared type is refused here in words that say what to write; text
that is the right type is left for the settings model to judge (bounds, patterns, URLs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.config_edit.declaration import Editor, Setting
from kiosk.settings_file import TomlValue

MASK = "******"
NOT_SET = "(not set)"
_SECRET = re.compile(r"(^|_)(key|secret|password|token)($|_)")
_TRUE = ("true", "on", "yes", "1")
_FALSE = ("false", "off", "no", "0")
_WHOLE = re.compile(r"^[+-]?[0-9]+$")


class Unreadable(ValueError):
    """The text is not a value of the setting's type; the message says what to write."""


def is_secret(key: str) -> bool:
    """A key, a secret, a password or a token: never shown or audited in clear."""
    return bool(_SECRET.search(key.rpartition(".")[2]))


def from_text(setting: Setting, text: str) -> TomlValue | None:
    """The value `text` gives the setting; None takes an optional setting out of the file."""
    stripped = text.strip()
    if setting.optional and not stripped:
        return None
    match setting.editor:
        case Editor.SWITCH:
            return _switch(stripped)
        case Editor.CHOICE:
            return _choice(setting, stripped)
        case Editor.WHOLE:
            if not _WHOLE.match(stripped):
                raise Unreadable(f"must be a whole number{_within(setting)}")
            return int(stripped)
        case Editor.NUMBER:
            try:
                return float(stripped)
            except ValueError:
                raise Unreadable(f"must be a number{_within(setting)}") from None
        case Editor.LIST:
            return _list(stripped)
        case Editor.TEXT:
            if setting.text_or_index and stripped.isdigit():
                return int(stripped)
            return text
    raise AssertionError(setting.editor)


def shown(key: str, value: object) -> str:
    """The value as `kiosk config show`, the console and the audit log show it."""
    if value is None:
        return NOT_SET
    if is_secret(key):
        return MASK
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def as_toml(value: Any) -> TomlValue | None:
    """A value read from the settings model as the file would write it."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Sequence):
        return [as_toml(item) for item in value]
    return str(value)


def _switch(text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise Unreadable("must be true or false")


def _choice(setting: Setting, text: str) -> TomlValue:
    for choice in setting.choices:
        if str(choice) == text and isinstance(choice, str | int):
            return choice
    choices = ", ".join(str(choice) for choice in setting.choices)
    raise Unreadable(f"must be one of: {choices}")


def _list(text: str) -> list[Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Unreadable('must be a list of texts as JSON, e.g. ["espeak-ng", "-v", "{voice}"]')
    return value


def _within(setting: Setting) -> str:
    if setting.minimum is None or setting.maximum is None:
        return ""
    return f" from {_number(setting.minimum)} to {_number(setting.maximum)}"


def _number(bound: float) -> str:
    return str(int(bound)) if bound.is_integer() else str(bound)
