"""Frame encoding and reading against the byte examples in the protocol notes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drivers.idcard.frames import (
    FIND_CARD,
    PREAMBLE,
    READ_SAM_ID,
    READ_TEXT_PHOTO,
    RESET_SAM,
    SAM_STATUS,
    SELECT_CARD,
    BadCheckByte,
    BadLength,
    FrameTimeout,
    MissingPreamble,
    Request,
    Response,
    ShortFrame,
    encode_command,
    encode_response,
    read_request,
    read_response,
)


def source(data: bytes) -> Callable[[int], bytes]:
    """A byte source that, like a serial port with a timeout, returns short when dry."""
    buffer = bytearray(data)

    def read(size: int) -> bytes:
        chunk = bytes(buffer[:size])
        del buffer[:size]
        return chunk

    return read


def frame(hex_after_preamble: str) -> bytes:
    return PREAMBLE + bytes.fromhex(hex_after_preamble)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (RESET_SAM, "00 03 10 FF EC"),
        (SAM_STATUS, "00 03 11 FF ED"),
        (READ_SAM_ID, "00 03 12 FF EE"),
        (FIND_CARD, "00 03 20 01 22"),
        (SELECT_CARD, "00 03 20 02 21"),
        (READ_TEXT_PHOTO, "00 03 30 01 32"),
    ],
)
def test_commands_encode_as_in_the_notes(command: tuple[int, int], expected: str) -> None:
    assert encode_command(*command) == frame(expected)


def test_find_card_request_is_the_documented_ten_bytes() -> None:
    assert encode_command(0x20, 0x01) == bytes.fromhex("AA AA AA 96 69 00 03 20 01 22")


@pytest.mark.parametrize(
    ("status", "data", "expected"),
    [
        ((0, 0, 0x90), b"", "00 04 00 00 90 94"),
        ((0, 0, 0x80), b"", "00 04 00 00 80 84"),
        ((0, 0, 0x9F), bytes(4), "00 08 00 00 9F 00 00 00 00 97"),
    ],
)
def test_responses_encode_as_in_the_notes(
    status: tuple[int, int, int], data: bytes, expected: str
) -> None:
    assert encode_response(*status, data) == frame(expected)


def test_card_found_reply_is_read_back() -> None:
    response = read_response(source(frame("00 08 00 00 9F 00 00 00 00 97")))
    assert response == Response(0, 0, 0x9F, bytes(4))


def test_text_and_photo_reply_has_the_documented_length() -> None:
    payload = b"\x01\x00\x04\x00" + bytes(256) + bytes(1024)
    encoded = encode_response(0, 0, 0x90, payload)
    assert encoded[5:7] == b"\x05\x08"
    assert len(encoded) == 1295
    assert read_response(source(encoded)).data == payload


def test_length_bytes_are_read_unsigned() -> None:
    # 0x90 in the high length byte would be negative if read as a signed byte.
    encoded = encode_response(0, 0, 0x90, bytes(0x0400))
    assert read_response(source(encoded)).data == bytes(0x0400)


def test_noise_before_the_preamble_is_skipped() -> None:
    noise = b"\x00\xaa\xaa\x13\xaa\xaa\xaa\x96"
    response = read_response(source(noise + frame("00 04 00 00 80 84")))
    assert response.sw3 == 0x80


def test_preamble_overlapping_extra_aa_bytes_is_found() -> None:
    response = read_response(source(b"\xaa\xaa" + frame("00 04 00 00 90 94")))
    assert response.sw3 == 0x90


def test_silence_is_a_timeout() -> None:
    with pytest.raises(FrameTimeout):
        read_response(source(b""))


def test_noise_without_a_preamble_is_reported_with_its_size() -> None:
    with pytest.raises(MissingPreamble) as caught:
        read_response(source(b"\x01\x02\x03\x04\x05\x06\x07"))
    assert caught.value.seen == 7


def test_frame_cut_inside_the_body_is_short() -> None:
    with pytest.raises(ShortFrame):
        read_response(source(frame("00 08 00 00 9F 00")))


def test_frame_cut_inside_the_length_is_short() -> None:
    with pytest.raises(ShortFrame):
        read_response(source(PREAMBLE + b"\x00"))


def test_wrong_check_byte_is_rejected() -> None:
    with pytest.raises(BadCheckByte):
        read_response(source(frame("00 04 00 00 90 95")))


@pytest.mark.parametrize("length", ["00 03", "FF FF"])
def test_implausible_length_is_rejected(length: str) -> None:
    with pytest.raises(BadLength):
        read_response(source(frame(f"{length} 00 00 90 94")))


def test_request_is_read_back_by_the_device_side() -> None:
    assert read_request(source(encode_command(0x30, 0x01))) == Request(0x30, 0x01)


def test_response_repr_does_not_show_the_payload() -> None:
    response = Response(0, 0, 0x90, "王秀英".encode("utf-16-le"))
    assert "6b73" not in repr(response).lower()
    assert "<6 bytes>" in repr(response)


def test_values_that_are_not_bytes_are_refused() -> None:
    with pytest.raises(ValueError, match="cmd"):
        encode_command(0x120, 0x01)
