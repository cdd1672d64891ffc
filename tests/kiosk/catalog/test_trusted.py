"""A checked catalog read back from its dump without validation is the same catalog."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.models import CaseType, Catalog, DeliveryMethod, FieldType, Handling
from kiosk.catalog.trusted import UntrustedShape, rebuilt

SHIPPED = load_catalog()


def dump() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SHIPPED.model_dump_json())
    return loaded


def test_the_shipped_catalog_rebuilt_from_its_dump_equals_the_validated_one() -> None:
    assert rebuilt(Catalog, dump()) == SHIPPED == Catalog.model_validate_json(json.dumps(dump()))


def test_every_value_comes_back_as_the_type_the_models_declare() -> None:
    catalog = rebuilt(Catalog, dump())

    for matter, shipped in zip(catalog.matters, SHIPPED.matters, strict=True):
        assert type(matter.case_type) is CaseType
        assert all(type(h) is Handling for h in matter.handling)
        assert all(type(d) is DeliveryMethod for d in matter.delivery)
        assert all(type(spec.type) is FieldType for spec in matter.fields)
        assert isinstance(matter.fields, tuple) and isinstance(matter.materials, tuple)
        assert [spec.show_if for spec in matter.fields] == [s.show_if for s in shipped.fields]
        assert hash(matter) == hash(shipped)  # frozen models hash by value alike


def test_a_rebuilt_field_can_be_merged_into_a_bundles_form_like_a_validated_one() -> None:
    spec = rebuilt(Catalog, dump()).matters[0].fields[0]
    assert spec.model_copy(update={"required": False}).required is False


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(surprise=1), "unknown keys"),
        (lambda d: d.pop("region"), "missing"),
        (lambda d: d.update(region=42), "is not a str"),
        (lambda d: d.update(matters={"not": "a list"}), "is not a list"),
        (lambda d: d["matters"][0].update(case_type="明天办"), "is not a valid CaseType"),
    ],
    ids=["unknown key", "missing key", "wrong type", "not a list", "unknown enum value"],
)
def test_data_not_shaped_like_the_models_is_not_trusted(change: Any, problem: str) -> None:
    data = dump()
    change(data)
    with pytest.raises(ValueError, match=problem):
        rebuilt(Catalog, data)


def test_untrusted_shape_is_a_value_error_the_cache_rebuilds_on() -> None:
    assert issubclass(UntrustedShape, ValueError)
