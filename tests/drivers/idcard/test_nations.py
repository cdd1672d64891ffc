"""The GB 3304 nation table."""

from __future__ import annotations

from drivers.idcard.nations import NATION_CODES, NATIONS, nation_code, nation_name


def test_table_has_56_nations_and_the_two_special_codes() -> None:
    assert len(NATIONS) == 58
    assert [f"{number:02d}" for number in range(1, 57)] == list(NATIONS)[:56]


def test_well_known_codes() -> None:
    assert NATIONS["01"] == "汉"
    assert NATIONS["02"] == "蒙古"
    assert NATIONS["05"] == "维吾尔"
    assert NATIONS["08"] == "壮"
    assert NATIONS["11"] == "满"
    assert NATIONS["56"] == "基诺"
    assert NATIONS["97"] == "其他"
    assert NATIONS["98"] == "外国血统中国籍人士"


def test_names_are_unique_so_encoding_is_unambiguous() -> None:
    assert len(NATION_CODES) == len(NATIONS)


def test_lookups_in_both_directions() -> None:
    assert nation_name("06") == "苗"
    assert nation_code("苗") == "06"
    assert nation_name("99") is None
    assert nation_code("火星") is None
