"""The 256-byte text block: the four card layouts, rare characters and malformed blocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.record import CARD_FIELDS, CardType, IdCardRecord
from drivers.idcard.text import _LAYOUTS, CardDataError, encode_text, parse_text


def block(fields: dict[int, str], *, raw: dict[int, bytes] | None = None) -> bytes:
    """A text block built by hand from the offsets in the notes, independent of text.py."""
    data = bytearray(" ".encode("utf-16-le") * 128)
    for offset, value in fields.items():
        encoded = value.encode("utf-16-le")
        data[offset : offset + len(encoded)] = encoded
    for offset, raw_value in (raw or {}).items():
        data[offset : offset + len(raw_value)] = raw_value
    return bytes(data)


RESIDENT_FIELDS = {
    0: "王秀英",
    30: "2",
    32: "01",
    36: "19491231",
    52: "北京市朝阳区建国路88号",
    122: "11010519491231002X",
    158: "北京市公安局朝阳分局",
    188: "20100315",
    204: "长期",
}


def test_resident_card_fields_are_read_from_their_offsets() -> None:
    record = parse_text(block(RESIDENT_FIELDS))
    assert record.card_type is CardType.RESIDENT
    assert record.name == "王秀英"
    assert record.sex == "女"
    assert record.nation == "汉"
    assert record.birth_date == date(1949, 12, 31)
    assert record.address == "北京市朝阳区建国路88号"
    assert record.id_number == "11010519491231002X"
    assert record.issuer == "北京市公安局朝阳分局"
    assert record.valid_from == date(2010, 3, 15)
    assert record.valid_to is None
    assert (record.english_name, record.nationality, record.photo_wlt) == ("", "", b"")


def test_expiry_date_is_read_when_the_card_is_not_long_term() -> None:
    record = parse_text(block({**RESIDENT_FIELDS, 204: "20300810"}))
    assert record.valid_to == date(2030, 8, 10)


@pytest.mark.parametrize(
    ("code", "sex"), [("0", "未知"), ("1", "男"), ("2", "女"), ("9", "未说明")]
)
def test_sex_codes_follow_gb_t_2261(code: str, sex: str) -> None:
    assert parse_text(block({**RESIDENT_FIELDS, 30: code})).sex == sex


def test_nul_padding_is_trimmed_like_spaces() -> None:
    record = parse_text(block(RESIDENT_FIELDS, raw={6: bytes(24)}))
    assert record.name == "王秀英"


def test_hong_kong_macau_taiwan_permit_layout() -> None:
    fields = {**RESIDENT_FIELDS, 32: "", 122: "810000199001011230", 220: "H12345678"}
    record = parse_text(block({**fields, 238: "01", 248: "J"}))
    assert record.card_type is CardType.HMT_RESIDENCE_PERMIT
    assert record.nation == ""
    assert record.id_number == "810000199001011230"
    assert record.pass_number == "H12345678"
    assert record.issue_count == "01"


def test_foreign_permanent_resident_2017_layout() -> None:
    fields = {
        0: "SMITH, JOHN ALEXANDER",
        120: "1",
        122: "USA110085061521",
        152: "USA",
        158: "史密斯",
        188: "20170601",
        204: "20270601",
        220: "19850615",
        236: "02",
        240: "1100",
        248: "I",
    }
    record = parse_text(block(fields))
    assert record.card_type is CardType.FOREIGN_PERMANENT_2017
    assert record.english_name == "SMITH, JOHN ALEXANDER"
    assert record.name == "史密斯"
    assert record.sex == "男"
    assert record.id_number == "USA110085061521"
    assert record.nationality == "USA"
    assert record.birth_date == date(1985, 6, 15)
    assert record.valid_to == date(2027, 6, 1)
    assert record.issuer == "1100"
    assert record.card_version == "02"


def test_foreign_permanent_resident_2023_layout_joins_the_english_name() -> None:
    first_part = "WILLIAMSON-HARGREAVES, ELIZABETH AN"  # fills all 35 code units
    assert len(first_part) == 35
    fields = {
        0: "伊丽莎白",
        30: "2",
        32: "00",
        36: "19900304",
        52: first_part,
        122: "933826199003040024",
        188: "20230901",
        204: "20330901",
        220: "NE MARIE",
        242: "GBR",
        248: "Y",
        250: "A01",
    }
    record = parse_text(block(fields))
    assert record.card_type is CardType.FOREIGN_PERMANENT_2023
    assert record.english_name == first_part + "NE MARIE"
    assert record.name == "伊丽莎白"
    assert record.sex == "女"
    assert record.nationality == "GBR"
    assert record.issue_count == "00"
    assert record.birth_date == date(1990, 3, 4)
    assert record.id_number == "933826199003040024"
    assert record.old_permit_link == "A01"


def foreign_2017() -> IdCardRecord:
    return IdCardRecord(
        card_type=CardType.FOREIGN_PERMANENT_2017,
        name="史密斯",
        sex="男",
        nation="",
        birth_date=date(1985, 6, 15),
        address="",
        id_number="USA110085061521",
        issuer="1100",
        valid_from=date(2017, 6, 1),
        valid_to=date(2027, 6, 1),
        photo_wlt=b"",
        english_name="SMITH, JOHN ALEXANDER",
        nationality="USA",
    )


def foreign_2023(english_name: str) -> IdCardRecord:
    return IdCardRecord(
        card_type=CardType.FOREIGN_PERMANENT_2023,
        name="伊丽莎白",
        sex="女",
        nation="",
        birth_date=date(1990, 3, 4),
        address="",
        id_number="933826199003040024",
        issuer="",
        valid_from=date(2023, 9, 1),
        valid_to=date(2033, 9, 1),
        photo_wlt=b"",
        english_name=english_name,
        nationality="GBR",
        issue_count="00",
    )


ROUND_TRIP_CASES = [
    *demo_cards.DEMO_CARDS,
    foreign_2017(),
    foreign_2023("LEE, ANNA"),
    foreign_2023("WILLIAMSON-HARGREAVES, ELIZABETH ANNE MARIE"),  # spans both parts
]


@pytest.mark.parametrize("record", ROUND_TRIP_CASES, ids=lambda record: f"{record.card_type.name}")
def test_every_layout_round_trips(record: IdCardRecord) -> None:
    text = encode_text(record)
    assert len(text) == 256
    assert parse_text(text) == replace(record, photo_wlt=b"")


def test_type_flag_sits_at_offset_248() -> None:
    assert encode_text(demo_cards.HONG_KONG_PERMIT)[248:250] == b"J\x00"
    assert encode_text(demo_cards.ELDERLY_RESIDENT)[248:250] == b" \x00"


def test_character_beyond_the_bmp_travels_as_a_surrogate_pair_and_comes_back_whole() -> None:
    text = encode_text(demo_cards.RARE_NAME)
    assert text[2:6] == "\U00020bb7".encode("utf-16-le") == b"\x42\xd8\xb7\xdf"
    record = parse_text(text)
    assert record.name == "陈\U00020bb7"
    assert len(record.name) == 2


def test_private_use_code_point_is_kept_as_read() -> None:
    record = parse_text(encode_text(demo_cards.PRIVATE_USE_NAME))
    assert record.name == "赵\ue863明"
    assert record.has_private_use_chars


def test_name_is_not_normalised() -> None:
    decomposed = "e\u0301"  # NFC would fold this into one code point
    record = parse_text(block({**RESIDENT_FIELDS, 0: "王" + decomposed}))
    assert record.name == "王" + decomposed


def test_lone_surrogate_becomes_a_replacement_character_instead_of_crashing() -> None:
    record = parse_text(block(RESIDENT_FIELDS, raw={2: b"\x42\xd8"}))
    assert record.name == "王\ufffd英"
    assert record.has_unreadable_chars
    record.name.encode("utf-8")  # safe for logs, storage and Qt


def test_unknown_nation_code_is_kept_as_read() -> None:
    assert parse_text(block({**RESIDENT_FIELDS, 32: "99"})).nation == "99"


@pytest.mark.parametrize("size", [0, 255, 257, 1024])
def test_block_of_the_wrong_size_is_refused(size: int) -> None:
    with pytest.raises(CardDataError, match="256"):
        parse_text(bytes(size))


@pytest.mark.parametrize(
    ("offset", "value", "field"),
    [
        (36, "19491331", "birth_date"),
        (36, "1949123X", "birth_date"),
        (188, "", "valid_from"),
        (204, "2030", "valid_to"),
    ],
)
def test_bad_date_is_refused_with_the_field_name(offset: int, value: str, field: str) -> None:
    bad = block(RESIDENT_FIELDS, raw={offset: value.ljust(8).encode("utf-16-le")})
    with pytest.raises(CardDataError, match=field):
        parse_text(bad)


def test_bad_date_message_does_not_quote_the_value() -> None:
    bad = block(RESIDENT_FIELDS, raw={36: "19491331".encode("utf-16-le")})
    with pytest.raises(CardDataError) as caught:
        parse_text(bad)
    assert "19491331" not in str(caught.value)


def test_unknown_sex_code_is_refused() -> None:
    with pytest.raises(CardDataError, match="sex"):
        parse_text(block({**RESIDENT_FIELDS, 30: "5"}))


def test_value_too_long_for_its_field_is_refused_when_encoding() -> None:
    too_long = replace(demo_cards.YOUNG_MAN, name="李" * 16)
    with pytest.raises(ValueError, match="name"):
        encode_text(too_long)


def test_field_the_card_type_lacks_is_refused_when_encoding() -> None:
    with pytest.raises(ValueError, match="english_name"):
        encode_text(replace(demo_cards.YOUNG_MAN, english_name="LI HAORAN"))


@pytest.mark.parametrize("card_type", list(CardType))
def test_each_layout_reads_exactly_the_fields_its_card_type_carries(card_type: CardType) -> None:
    assert set(_LAYOUTS[card_type]) == set(CARD_FIELDS[card_type])
