"""Every setting a technician can change, as the settings model (kiosk/config.py) declares it:
its dotted key, type, bounds, choices, default, description and when a change takes effect.

Nothing here repeats a type or a bound: all of it is read from the pydantic fields, so the
validation, `kiosk config show` and the console's form cannot disagree. A setting whose field
carries the console's mark (`json_schema_extra` with "zh" and "applies") is shown on the
console's page; the others are still set with `kiosk config set`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from kiosk.config import AFTER_AGENT_RESTART, AFTER_APP_RESTART, LIVE, KioskSettings
from kiosk.i18n import Message
from kiosk.settings_env import alternatives

_KIND = "kind"  # the key that says which of a section's kinds it holds


class Applies(Enum):
    """When a changed setting takes effect."""

    LIVE = LIVE  # at once, on the touchscreen
    AFTER_APP_RESTART = AFTER_APP_RESTART  # the touchscreen reopens its devices on start
    AFTER_AGENT_RESTART = AFTER_AGENT_RESTART  # the sync agent reads it when it starts
    AFTER_RESTART = "restart"  # a setting the console does not offer: both read it at start


class Editor(Enum):
    """The kind of value, which decides how text is read and which editor the console shows."""

    CHOICE = "choice"  # one of a Literal's values
    SWITCH = "switch"  # true or false
    WHOLE = "whole"  # an integer, within its bounds
    NUMBER = "number"  # a float, within its bounds
    TEXT = "text"  # a string or a path
    LIST = "list"  # a list of strings, given as JSON


@dataclass(frozen=True)
class Setting:
    key: str  # dotted, as the file's tables and keys write it: devices.printer.paper
    description: Message
    editor: Editor
    default: object
    applies: Applies
    on_console: bool
    optional: bool = False  # None allowed: left out of the file, written as empty text
    choices: tuple[object, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    text_or_index: bool = False  # a camera: a number is an index, other text a path


def declared_settings(values: Mapping[str, Any]) -> list[Setting]:
    """Every setting of the model, in declaration order. `values` (a file's, or a model dump)
    decide which kind a section of several kinds is; a section that is absent and has no
    default (the QR scanner) has no settings to offer."""
    return list(_walk(KioskSettings, values, ""))


def console_settings(values: Mapping[str, Any]) -> list[Setting]:
    """The settings the console's configuration page offers."""
    return [setting for setting in declared_settings(values) if setting.on_console]


def _walk(model: type[BaseModel], values: Mapping[str, Any], prefix: str) -> Any:
    for name, field in model.model_fields.items():
        key = prefix + name
        given = values.get(name) if isinstance(values, Mapping) else None
        section = _section(field, given)
        if section is not None:
            yield from _walk(section, given if isinstance(given, Mapping) else {}, key + ".")
        elif not _holds_sections(field.annotation):
            yield _setting(key, field)


def _section(field: FieldInfo, given: object) -> type[BaseModel] | None:
    """The section model this field holds, choosing among kinds by the `kind` given."""
    models = [
        m
        for m in alternatives(field.annotation)
        if isinstance(m, type) and issubclass(m, BaseModel)
    ]
    if len(models) == 1:
        if given is None and field.default is None:
            return None
        return models[0]
    kind = given.get(_KIND) if isinstance(given, Mapping) else None
    chosen = [m for m in models if _KIND in m.model_fields and _kind_of(m) == kind]
    return chosen[0] if chosen else None


def _kind_of(model: type[BaseModel]) -> object:
    return get_args(model.model_fields[_KIND].annotation)[0]


def _holds_sections(annotation: object) -> bool:
    return any(isinstance(m, type) and issubclass(m, BaseModel) for m in alternatives(annotation))


def _setting(key: str, field: FieldInfo) -> Setting:
    kinds = alternatives(field.annotation)
    optional = type(None) in kinds
    kinds = [kind for kind in kinds if kind is not type(None)]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    english = field.description or ""
    description = Message(str(extra.get("zh", english)), english)
    applies = Applies(extra["applies"]) if "applies" in extra else Applies.AFTER_RESTART
    minimum, maximum = _bounds(field)
    editor, choices = _editor(kinds)
    return Setting(
        key=key,
        description=description,
        editor=editor,
        default=_default(field),
        applies=applies,
        on_console="applies" in extra,
        optional=optional,
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        text_or_index=int in kinds and str in kinds,
    )


def _editor(kinds: list[Any]) -> tuple[Editor, tuple[object, ...]]:
    literal = [kind for kind in kinds if get_origin(kind) is Literal]
    if literal:
        return Editor.CHOICE, tuple(choice for kind in literal for choice in get_args(kind))
    if kinds == [bool]:
        return Editor.SWITCH, ()
    if kinds == [int]:
        return Editor.WHOLE, ()
    if kinds == [float]:
        return Editor.NUMBER, ()
    if any(get_origin(kind) in (tuple, list) for kind in kinds):
        return Editor.LIST, ()
    if all(kind in (str, int, Path) for kind in kinds):
        return Editor.TEXT, ()
    raise TypeError(f"no editor for a setting of {kinds}")  # a new kind of setting: add one


def _bounds(field: FieldInfo) -> tuple[float | None, float | None]:
    minimum = maximum = None
    for bound in field.metadata:
        if isinstance(bound, Ge | Gt):
            minimum = float(bound.ge if isinstance(bound, Ge) else bound.gt)  # type: ignore[arg-type]
        elif isinstance(bound, Le | Lt):
            maximum = float(bound.le if isinstance(bound, Le) else bound.lt)  # type: ignore[arg-type]
    return minimum, maximum


def _default(field: FieldInfo) -> object:
    if field.default_factory is not None:
        return field.default_factory()  # type: ignore[call-arg]
    return None if field.default is PydanticUndefined else field.default
