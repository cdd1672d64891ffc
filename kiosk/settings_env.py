"""Settings given in the environment as KIOSK_<SECTION>__<KEY>, as the nested values a
settings file would give.

Names are matched without regard to case; a variable naming no setting of any section (such
as KIOSK_CONFIG, which names the file) is not a setting and is left alone, while an unknown
key inside a section is passed on, so that validation names it like any unknown key. A
setting that holds a section or a list is given as JSON (KIOSK_UI__TTS_COMMAND='["espeak-ng"]');
every other value is passed as the text it is, for the settings' own validation. The
models' field declarations are all this needs, so loading the settings does not import a
settings framework (pydantic-settings and its asyncio took a sixth of a short command's time).
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from kiosk.config_error import ConfigError

PREFIX = "KIOSK_"
NESTED_DELIMITER = "__"
_CONTAINERS = (list, tuple, dict, set, frozenset)


def environment_values(model: type[BaseModel], environ: Mapping[str, str]) -> dict[str, Any]:
    """The values of `model`'s settings found in `environ`, nested by section."""
    found: list[tuple[list[str], str, str]] = []
    for name, raw in environ.items():
        if not name.upper().startswith(PREFIX):
            continue
        path = name[len(PREFIX) :].lower().split(NESTED_DELIMITER)
        if path[0] in model.model_fields:
            found.append((path, name, raw))
    values: dict[str, Any] = {}
    # A whole section given as JSON first, then its single keys on top of it.
    for path, name, raw in sorted(found, key=lambda item: len(item[0])):
        annotation = _annotation_at(model, path)
        value = _decoded(name, raw) if _holds_structure(annotation) else _scalar(annotation, raw)
        _put(values, path, value)
    return values


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `override` laid over it, section by section."""
    result = dict(base)
    for key, value in override.items():
        below = result.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            result[key] = merged(below, value)
        else:
            result[key] = value
    return result


def _annotation_at(model: type[BaseModel], path: list[str]) -> Any:
    """The declared type of the setting at `path`; None for a key no section declares."""
    annotation: Any = model
    for key in path:
        # A section of several kinds (the QR scanner's) has each kind's keys.
        declaring = [
            section for section in _section_models(annotation) if key in section.model_fields
        ]
        if not declaring:
            return None
        annotation = declaring[0].model_fields[key].annotation
    return annotation


def _section_models(annotation: Any) -> list[type[BaseModel]]:
    return [
        candidate
        for candidate in alternatives(annotation)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel)
    ]


def _holds_structure(annotation: Any) -> bool:
    return any(
        (isinstance(candidate, type) and issubclass(candidate, BaseModel))
        or get_origin(candidate) in _CONTAINERS
        or candidate in _CONTAINERS
        for candidate in alternatives(annotation)
    )


def _scalar(annotation: Any, raw: str) -> Any:
    """The text as it is, except where the setting is one of a set of whole numbers (a baud
    rate): the environment only holds text, and "19200" must choose the number 19200."""
    choices = [
        choice
        for candidate in alternatives(annotation)
        if get_origin(candidate) is Literal
        for choice in get_args(candidate)
    ]
    stripped = raw.strip()
    if choices and all(type(choice) is int for choice in choices) and stripped.isdigit():
        return int(stripped)
    return raw


def alternatives(annotation: Any) -> list[Any]:
    """The types a value may take: `X | None` is X or None, `Annotated[X, ...]` is X."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return alternatives(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [alt for arg in get_args(annotation) for alt in alternatives(arg)]
    return [annotation]


def _decoded(name: str, raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"invalid configuration (environment):\n  {name}: must be JSON here "
            f'(a section or a list), e.g. {name}=\'["a", "b"]\' ({exc.msg})'
        ) from exc


def _put(values: dict[str, Any], path: list[str], value: Any) -> None:
    target = values
    for key in path[:-1]:
        below = target.get(key)
        if not isinstance(below, dict):
            below = target[key] = {}
        target = below
    last = path[-1]
    if isinstance(value, Mapping) and isinstance(target.get(last), dict):
        target[last] = merged(target[last], value)
    else:
        target[last] = value
