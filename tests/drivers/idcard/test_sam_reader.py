"""SamSerialReader against SamSimulator over a real pseudo-terminal."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.interface import CardPresent, FaultKind, NoCard, ReaderFault
from drivers.idcard.record import IdCardRecord
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import Fault, SamSimulator
from tests.helpers.devices.idcard_corruption import flip_same_bit, overwrite_text, swap_bytes
from tests.helpers.devices.pty import open_fds_on


def test_card_on_the_reader_is_read_with_text_and_photo(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.place_card(demo_cards.ELDERLY_RESIDENT)
    assert reader.read_card() == CardPresent(demo_cards.ELDERLY_RESIDENT)


def test_every_demo_card_survives_the_wire(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    for card in demo_cards.DEMO_CARDS:
        simulator.place_card(card)
        assert reader.read_card() == CardPresent(card)


def test_empty_reader_reports_no_card(reader: SamSerialReader) -> None:
    assert reader.read_card() == NoCard()


def test_card_already_read_is_not_reported_again_until_placed_again(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    assert isinstance(reader.read_card(), CardPresent)
    assert reader.read_card() == NoCard()
    simulator.place_card(demo_cards.YOUNG_MAN)
    assert isinstance(reader.read_card(), CardPresent)


def test_select_failure_asks_the_resident_to_lay_the_card_flat(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    simulator.set_fault(Fault.SELECT_FAILS)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.SELECT_FAILED
    assert "平放" in result.message


def test_wrong_check_byte_is_reported_as_garbled(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.set_fault(Fault.BAD_CHECK_BYTE)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.GARBLED
    assert "check byte" in result.detail


def test_short_frame_is_reported_as_garbled(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    simulator.set_fault(Fault.SHORT_FRAME)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.GARBLED


def test_silent_reader_is_reported_as_no_response_within_the_timeout(
    simulator: SamSimulator, reader: SamSerialReader, reader_timeout: float
) -> None:
    simulator.set_fault(Fault.SILENCE)
    started = time.monotonic()
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.NO_RESPONSE
    assert "联系工作人员" in result.message
    assert time.monotonic() - started < reader_timeout * 4


def test_garbage_on_the_line_is_reported_as_garbled_not_silence(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.set_fault(Fault.GARBAGE)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.GARBLED
    assert "preamble" in result.detail


def test_sam_self_test_failure_is_a_sam_fault_for_reads_and_checks(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    simulator.set_fault(Fault.SAM_SELF_TEST_FAILS)
    read = reader.read_card()
    check = reader.check_sam()
    assert isinstance(read, ReaderFault)
    assert read.kind is FaultKind.SAM_FAULT
    assert isinstance(check, ReaderFault)
    assert check.kind is FaultKind.SAM_FAULT


def test_healthy_sam_passes_its_check(reader: SamSerialReader) -> None:
    assert reader.check_sam() is None


def test_sam_id_is_the_sixteen_bytes_in_hex(reader: SamSerialReader) -> None:
    assert reader.sam_id() == bytes(range(0x05, 0x15)).hex().upper()


@pytest.mark.parametrize(
    "fault", [Fault.BAD_CHECK_BYTE, Fault.SHORT_FRAME, Fault.SILENCE, Fault.GARBAGE]
)
def test_reader_recovers_by_itself_once_the_line_is_healthy(
    simulator: SamSimulator, reader: SamSerialReader, fault: Fault
) -> None:
    simulator.place_card(demo_cards.RARE_NAME)
    simulator.set_fault(fault)
    assert isinstance(reader.read_card(), ReaderFault)
    simulator.set_fault(None)
    assert reader.read_card() == CardPresent(demo_cards.RARE_NAME)


def test_port_is_forgotten_after_a_failure_and_reopened_on_the_next_call(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    assert reader.read_card() == NoCard()
    opened_before = open_fds_on(simulator.path)
    simulator.set_fault(Fault.SILENCE)
    reader.read_card()
    assert open_fds_on(simulator.path) == opened_before - 1
    simulator.set_fault(None)
    assert reader.read_card() == NoCard()
    assert open_fds_on(simulator.path) == opened_before


def test_missing_port_is_reported_as_unavailable(tmp_path: Path, reader_timeout: float) -> None:
    reader = SamSerialReader(str(tmp_path / "ttyNOPE"), timeout=reader_timeout)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.PORT_UNAVAILABLE
    assert "未连接" in result.message


def test_reader_unplugged_and_plugged_back_needs_no_special_handling(
    reader_timeout: float,
) -> None:
    first = SamSimulator()
    path = first.start()
    reader = SamSerialReader(path, timeout=reader_timeout)
    try:
        assert reader.read_card() == NoCard()
        first.stop()  # the device vanishes under an open port
        result = reader.read_card()
        assert isinstance(result, ReaderFault)
        assert result.kind is FaultKind.PORT_UNAVAILABLE
        with SamSimulator() as second:
            second.place_card(demo_cards.YOUNG_MAN)
            reader_again = SamSerialReader(second.path, timeout=reader_timeout)
            assert reader_again.read_card() == CardPresent(demo_cards.YOUNG_MAN)
            reader_again.close()
    finally:
        reader.close()


def test_close_then_read_reopens_the_port(simulator: SamSimulator, reader: SamSerialReader) -> None:
    assert reader.read_card() == NoCard()
    reader.close()
    simulator.place_card(demo_cards.YOUNG_MAN)
    assert reader.read_card() == CardPresent(demo_cards.YOUNG_MAN)


def test_context_manager_closes_the_port(simulator: SamSimulator, reader_timeout: float) -> None:
    before = open_fds_on(simulator.path)
    with SamSerialReader(simulator.path, timeout=reader_timeout) as reader:
        assert reader.read_card() == NoCard()
        assert open_fds_on(simulator.path) == before + 1
    assert open_fds_on(simulator.path) == before


# The ID number sits at text offset 122; its fourth character is at 128.
ID_NUMBER_OFFSET = 122


def test_a_non_ascii_id_number_read_twice_is_reported_as_bad_read(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    # The read: '11010댵19491231002X', which the check byte let through.
    bad = overwrite_text(ID_NUMBER_OFFSET, "11010\ub4f519491231002X")
    simulator.place_card(demo_cards.ELDERLY_RESIDENT)
    simulator.corrupt_next_reads(bad, bad)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.BAD_READ
    assert "请重新放置证件" in result.message
    assert "11010" not in result.detail


def test_a_permit_number_with_a_wrong_check_character_is_reported_as_bad_read(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    bad = overwrite_text(ID_NUMBER_OFFSET, "810000198001011230")
    simulator.place_card(demo_cards.HONG_KONG_PERMIT)
    simulator.corrupt_next_reads(bad, bad)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.BAD_READ


def test_a_corrupted_read_followed_by_a_good_one_gives_the_good_record(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    # The same bit of two ID number digits: the XOR check byte stays right.
    simulator.place_card(demo_cards.YOUNG_MAN)
    simulator.corrupt_next_reads(flip_same_bit(4 + 124, 4 + 126, 0))
    assert reader.read_card() == CardPresent(demo_cards.YOUNG_MAN)


def test_id_number_digits_swapped_on_both_reads_are_not_passed_on(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    # Swapping two ID number digits keeps the check byte and breaks the check character.
    swap = swap_bytes(4 + ID_NUMBER_OFFSET, 4 + ID_NUMBER_OFFSET + 2 * 16)
    simulator.place_card(demo_cards.YOUNG_MAN)
    simulator.corrupt_next_reads(swap, swap)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert result.kind is FaultKind.BAD_READ


@pytest.mark.parametrize("card", demo_cards.DEMO_CARDS, ids=lambda card: card.card_type.name)
def test_every_card_type_is_read_with_all_its_fields(
    simulator: SamSimulator, reader: SamSerialReader, card: IdCardRecord
) -> None:
    simulator.place_card(card)
    result = reader.read_card()
    assert result == CardPresent(card)
