"""The form engine: every field type, conditions, and messages that name the field."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog.offerings import Offering
from kiosk.forms import Application, check_application, validate_fields
from kiosk.forms.names import name_problem
from tests.helpers.data import SIGNATURE, every_field_answers, every_field_matter

TODAY = date(2026, 11, 23)  # a Monday


def single(matter=None) -> Offering:  # type: ignore[no-untyped-def]
    m = matter or every_field_matter()
    return Offering(m.code, m.name, m.short_description, (), (m,), None)


def check(answers=None, **kwargs):  # type: ignore[no-untyped-def]
    application = Application(
        answers=answers if answers is not None else every_field_answers(),
        delivery=kwargs.pop("delivery", {"method": "自取"}),
        **kwargs,
    )
    return check_application(single(), application, TODAY)


def error_ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.field_id for e in result.errors}


def test_a_complete_application_passes_in_canonical_form() -> None:
    result = check(every_field_answers(id_number="11010519491231002x"))
    assert result.ok, [str(e) for e in result.errors]
    assert result.values["id_number"] == "11010519491231002X"
    assert result.values["household"] == 3
    assert result.values["needs"] == ["一居室", "无障碍"]  # declared order
    assert "disability_level" not in result.values  # hidden: not asked, not kept


def test_every_problem_is_reported_at_once_naming_its_field() -> None:
    answers = every_field_answers(mobile="12345", household="11", moved_in="2030-01-01")
    del answers["address"]
    result = check(answers)
    assert error_ids(result) == {"mobile", "household", "moved_in", "address"}
    for error in result.errors:
        assert error.field_id in error.describe("zh_CN")
        assert error.field_id in error.describe("en_US")


def test_messages_come_in_chinese_and_english() -> None:
    result = check(every_field_answers(household="0"))
    error = result.errors[0]
    assert error.describe("zh_CN") == "家庭人数（household）：应在1到10人之间"
    assert error.describe("en_US").endswith("Must be between 1 and 10 人")


def test_a_field_shown_by_a_condition_becomes_required() -> None:
    result = check(every_field_answers(disabled="是"))
    assert error_ids(result) == {"disability_level"}
    assert check(every_field_answers(disabled="是", disability_level="二级")).ok


def test_an_id_number_must_match_the_sex_chosen() -> None:
    result = check(every_field_answers(sex="男"))
    assert error_ids(result) == {"id_number"}
    assert "女" in result.errors[0].message.render()


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("household", "2.5"),
        ("household", "很多"),
        ("needs", ["三居室"]),
        ("needs", "一居室"),
        ("disabled", "也许"),
        ("sex", "其他"),
        ("moved_in", "2020/05/01"),
        ("signature", {"strokes": [[[0.5, 0.5]]]}),
        ("signature", "我签了"),
        ("name", "王2"),
    ],
)
def test_bad_values_are_refused(field: str, bad: object) -> None:
    assert field in error_ids(check(every_field_answers(**{field: bad})))


def test_answers_to_fields_the_form_does_not_have_are_errors() -> None:
    assert error_ids(check(every_field_answers(shoe_size="42"))) == {"shoe_size"}


def test_a_commitment_needs_a_signature_and_a_deferral_gets_a_deadline() -> None:
    choices = {"no_house": "commitment", "income": "deferred"}
    unsigned = check(materials=choices)
    assert error_ids(unsigned) == {"signature"}
    signed = check(materials=choices, signature=SIGNATURE)
    assert signed.ok
    assert signed.materials["id_card"].choice == "e_licence"
    assert signed.materials["income"].deadline == date(2026, 11, 30)  # 5 working days
    assert signed.materials["extra"].choice == "bring"


def test_a_material_can_only_be_provided_the_ways_the_catalog_allows() -> None:
    result = check(materials={"income": "commitment", "id_card": "bring", "ghost": "bring"})
    assert error_ids(result) == {"materials.income", "materials.id_card", "materials.ghost"}


def test_posting_the_result_needs_an_address() -> None:
    assert error_ids(check(delivery={"method": "邮寄"})) == {"delivery.address"}
    assert error_ids(check(delivery={})) == {"delivery.method"}
    posted = check(delivery={"method": "邮寄", "address": "示例市人民路1号"})
    assert posted.ok and posted.delivery is not None
    assert posted.delivery.address == "示例市人民路1号"


def test_hidden_answers_do_not_reveal_further_fields() -> None:
    fields = every_field_matter().fields
    answers = every_field_answers(disabled="否", disability_level="一级")
    result = validate_fields(fields, answers, TODAY)
    assert "disability_level" not in result.values


def test_names_with_rare_characters_and_middle_dots_are_accepted_as_typed() -> None:
    for name in ("𠮷野家", "阿依古丽·买买提", "王〇", "John Smith", "陈\U00031350"):
        assert name_problem(name) is None, name


def test_names_with_digits_or_stray_dots_are_refused() -> None:
    for name in ("王2", "·王", "王·", "", " 王"):
        assert name_problem(name) is not None, name
