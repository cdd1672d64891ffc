from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.forms.id_number import birth_date_of, check_character, id_number_problem, sex_of

TODAY = date(2026, 11, 23)


def test_published_examples_pass() -> None:
    assert id_number_problem("11010519491231002X", TODAY) is None
    assert check_character("44052418800101001") == "4"


def test_a_wrong_check_character_is_refused_with_a_hint() -> None:
    problem = id_number_problem("110105194912310021", TODAY)
    assert problem is not None
    assert "校验位" in problem.render()
    assert "check character" in problem.render("en_US")


def test_an_impossible_birth_date_is_refused() -> None:
    first17 = "11010519490230002"  # 30 February
    assert "日期" in str(id_number_problem(first17 + check_character(first17), TODAY))


def test_a_future_birth_date_is_refused() -> None:
    first17 = "11010520301231002"
    assert id_number_problem(first17 + check_character(first17), TODAY) is not None


def test_length_problem_says_how_many_digits_were_typed() -> None:
    assert "当前为17位" in str(id_number_problem("11010519491231002", TODAY))


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
areas = st.from_regex(r"\A[1-8][0-9]{5}\Z")
sequences = st.integers(min_value=0, max_value=999)


@given(areas, birth_dates, sequences)
def test_every_well_formed_number_passes_and_decodes(area: str, born: date, seq: int) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + check_character(first17)
    assert id_number_problem(number, TODAY) is None
    assert birth_date_of(number) == born
    assert sex_of(number) == ("男" if seq % 2 else "女")


@given(areas, birth_dates, sequences, st.integers(min_value=0, max_value=16), st.data())
def test_any_single_digit_change_is_caught(
    area: str, born: date, seq: int, position: int, data: st.DataObject
) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + check_character(first17)
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    changed = number[:position] + digit + number[position + 1 :]
    assert id_number_problem(changed, TODAY) is not None


def test_a_number_born_tomorrow_never_passes() -> None:
    tomorrow = TODAY + timedelta(days=1)
    first17 = f"110105{tomorrow:%Y%m%d}001"
    assert id_number_problem(first17 + check_character(first17), TODAY) is not None


def test_digits_from_other_scripts_are_not_digits_here() -> None:
    lao_six = "\u0ed6"
    first17 = "110105194912310020"[:17]
    assert id_number_problem(first17[:1] + lao_six + first17[2:] + "X", TODAY) is not None
