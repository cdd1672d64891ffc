from __future__ import annotations

from datetime import date

from kiosk.catalog import load_catalog
from kiosk.forms import validate_form
from kiosk.forms.names import name_problem
from tests.helpers import ELDERLY_MATTER, elderly_answers

TODAY = date(2026, 11, 23)


def matter():  # type: ignore[no-untyped-def]
    found = load_catalog().matter(ELDERLY_MATTER)
    assert found is not None
    return found


def test_complete_answers_pass_and_are_normalised() -> None:
    result = validate_form(matter(), elderly_answers(id_number="11010519491231002x"), TODAY)
    assert result.ok
    assert result.values["id_number"] == "11010519491231002X"


def test_every_problem_is_reported_naming_its_field() -> None:
    answers = elderly_answers(mobile="12345", delivery="空运", id_number="123")
    del answers["address"]
    result = validate_form(matter(), answers, TODAY)
    assert {e.field_id for e in result.errors} == {"mobile", "delivery", "id_number", "address"}
    assert all(e.label in str(e) for e in result.errors)


def test_an_unknown_field_is_an_error() -> None:
    result = validate_form(matter(), elderly_answers(shoe_size="42"), TODAY)
    assert [e.field_id for e in result.errors] == ["shoe_size"]


def test_names_with_rare_characters_and_middle_dots_are_accepted_as_typed() -> None:
    for name in ("𠮷野家", "阿依古丽·买买提", "王〇", "John Smith"):
        assert name_problem(name) is None, name


def test_names_with_digits_or_stray_dots_are_refused() -> None:
    for name in ("王2", "·王", "王·", "", " 王"):
        assert name_problem(name) is not None, name
