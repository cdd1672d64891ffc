"""The simulator's own behaviour: request checking, raw pty, auto-present demo mode."""

from __future__ import annotations

import os
import select
import termios
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.frames import (
    FIND_CARD,
    READ_APPENDED_ADDRESS,
    READ_TEXT_PHOTO,
    READ_TEXT_PHOTO_FINGERPRINT,
    RESET_SAM,
    SELECT_CARD,
    Response,
    encode_command,
    read_response,
)
from drivers.idcard.interface import CardPresent, NoCard
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.status import Sw3


class RawClient:
    """Talks to the simulator through the pty with plain fds, byte for byte."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def read(self, size: int) -> bytes:
        data = b""
        deadline = time.monotonic() + 1.0
        while len(data) < size and time.monotonic() < deadline:
            if select.select([self.fd], [], [], deadline - time.monotonic())[0]:
                data += os.read(self.fd, size - len(data))
        return data

    def ask(self, request: bytes) -> Response:
        self.send(request)
        return read_response(self.read)

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def client(simulator: SamSimulator) -> Iterator[RawClient]:
    raw = RawClient(simulator.path)
    yield raw
    raw.close()


def test_request_with_a_bad_check_byte_gets_sw3_0x10(client: RawClient) -> None:
    bad = bytearray(encode_command(*FIND_CARD))
    bad[-1] ^= 0xFF
    assert client.ask(bytes(bad)).sw3 == Sw3.CHECK_BYTE_ERROR


def test_unknown_command_gets_sw3_0x21(client: RawClient) -> None:
    assert client.ask(encode_command(0x77, 0x01)).sw3 == Sw3.BAD_COMMAND


def test_reset_and_appended_address_answer_as_documented(
    simulator: SamSimulator, client: RawClient
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    assert client.ask(encode_command(*RESET_SAM)).sw3 == Sw3.OK
    assert client.ask(encode_command(*FIND_CARD)).sw3 == Sw3.CARD_FOUND
    assert client.ask(encode_command(*SELECT_CARD)).sw3 == Sw3.OK
    assert client.ask(encode_command(*READ_APPENDED_ADDRESS)).sw3 == Sw3.NO_SUCH_ITEM


def test_read_without_select_fails(simulator: SamSimulator, client: RawClient) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    assert client.ask(encode_command(*READ_TEXT_PHOTO)).sw3 == Sw3.READ_FAILED


def test_text_photo_fingerprint_read_has_three_lengths_and_no_fingerprint(
    simulator: SamSimulator, client: RawClient
) -> None:
    simulator.place_card(demo_cards.YOUNG_MAN)
    client.ask(encode_command(*FIND_CARD))
    client.ask(encode_command(*SELECT_CARD))
    response = client.ask(encode_command(*READ_TEXT_PHOTO_FINGERPRINT))
    assert response.sw3 == Sw3.OK
    assert response.data[:6] == b"\x01\x00\x04\x00\x00\x00"
    assert len(response.data) == 6 + 256 + 1024


def test_pty_is_raw_so_control_bytes_pass_unchanged(simulator: SamSimulator) -> None:
    fd = os.open(simulator.path, os.O_RDWR | os.O_NOCTTY)
    try:
        attributes = termios.tcgetattr(fd)
    finally:
        os.close(fd)
    iflag, lflag = attributes[0], attributes[3]
    assert not iflag & (termios.IXON | termios.ICRNL | termios.INLCR)
    assert not lflag & (termios.ECHO | termios.ICANON | termios.ISIG)


def test_card_with_awkward_bytes_in_its_text_survives(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    # U+1111 / U+1113 / U+0D0A put 0x11, 0x13, 0x0D and 0x0A on the wire: XON/XOFF, CR
    # and LF in a cooked tty. Each is an assigned letter, as the read-time checks want.
    awkward = replace(demo_cards.YOUNG_MAN, address="\u1111\u1113\u130d\u0d0a路")
    simulator.place_card(awkward)
    assert reader.read_card() == CardPresent(awkward)


def test_auto_present_places_the_card_after_a_few_polls_and_takes_it_away_after_reading(
    reader_timeout: float,
) -> None:
    card = demo_cards.ELDERLY_RESIDENT
    with SamSimulator(auto_present=card, auto_polls=3) as simulator:
        reader = SamSerialReader(simulator.path, timeout=reader_timeout)
        try:
            results = [reader.read_card() for _ in range(12)]
        finally:
            reader.close()
    assert results[:2] == [NoCard(), NoCard()]
    assert results[2] == CardPresent(card)
    # Read once, then gone for three polls while "lifted", three more before the next one.
    assert results[3:8] == [NoCard()] * 5
    assert results[8] == CardPresent(card)


def test_card_that_cannot_be_encoded_is_refused_when_placed(simulator: SamSimulator) -> None:
    too_long = replace(demo_cards.YOUNG_MAN, name="名" * 16)
    with pytest.raises(ValueError, match="name"):
        simulator.place_card(too_long)


def test_stop_is_idempotent_and_start_returns_a_pty_path() -> None:
    simulator = SamSimulator()
    path = simulator.start()
    assert path.startswith("/dev/")
    simulator.stop()
    simulator.stop()
