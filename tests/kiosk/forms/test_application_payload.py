"""A case's payload and the application it holds: what the kiosk stores for each member matter
(payload_for) reads back (from_payload) as an application the same rules accept again, as
the platform reads it on arrival."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kiosk.catalog import load_catalog
from kiosk.catalog.offerings import Offering, all_offerings, find_offering
from kiosk.forms import Application, check_application
from tests.helpers.samples import sample_application_json

CATALOG = load_catalog()
TODAY = date(2026, 11, 23)
ELDERLY = "11440100MB2C91234A-LZ-0001"


@pytest.mark.parametrize("offering", all_offerings(CATALOG), ids=lambda o: o.name.zh)
def test_every_member_payload_reads_back_as_the_same_valid_application(
    offering: Offering,
) -> None:
    checked = check_application(
        offering, Application.from_json(sample_application_json(offering, TODAY)), TODAY
    )
    assert checked.ok, [str(e) for e in checked.errors]
    for matter in offering.members:
        payload = checked.payload_for(matter)
        own = find_offering(CATALOG, matter.code)
        assert own is not None
        again = check_application(own, Application.from_payload(payload), TODAY)
        assert again.ok, (matter.code, [str(e) for e in again.errors])
        assert again.payload_for(matter) == payload


def test_a_payload_reads_back_with_each_materials_choice() -> None:
    payload = {
        "answers": {"name": "王秀英"},
        "materials": {"photo": {"choice": "deferred", "deadline": "2026-11-30"}},
        "signature": {"strokes": []},
        "delivery": {"method": "自取"},
    }
    assert Application.from_payload(payload) == Application(
        {"name": "王秀英"}, {"photo": "deferred"}, {"strokes": []}, {"method": "自取"}
    )


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (["not", "an", "object"], "payload must be a JSON object"),
        ({"materials": {}}, "answers and materials"),
        ({"answers": "nothing"}, "answers and materials"),
        ({"answers": {}, "materials": ["photo"]}, "answers and materials"),
        ({"answers": {}, "materials": {"photo": "bring"}}, "material photo"),
        ({"answers": {}, "materials": {"photo": {"choice": 1}}}, "material photo"),
        ({"answers": {}, "delivery": "自取"}, "delivery"),
    ],
)
def test_a_payload_of_another_shape_is_refused_saying_what_is_wrong(
    payload: Any, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        Application.from_payload(payload)


def test_an_id_number_typed_with_staff_is_flagged_in_the_payload_and_read_back() -> None:
    offering = find_offering(CATALOG, ELDERLY)
    assert offering is not None
    data = sample_application_json(offering, TODAY)
    typed = Application.from_json(data)
    typed = Application(typed.answers, typed.materials, typed.signature, typed.delivery, True)
    (matter,) = offering.members

    payload = check_application(offering, typed, TODAY).payload_for(matter)

    assert payload["identity"] == {"source": "typed", "staff_assisted": True}
    again = Application.from_payload(payload)
    assert again.identity_typed
    assert check_application(offering, again, TODAY).payload_for(matter) == payload
    card_read = check_application(offering, Application.from_json(data), TODAY)
    assert "identity" not in card_read.payload_for(matter)
