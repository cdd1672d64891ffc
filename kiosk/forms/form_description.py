"""What an offering's application asks for, as data: its fields with their types, choices and
limits, its materials with the choices each allows, and its delivery methods.

Everything here is read from the catalog declaration and from the limits the validation
engine applies (kiosk/forms), so `kiosk catalog show CODE --fields` cannot drift from what the
screens ask and `kiosk submit` accepts. The JSON form is for building `kiosk submit --data`
payloads: `answers` keyed by field id, `materials` keyed by material id, `delivery`.
"""

from __future__ import annotations

from typing import Any

from kiosk.catalog.models import DeliveryMethod, FieldSpec, FieldType, Localized, Material, Option
from kiosk.catalog.offerings import Offering
from kiosk.forms.application import allowed_choices
from kiosk.forms.names import MAX_NAME_LENGTH
from kiosk.forms.signature import MAX_POINTS, MIN_POINTS
from kiosk.forms.validation import MIN_ADDRESS_LENGTH, MOBILE, YES_NO

# Free-text types: the declared max_length is their limit (the others have a fixed format).
_FREE_TEXT = frozenset({FieldType.TEXT, FieldType.PERSON_NAME, FieldType.ADDRESS})
_ID_NUMBER = "18 characters: 17 digits and a check digit (0-9 or X), valid birth date"


def describe_form(offering: Offering, catalog_version: str) -> dict[str, Any]:
    """The whole application an offering takes, JSON-ready."""
    delivery = offering.delivery
    return {
        "code": offering.code,
        "kind": "bundle" if offering.is_bundle else "matter",
        "name": _localized(offering.name),
        "catalog_version": catalog_version,
        "members": [m.code for m in offering.members] if offering.is_bundle else [],
        "fields": [describe_field(spec) for spec in offering.fields],
        "materials": [_material(material) for material in offering.materials],
        "signature": {
            "possible": any(m.commitment for m in offering.materials),
            "needed_when": "a material's choice is commitment",
            "shape": '{"strokes": [[[x, y], ...], ...]} with x and y in 0..1',
            "points": {"min": MIN_POINTS, "max": MAX_POINTS},
        },
        "delivery": None
        if not delivery
        else {
            "methods": [method.value for method in delivery],
            "default": delivery[0].value if len(delivery) == 1 else None,
            "address_needed_for": [m.value for m in delivery if m is DeliveryMethod.POST],
            "min_address_length": MIN_ADDRESS_LENGTH,
        },
    }


def describe_field(spec: FieldSpec) -> dict[str, Any]:
    """One question: what it is called, what it takes, when it is asked."""
    described: dict[str, Any] = {
        "id": spec.id,
        "label": _localized(spec.label),
        "type": spec.type.value,
        "required": spec.required,
        "prefill": spec.prefill.value if spec.prefill else None,
        "show_if": None
        if spec.show_if is None
        else {"field": spec.show_if.field, "equals": list(spec.show_if.equals)},
        "hint": _localized(spec.hint) if spec.hint else None,
    }
    choices = _choices(spec)
    if choices:
        described["choices"] = [{"value": o.value, "en": o.en} for o in choices]
        described["multiple"] = spec.type is FieldType.MULTI_CHOICE
    if spec.type in _FREE_TEXT:
        longest = spec.max_length
        if spec.type is FieldType.PERSON_NAME:
            longest = min(longest, MAX_NAME_LENGTH)
        described["max_length"] = longest
    described |= _format(spec)
    return described


def _choices(spec: FieldSpec) -> tuple[Option, ...]:
    if spec.type is FieldType.YES_NO:
        return YES_NO
    return spec.options


def _format(spec: FieldSpec) -> dict[str, Any]:
    match spec.type:
        case FieldType.NUMBER:
            return {
                "minimum": spec.minimum,
                "maximum": spec.maximum,
                "integer": spec.integer,
                "unit": spec.unit,
            }
        case FieldType.DATE:
            return {"format": "YYYY-MM-DD", "dates": spec.dates}
        case FieldType.MOBILE:
            return {"pattern": MOBILE.pattern}
        case FieldType.ADDRESS:
            return {"min_length": MIN_ADDRESS_LENGTH}
        case FieldType.ID_NUMBER:
            return {"format": _ID_NUMBER, "sex_field": spec.sex_field}
        case _:
            return {}


def _material(material: Material) -> dict[str, Any]:
    allowed = allowed_choices(material)
    return {
        "id": material.id,
        "name": _localized(material.name),
        "required": material.required,
        "form": material.form,
        "count": material.count,
        "choices": [choice.value for choice in allowed],
        "default": allowed[0].value,
        "e_licence": material.e_licence,
        "commitment": material.commitment,
        "deferrable_days": material.deferrable_days,
    }


def _localized(text: Localized) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}
