"""SamSerialReader against SamSimulator over a real pseudo-terminal."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.interface import CardPresent, FaultKind, NoCard, ReaderFault
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import Fault, SamSimulator


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
    opened_before = _open_fds_on(simulator.path)
    simulator.set_fault(Fault.SILENCE)
    reader.read_card()
    assert _open_fds_on(simulator.path) == opened_before - 1
    simulator.set_fault(None)
    assert reader.read_card() == NoCard()
    assert _open_fds_on(simulator.path) == opened_before


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
    before = _open_fds_on(simulator.path)
    with SamSerialReader(simulator.path, timeout=reader_timeout) as reader:
        assert reader.read_card() == NoCard()
        assert _open_fds_on(simulator.path) == before + 1
    assert _open_fds_on(simulator.path) == before


def _open_fds_on(path: str) -> int:
    """How many of this process's file descriptors point at ``path``."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == path:
                count += 1
        except OSError:
            continue
    return count
