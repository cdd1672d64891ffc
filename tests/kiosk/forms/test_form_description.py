"""The form description behind `kiosk catalog show CODE --fields`: every fact comes from the
catalog declaration and the validation engine's own limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.catalog.offerings import Offering
from kiosk.forms import Application, check_application
from kiosk.forms.form_description import describe_form
from tests.helpers.data import SIGNATURE, every_field_matter

TODAY = date(2026, 11, 23)


def offering() -> Offering:
    matter = every_field_matter()
    return Offering(matter.code, matter.name, "", (), (matter,), None)


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_each_field_type_lists_the_limits_validation_applies() -> None:
    fields = by_id(describe_form(offering(), "2026.11.1")["fields"])
    household = fields["household"]
    assert (household["minimum"], household["maximum"], household["integer"]) == (1, 10, True)
    assert household["unit"] == "人"
    assert (fields["moved_in"]["format"], fields["moved_in"]["dates"]) == ("YYYY-MM-DD", "past")
    assert fields["mobile"]["pattern"] == "^1[3-9][0-9]{9}$"
    assert fields["address"]["min_length"] == 5
    assert fields["id_number"]["sex_field"] == "sex"
    assert fields["remark"]["required"] is False
    assert fields["remark"]["max_length"] == 100
    assert fields["name"]["label"] == {"zh": "姓名", "en": "Name"}


def test_choices_are_the_declared_options_and_yes_no_is_shi_or_fou() -> None:
    fields = by_id(describe_form(offering(), "2026.11.1")["fields"])
    assert [c["value"] for c in fields["needs"]["choices"]] == ["一居室", "两居室", "无障碍"]
    assert fields["needs"]["multiple"] is True
    assert fields["disabled"]["choices"] == [
        {"value": "是", "en": "Yes"},
        {"value": "否", "en": "No"},
    ]
    assert fields["disability_level"]["show_if"] == {"field": "disabled", "equals": ["是"]}


def test_materials_list_the_choices_each_allows_default_first() -> None:
    materials = by_id(describe_form(offering(), "2026.11.1")["materials"])
    assert materials["id_card"]["choices"] == ["e_licence"]
    assert materials["no_house"]["choices"] == ["bring", "commitment"]
    assert materials["income"]["choices"] == ["bring", "deferred"]
    assert materials["income"]["deferrable_days"] == 5
    assert materials["extra"]["choices"] == ["bring", "none"]
    assert materials["extra"]["default"] == "bring"


def test_an_application_built_from_the_description_alone_is_accepted() -> None:
    form = describe_form(offering(), "2026.11.1")
    fields = by_id(form["fields"])
    answers: dict[str, Any] = {
        "name": "王秀英",
        "id_number": "11010519491231002X",
        "mobile": "13800138000",
        "moved_in": "2020-01-02",
        "household": fields["household"]["maximum"],
        "address": "示例市人民路1号2单元301室",
        "signature": SIGNATURE,
    }
    for field_id, field in fields.items():
        if "choices" in field and field_id not in answers:
            last = field["choices"][-1]["value"]
            answers[field_id] = [last] if field["multiple"] else last
    answers["sex"] = "女"  # the id number's sex, which sex_field makes it agree with
    answers["disabled"] = "是"  # so disability_level is asked and answered
    materials = {m["id"]: m["choices"][-1] for m in form["materials"]}
    delivery = form["delivery"]
    application = Application(
        answers,
        materials,
        SIGNATURE,
        {"method": delivery["address_needed_for"][0], "address": answers["address"]},
    )
    checked = check_application(offering(), application, TODAY)
    assert checked.errors == ()
