"""TermbSdkReader against a fake termb library built from C, through real ctypes calls."""

from __future__ import annotations

import ctypes.util
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.interface import CardPresent, FaultKind, NoCard, ReaderFault
from drivers.idcard.sdk_reader import TermbSdkReader
from tests.helpers.devices.termb_fake import (
    FakeTermbState,
    gbk_fields,
)

SDK_PHOTO = b"BM" + bytes(range(256)) * 4  # whatever the SDK hands back is kept as it is


@pytest.fixture
def reader(termb_library: Path, termb: FakeTermbState) -> Iterator[TermbSdkReader]:
    sdk_reader = TermbSdkReader(str(termb_library))
    yield sdk_reader
    sdk_reader.close()


def read_name(reader: TermbSdkReader) -> str:
    result = reader.read_card()
    assert isinstance(result, CardPresent), result
    return result.record.name


def test_card_read_through_the_sdk_gives_the_full_resident_record(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN, photo=SDK_PHOTO)
    assert reader.read_card() == CardPresent(replace(demo_cards.YOUNG_MAN, photo_wlt=SDK_PHOTO))


def test_card_without_expiry_reads_valid_to_as_none(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.ELDERLY_RESIDENT, photo=SDK_PHOTO)
    result = reader.read_card()
    assert isinstance(result, CardPresent)
    assert result.record.valid_to is None
    assert result.record == replace(demo_cards.ELDERLY_RESIDENT, photo_wlt=SDK_PHOTO)


def test_sdk_without_a_photo_leaves_the_photo_empty(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN)
    result = reader.read_card()
    assert isinstance(result, CardPresent)
    assert result.record.photo_wlt == b""


def test_name_is_decoded_from_gbk_including_characters_outside_gb2312(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    # 喆 is in GBK's extension (0x86B4), not in GB 2312.
    termb.place_record(replace(demo_cards.YOUNG_MAN, name="陈喆"))
    assert gbk_fields(replace(demo_cards.YOUNG_MAN, name="陈喆"))["GetPeopleName"] == (
        b"\xb3\xc2\x86\xb4"
    )
    assert read_name(reader) == "陈喆"


def test_gbk_user_defined_character_becomes_private_use_and_is_flagged(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    fields["GetPeopleName"] = "赵".encode("gbk") + b"\xaa\xa1" + "明".encode("gbk")
    termb.place_card(fields)
    result = reader.read_card()
    assert isinstance(result, CardPresent)
    assert result.record.name == "赵\ue000明"
    assert result.record.has_private_use_chars


def test_character_the_sdk_could_not_put_in_gbk_is_flagged_unreadable(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    # 𠮷 (U+20BB7) has no GBK code: a GBK SDK hands back '?'.
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    fields["GetPeopleName"] = "陈".encode("gbk") + b"?"
    termb.place_card(fields)
    result = reader.read_card()
    assert isinstance(result, CardPresent)
    assert result.record.name == "陈\ufffd"
    assert result.record.has_unreadable_chars


def test_vendor_variants_of_dates_nation_and_sex_are_understood(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    fields["GetPeopleBirthday"] = "1998年06月18日".encode("gbk")
    fields["GetStartDate"] = b"2020-08-10"
    fields["GetPeopleNation"] = "汉族".encode("gbk")
    fields["GetPeopleSex"] = b"1"
    termb.place_card(fields)
    assert reader.read_card() == CardPresent(replace(demo_cards.YOUNG_MAN, photo_wlt=b""))


def test_a_date_that_is_not_a_date_on_both_reads_is_a_bad_read(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    fields["GetPeopleBirthday"] = b"19981340"
    termb.place_card(fields)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.BAD_READ
    assert "请重新放置证件" in result.message
    assert "19981340" not in result.detail  # a birth date is personal: never logged
    assert [call for call in termb.calls() if call.startswith("CVR_Read_Content")] == [
        "CVR_Read_Content 4",
        "CVR_Read_Content 4",
    ]


def test_an_id_number_with_a_wrong_check_character_is_a_bad_read(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    fields["GetPeopleIDCode"] = b"440305199806180314"
    termb.place_card(fields)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.BAD_READ
    assert "GB 11643" in result.detail
    assert "440305199806180314" not in result.detail


def test_one_spoiled_read_is_read_again_and_gives_the_card(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN, photo=SDK_PHOTO)
    termb.spoil_next_read("GetPeopleIDCode", "44030519980618031\u00d7".encode("gb18030"))
    assert reader.read_card() == CardPresent(replace(demo_cards.YOUNG_MAN, photo_wlt=SDK_PHOTO))


def test_getter_that_fails_is_a_read_failure(termb: FakeTermbState, reader: TermbSdkReader) -> None:
    fields = gbk_fields(demo_cards.YOUNG_MAN)
    del fields["GetPeopleIDCode"]
    termb.place_card(fields)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.READ_FAILED
    assert "GetPeopleIDCode" in result.detail


def test_empty_reader_reports_no_card(termb: FakeTermbState, reader: TermbSdkReader) -> None:
    assert reader.read_card() == NoCard()
    termb.place_record(demo_cards.YOUNG_MAN)
    assert isinstance(reader.read_card(), CardPresent)
    termb.remove_card()
    assert reader.read_card() == NoCard()


def test_content_read_failure_asks_to_place_the_card_again(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN)
    termb.set_result("read", 0)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.READ_FAILED
    assert "CVR_Read_Content 4" in termb.calls()


def test_init_failure_is_a_port_fault_and_the_next_read_opens_again(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN)
    termb.set_result("init", 2)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.PORT_UNAVAILABLE
    assert "未连接" in result.message
    assert "1001" in result.message
    termb.set_result("init", None)
    assert isinstance(reader.read_card(), CardPresent)
    assert termb.calls().count("CVR_InitComm 1001") == 2


def test_port_opens_once_for_many_reads(termb: FakeTermbState, reader: TermbSdkReader) -> None:
    for _ in range(3):
        assert reader.read_card() == NoCard()
    assert termb.calls().count("CVR_InitComm 1001") == 1


def test_reader_unplugged_is_a_port_fault_then_reopened_without_special_handling(
    termb: FakeTermbState, reader: TermbSdkReader
) -> None:
    termb.place_record(demo_cards.YOUNG_MAN)
    assert isinstance(reader.read_card(), CardPresent)
    termb.set_result("auth", 4)  # the SDK's "reader not connected"
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.PORT_UNAVAILABLE
    assert termb.calls()[-1] == "CVR_CloseComm 0"
    termb.set_result("auth", None)
    assert isinstance(reader.read_card(), CardPresent)
    assert termb.calls().count("CVR_InitComm 1001") == 2


def test_close_closes_the_port_and_the_next_read_opens_it_on_the_same_port(
    termb_library: Path, termb: FakeTermbState
) -> None:
    with TermbSdkReader(str(termb_library), port=1003) as reader:
        assert reader.read_card() == NoCard()
    assert termb.calls()[-1] == "CVR_CloseComm 0"
    reader.close()  # closing twice is harmless and calls nothing
    assert termb.calls().count("CVR_CloseComm 0") == 1
    assert reader.read_card() == NoCard()
    reader.close()
    assert termb.calls().count("CVR_InitComm 1003") == 2


def test_missing_library_is_port_unavailable_naming_the_library(tmp_path: Path) -> None:
    reader = TermbSdkReader(str(tmp_path / "libtermb.so"))
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.PORT_UNAVAILABLE
    assert "驱动" in result.message
    assert "libtermb.so" in result.message
    reader.close()


def test_library_installed_later_is_picked_up_by_the_next_read(
    tmp_path: Path, termb_library: Path, termb: FakeTermbState
) -> None:
    path = tmp_path / "libtermb.so"
    reader = TermbSdkReader(str(path))
    assert isinstance(reader.read_card(), ReaderFault)
    path.symlink_to(termb_library)
    assert reader.read_card() == NoCard()
    reader.close()


def test_library_without_the_termb_functions_is_refused() -> None:
    libc = ctypes.util.find_library("c")
    if libc is None:
        pytest.skip("no C library found to stand in for a wrong vendor library")
    result = TermbSdkReader(libc).read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.PORT_UNAVAILABLE
    assert "CVR_" in result.detail
