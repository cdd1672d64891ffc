"""Fuzzing the wire protocol: whatever the line or the card sends, only expected errors escape.

A reader on a noisy line, a half-inserted card or a card from a vendor we have not met must
produce a fault value, never a crash; these properties hold the parsers to the one error
type each promises.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import fields

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.idcard import demo_cards
from drivers.idcard.frames import (
    MAX_LENGTH,
    PREAMBLE,
    FrameError,
    Response,
    encode_response,
    read_response,
)
from drivers.idcard.interface import CardPresent, FaultKind, ReaderFault
from drivers.idcard.record import IdCardRecord
from drivers.idcard.sam_reader import SamSerialReader, status_fault
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.status import describe
from drivers.idcard.text import TEXT_SIZE, CardDataError, encode_text, parse_text
from drivers.idcard.validation import card_problem
from kiosk.submissions.lookup_keys import lookup_key
from tests.helpers.devices.idcard_corruption import Corruption, compose, flip_same_bit, swap_bytes

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VALID_BLOCKS = [encode_text(card) for card in demo_cards.DEMO_CARDS]


def read_from(data: bytes) -> Response:
    """``read_response`` over a buffer: short reads at its end act as a port timing out."""
    return read_response(io.BytesIO(data).read)


def read_or_frame_error(data: bytes) -> Response | FrameError:
    try:
        return read_from(data)
    except FrameError as error:
        return error


# Bytes that look like the start of a frame reach the length, body and check byte code.
_frame_like = st.builds(
    lambda noise, length, rest: noise + PREAMBLE + length + rest,
    st.binary(max_size=16),
    st.one_of(
        st.integers(0, 0xFFFF).map(lambda n: n.to_bytes(2, "big")),
        st.binary(max_size=2),
    ),
    st.binary(max_size=96),
)


@FUZZ
@given(st.one_of(st.binary(max_size=512), _frame_like))
def test_read_response_returns_a_response_or_raises_a_frame_error(data: bytes) -> None:
    assert isinstance(read_or_frame_error(data), Response | FrameError)


@FUZZ
@given(
    st.binary(max_size=64).filter(lambda noise: PREAMBLE not in noise),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.binary(max_size=MAX_LENGTH - 4),
)
def test_a_frame_after_noise_is_read_back_exactly(
    noise: bytes, sw1: int, sw2: int, sw3: int, payload: bytes
) -> None:
    assert read_from(noise + encode_response(sw1, sw2, sw3, payload)) == Response(
        sw1, sw2, sw3, payload
    )


def test_every_single_byte_corruption_of_a_frame_is_caught() -> None:
    # Exhaustive for one frame: every position, every change. After the preamble the XOR
    # check (or the length check) catches it; a broken preamble leaves only noise.
    frame = encode_response(0, 0, 0x90, bytes(range(40)))
    for position in range(len(frame)):
        for flip in range(1, 256):
            corrupted = bytearray(frame)
            corrupted[position] ^= flip
            assert isinstance(read_or_frame_error(bytes(corrupted)), FrameError)


def _check_record(record: IdCardRecord) -> None:
    """Every text field of a parsed record can go to a log, the database and the UI."""
    for field in fields(record):
        value = getattr(record, field.name)
        if isinstance(value, str):
            value.encode("utf-8")  # raises on a lone surrogate


def parse_or_card_data_error(block: bytes) -> IdCardRecord | CardDataError:
    try:
        record = parse_text(block)
    except CardDataError as error:
        return error
    _check_record(record)
    return record


@FUZZ
@given(st.binary(min_size=TEXT_SIZE, max_size=TEXT_SIZE))
def test_parse_text_on_any_256_bytes_gives_a_record_or_card_data_error(block: bytes) -> None:
    assert isinstance(parse_or_card_data_error(block), IdCardRecord | CardDataError)


@FUZZ
@given(
    st.sampled_from(VALID_BLOCKS),
    st.lists(st.tuples(st.integers(0, TEXT_SIZE - 1), st.integers(0, 255)), max_size=8),
)
def test_parse_text_on_damaged_real_blocks_gives_a_record_or_card_data_error(
    block: bytes, damage: list[tuple[int, int]]
) -> None:
    # Starting from real cards reaches the field parsers that random bytes rarely pass.
    damaged = bytearray(block)
    for offset, value in damage:
        damaged[offset] = value
    assert isinstance(parse_or_card_data_error(bytes(damaged)), IdCardRecord | CardDataError)


@FUZZ
@given(st.binary(max_size=2 * TEXT_SIZE).filter(lambda block: len(block) != TEXT_SIZE))
def test_parse_text_refuses_blocks_of_any_other_size(block: bytes) -> None:
    assert isinstance(parse_or_card_data_error(block), CardDataError)


def test_every_sw3_byte_has_a_chinese_message_and_a_fault() -> None:
    for sw3 in range(256):
        message = describe(sw3)
        assert message
        assert message.isprintable()
        fault = status_fault(sw3)
        assert isinstance(fault, ReaderFault)
        assert isinstance(fault.kind, FaultKind)
        assert fault.message == message
        assert f"0x{sw3:02X}" in fault.detail


# -- damage the check byte misses, through the real reader ---------------------------------

_DATA_SIZE = 4 + TEXT_SIZE + demo_cards.PHOTO_SIZE
# Most positions fall in the lengths and the text, where the parsers and checks live.
_position = st.one_of(st.integers(0, 4 + TEXT_SIZE - 1), st.integers(0, _DATA_SIZE - 1))
_invisible_damage = st.one_of(
    st.builds(flip_same_bit, _position, _position, st.integers(0, 7)),
    st.builds(swap_bytes, _position, _position),
)


@pytest.fixture(scope="module")
def wire() -> Iterator[tuple[SamSimulator, SamSerialReader]]:
    """One simulator and reader for every example: a pty per example would be slow."""
    with SamSimulator() as simulator:
        sam_reader = SamSerialReader(simulator.path, timeout=0.5, card_read_timeout=0.5)
        yield simulator, sam_reader
        sam_reader.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(demo_cards.DEMO_CARDS),
    st.lists(_invisible_damage, min_size=1, max_size=3).map(lambda damage: compose(*damage)),
    st.one_of(st.none(), _invisible_damage),
)
def test_damage_the_check_byte_misses_gives_a_valid_record_or_a_bad_read(
    wire: tuple[SamSimulator, SamSerialReader],
    card: IdCardRecord,
    first_read: Corruption,
    second_read: Corruption | None,
) -> None:
    simulator, sam_reader = wire
    simulator.place_card(card)
    simulator.corrupt_next_reads(first_read, *([second_read] if second_read else []))

    result = sam_reader.read_card()

    if isinstance(result, CardPresent):
        assert card_problem(result.record) is None
        assert lookup_key(b"secret", result.record.id_number)
        _check_record(result.record)
    else:
        # Only a second damaged read may end in a fault: a healthy one gives the card.
        assert isinstance(result, ReaderFault)
        assert result.kind is FaultKind.BAD_READ, result.detail
        assert second_read is not None
