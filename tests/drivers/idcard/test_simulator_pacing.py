"""The simulator's optional line pacing: replies take as long as the baud rate says."""

from __future__ import annotations

import os
import time

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.frames import (
    FIND_CARD,
    READ_TEXT_PHOTO,
    SELECT_CARD,
    encode_command,
    read_response,
)
from drivers.idcard.interface import CardPresent
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import SamSimulator
from tests.helpers.devices.pty import read_exactly

# find (15) + select (19) + text and photo (1295) reply bytes, 10 bits each on the line.
REPLY_BYTES = 15 + 19 + 1295


def line_seconds(byte_count: int, baudrate: int) -> float:
    return byte_count * 10 / baudrate


def test_paced_card_read_takes_at_least_the_line_time_and_arrives_intact() -> None:
    baudrate = 115200
    with SamSimulator(baudrate=baudrate) as simulator:
        simulator.place_card(demo_cards.ELDERLY_RESIDENT)
        with SamSerialReader(simulator.path, baudrate=baudrate) as reader:
            started = time.perf_counter()
            result = reader.read_card()
            elapsed = time.perf_counter() - started
    assert result == CardPresent(demo_cards.ELDERLY_RESIDENT)
    assert elapsed >= line_seconds(REPLY_BYTES, baudrate) * 0.98


def test_unpaced_simulator_is_much_faster_than_a_slow_line() -> None:
    with SamSimulator() as simulator:
        assert simulator.baudrate is None
        simulator.place_card(demo_cards.YOUNG_MAN)
        with SamSerialReader(simulator.path) as reader:
            started = time.perf_counter()
            result = reader.read_card()
            elapsed = time.perf_counter() - started
    assert result == CardPresent(demo_cards.YOUNG_MAN)
    # At 9600 baud the same replies would need 1.4 s.
    assert elapsed < line_seconds(REPLY_BYTES, 9600) / 2


@pytest.mark.parametrize("baudrate", [0, -9600])
def test_baud_rate_must_be_positive(baudrate: int) -> None:
    with pytest.raises(ValueError, match="baud"):
        SamSimulator(baudrate=baudrate)


def test_stop_cuts_a_long_paced_reply_short() -> None:
    # At 1200 baud the text and photo reply needs 10.8 s on the line.
    simulator = SamSimulator(baudrate=1200)
    simulator.place_card(demo_cards.YOUNG_MAN)
    fd = os.open(simulator.start(), os.O_RDWR | os.O_NOCTTY)
    try:
        for command in (FIND_CARD, SELECT_CARD):
            os.write(fd, encode_command(*command))
            read_response(lambda size: read_exactly(fd, size))
        os.write(fd, encode_command(*READ_TEXT_PHOTO))
        read_exactly(fd, 1)  # the reply has started
        started = time.perf_counter()
        simulator.stop()
        assert time.perf_counter() - started < 1.0
    finally:
        os.close(fd)
