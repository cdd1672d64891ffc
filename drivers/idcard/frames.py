"""Wire framing of the ID card SAM protocol (GA 467 family): encode and read frames.

A frame is ``AA AA AA 96 69 | LEN_HI LEN_LO | body | CHK``. LEN counts the body and the
check byte; CHK is the XOR of the two length bytes and the body. A request body is
``CMD PARA DATA``, a response body ``SW1 SW2 SW3 DATA``. This module knows bytes only;
what the commands mean to a card reader lives in ``sam_reader``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import xor
from typing import NamedTuple

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"

# The largest documented reply (text + photo + fingerprint) has LEN 0x090A; anything far
# beyond that is line noise that happened to follow a preamble, not a frame worth waiting for.
MAX_LENGTH = 0x1000

# How much noise we are willing to skip while looking for a preamble before giving up.
MAX_GARBAGE = 4096

_REQUEST_MIN_LENGTH = 3  # CMD PARA CHK
_RESPONSE_MIN_LENGTH = 4  # SW1 SW2 SW3 CHK


class Command(NamedTuple):
    """A command code and its parameter byte; ``encode_command(*FIND_CARD)`` builds it."""

    cmd: int
    para: int


RESET_SAM = Command(0x10, 0xFF)
SAM_STATUS = Command(0x11, 0xFF)
READ_SAM_ID = Command(0x12, 0xFF)
FIND_CARD = Command(0x20, 0x01)
SELECT_CARD = Command(0x20, 0x02)
READ_TEXT_PHOTO = Command(0x30, 0x01)
READ_APPENDED_ADDRESS = Command(0x30, 0x03)
READ_TEXT_PHOTO_FINGERPRINT = Command(0x30, 0x10)
SET_BAUD_RATE_CMD = 0x60  # parameter 0..4 picks 115200 / 57600 / 38400 / 19200 / 9600


class FrameError(Exception):
    """A frame could not be read; the subclass says why."""


class FrameTimeout(FrameError):
    """Nothing at all arrived before the source timed out (the device is silent)."""


class MissingPreamble(FrameError):
    """Bytes arrived but none of them started a frame (line noise, wrong baud rate)."""

    def __init__(self, seen: int) -> None:
        super().__init__(f"no frame preamble in {seen} bytes")
        self.seen = seen


class ShortFrame(FrameError):
    """The frame started but the source timed out before it was complete."""


class BadLength(FrameError):
    """The length field is too small to hold a body or implausibly large."""


class BadCheckByte(FrameError):
    """The check byte does not match the XOR of the frame."""


@dataclass(frozen=True, repr=False)
class Response:
    """One reply from the reader: three status bytes and the payload."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    def __repr__(self) -> str:
        # The payload may be a card's text block: never let it reach a log.
        return (
            f"Response(sw1=0x{self.sw1:02X}, sw2=0x{self.sw2:02X}, sw3=0x{self.sw3:02X}, "
            f"data=<{len(self.data)} bytes>)"
        )


@dataclass(frozen=True)
class Request:
    """One command to the reader, as the simulator receives it."""

    cmd: int
    para: int
    data: bytes = b""

    @property
    def command(self) -> Command:
        return Command(self.cmd, self.para)


def check_byte(data: bytes) -> int:
    """XOR of ``data``: the frame's CHK when given the length bytes and the body."""
    return reduce(xor, data, 0)


def _encode_frame(body: bytes) -> bytes:
    length = len(body) + 1
    if length > 0xFFFF:
        raise ValueError(f"frame body of {len(body)} bytes does not fit the length field")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([check_byte(head + body)])


def _byte(name: str, value: int) -> int:
    if not 0 <= value <= 0xFF:
        raise ValueError(f"{name} must be one byte, got {value}")
    return value


def encode_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """Build a request frame."""
    return _encode_frame(bytes([_byte("cmd", cmd), _byte("para", para)]) + data)


def encode_response(sw1: int, sw2: int, sw3: int, data: bytes = b"") -> bytes:
    """Build a response frame (the simulator answers with these)."""
    status = bytes([_byte("sw1", sw1), _byte("sw2", sw2), _byte("sw3", sw3)])
    return _encode_frame(status + data)


def _sync(read: Callable[[int], bytes]) -> None:
    """Consume bytes up to and including the next preamble."""
    window = bytearray(read(len(PREAMBLE)))
    seen = len(window)
    if seen == 0:
        raise FrameTimeout("no reply")
    if seen < len(PREAMBLE):
        raise MissingPreamble(seen)
    while window != PREAMBLE:
        if seen - len(PREAMBLE) >= MAX_GARBAGE:
            raise MissingPreamble(seen)
        byte = read(1)
        if not byte:
            raise MissingPreamble(seen)
        seen += 1
        del window[0]
        window += byte


def _read_body(read: Callable[[int], bytes], min_length: int) -> bytes:
    _sync(read)
    head = read(2)
    if len(head) < 2:
        raise ShortFrame("frame ends inside the length field")
    length = int.from_bytes(head, "big")
    if not min_length <= length <= MAX_LENGTH:
        raise BadLength(f"length field {length} outside {min_length}..{MAX_LENGTH}")
    rest = read(length)
    if len(rest) < length:
        raise ShortFrame(f"expected {length} bytes after the length field, got {len(rest)}")
    body, chk = rest[:-1], rest[-1]
    expected = check_byte(head + body)
    if chk != expected:
        raise BadCheckByte(f"check byte 0x{chk:02X}, expected 0x{expected:02X}")
    return body


def read_response(read: Callable[[int], bytes]) -> Response:
    """Read one response frame, skipping any noise before its preamble.

    ``read(n)`` must return ``n`` bytes, or fewer only when its source timed out (the
    contract of a pyserial port with a timeout). Raises a ``FrameError`` subclass.
    """
    body = _read_body(read, _RESPONSE_MIN_LENGTH)
    return Response(body[0], body[1], body[2], bytes(body[3:]))


def read_request(read: Callable[[int], bytes]) -> Request:
    """Read one request frame; the device side of ``read_response``."""
    body = _read_body(read, _REQUEST_MIN_LENGTH)
    return Request(body[0], body[1], bytes(body[2:]))
