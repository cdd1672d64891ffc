"""Rebuilding a catalog that already passed every check, without checking it again.

The catalog cache (kiosk.catalog.cache) holds only catalogs `load_catalog` accepted, dumped
by pydantic in their checked, normal form. Reading one back needs the same objects, not the
same checks: validating would build the validators of every catalog model (about a sixth of
what `kiosk submit` costs), while this walks the field declarations and hands each model its
values as they are. Anything that does not fit the declarations (an entry written by other
code) raises UntrustedShape, and the cache rebuilds the entry from the catalog's files.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


class UntrustedShape(ValueError):
    """The data is not a dump of the model: it must be validated, not trusted."""


def rebuilt(model: type[M], data: Any) -> M:
    """`model` holding `data` (a dump of a checked instance), with no validation run."""
    if not isinstance(data, Mapping):
        raise UntrustedShape(f"{model.__name__}: not a mapping")
    fields = model.model_fields
    unknown = set(data) - set(fields)
    if unknown:
        raise UntrustedShape(f"{model.__name__}: unknown keys {sorted(unknown)}")
    values = {name: _value(fields[name].annotation, data[name]) for name in data}
    missing = {n for n, f in fields.items() if f.is_required() and n not in values}
    if missing:
        raise UntrustedShape(f"{model.__name__}: missing {sorted(missing)}")
    return model.model_construct(**values)


def _value(annotation: Any, raw: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _value(get_args(annotation)[0], raw)
    if origin is Union or origin is types.UnionType:
        return _one_of(get_args(annotation), raw)
    if origin is tuple:
        return _tuple(annotation, raw)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return rebuilt(annotation, raw)
        if issubclass(annotation, enum.Enum):
            return annotation(raw)
        if annotation is float and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if not isinstance(raw, annotation):
            raise UntrustedShape(f"{raw!r} is not a {annotation.__name__}")
    return raw  # a Literal, or a plain value of the declared type


def _one_of(alternatives: tuple[Any, ...], raw: Any) -> Any:
    """`X | None`: None stays None, anything else is an X (the catalog has no other unions)."""
    if raw is None and type(None) in alternatives:
        return None
    declared = [alt for alt in alternatives if alt is not type(None)]
    if len(declared) != 1:
        raise UntrustedShape(f"a union of {declared} cannot be rebuilt without validation")
    return _value(declared[0], raw)


def _tuple(annotation: Any, raw: Any) -> tuple[Any, ...]:
    if not isinstance(raw, list):
        raise UntrustedShape(f"{raw!r} is not a list")
    item, *rest = get_args(annotation)
    if rest != [Ellipsis]:
        raise UntrustedShape(f"{annotation} is not a tuple of one type")
    return tuple(_value(item, value) for value in raw)
