"""A SAM ID card reader simulated on a pseudo-terminal, byte for byte (the fakes layer).

``SamSerialReader`` talks to it exactly as to hardware, so tests and demos exercise the real
driver, framing and recovery paths. The simulator parses requests with the same ``frames``
module (a request with a bad check byte gets SW3 0x10, a bad length 0x11) and can be told
to misbehave in the ways real lines and readers do (see ``Fault``).

Like real readers (see ``watcher``), once a card has been read, find-card reports no card
until the card is removed and placed again; a second read command for the same selection
sends the card again (what ``SamSerialReader`` relies on to read a damaged reply again;
our notes do not say whether every real reader does). When the SAM self-test fault is set,
every card command answers SW3 0x60 as well as the status command; what real hardware
answers then is not in our notes.

With ``baudrate`` set, the simulator paces what it writes as a UART at that rate would
(8N1: 10 bits a byte), so timings show what the line costs; a pty alone moves bytes at
memory speed. Only the reader-bound direction is paced: the reader's writes reach the pty
at once, and a request is 10 bytes (under a millisecond at 115200 baud).
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
import tty
from collections import deque
from collections.abc import Callable
from enum import Enum

from drivers.closing import StopsOnExit
from drivers.idcard.frames import (
    FIND_CARD,
    READ_APPENDED_ADDRESS,
    READ_SAM_ID,
    READ_TEXT_PHOTO,
    READ_TEXT_PHOTO_FINGERPRINT,
    RESET_SAM,
    SAM_STATUS,
    SELECT_CARD,
    SET_BAUD_RATE_CMD,
    BadCheckByte,
    BadLength,
    FrameError,
    Request,
    encode_response,
    read_request,
)
from drivers.idcard.record import IdCardRecord
from drivers.idcard.status import Sw3
from drivers.idcard.text import encode_text

logger = logging.getLogger(__name__)

DEFAULT_SAM_ID = bytes(range(0x05, 0x15))

# A request is 10 bytes and arrives at once; 0.2 s is ample for the rest of a split one.
_REQUEST_TIMEOUT = 0.2
# How often the serving thread looks at the stop flag while the line is idle.
_IDLE_WAIT = 0.05
_WRITE_TIMEOUT = 1.0
_GARBAGE_SIZE = 37
# 8N1: a start bit, eight data bits and a stop bit go on the line for every byte.
_BITS_PER_BYTE = 10
# A paced reply is released a millisecond's worth at a time: fine enough that a reader sees
# bytes arrive at the line's pace, coarse enough for sleep() to keep up.
_PACE_SLICE = 0.001
_CARD_COMMANDS = (FIND_CARD, SELECT_CARD, READ_TEXT_PHOTO, READ_TEXT_PHOTO_FINGERPRINT)


class Fault(Enum):
    """Ways the simulated reader or its line can misbehave."""

    SELECT_FAILS = "select_fails"
    BAD_CHECK_BYTE = "bad_check_byte"
    SHORT_FRAME = "short_frame"
    SILENCE = "silence"
    GARBAGE = "garbage"
    SAM_SELF_TEST_FAILS = "sam_self_test_fails"


class _FdSource:
    """``read(n)`` over a non-blocking fd, with the timeout contract ``frames`` expects."""

    def __init__(self, fd: int, timeout: float) -> None:
        self._fd = fd
        self._timeout = timeout
        self._buffer = bytearray()

    def wait_readable(self, wait: float) -> bool:
        if self._buffer:
            return True
        ready, _, _ = select.select([self._fd], [], [], wait)
        return bool(ready)

    def read(self, size: int) -> bytes:
        deadline = time.monotonic() + self._timeout
        while len(self._buffer) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._fd], [], [], remaining)[0]:
                break
            try:
                chunk = os.read(self._fd, 4096)
            except BlockingIOError:
                continue
            if not chunk:
                break
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


class SamSimulator(StopsOnExit):
    """Serves the SAM protocol on the master side of a pty; hand the slave path to a reader.

    With ``auto_present`` set, the simulator places that card by itself after
    ``auto_polls`` find-card polls without a card, and removes it ``auto_polls`` polls after
    it was read, over and over, so an unattended demo shows residents coming and going.
    """

    def __init__(
        self,
        auto_present: IdCardRecord | None = None,
        *,
        auto_polls: int = 3,
        sam_id: bytes = DEFAULT_SAM_ID,
        baudrate: int | None = None,
    ) -> None:
        if len(sam_id) != 16:
            raise ValueError("a SAM id is 16 bytes")
        if baudrate is not None and baudrate <= 0:
            raise ValueError("a baud rate is a positive number of bits per second")
        self._baudrate = baudrate
        self._lock = threading.Lock()
        self._sam_id = sam_id
        self._fault: Fault | None = None
        self._card: IdCardRecord | None = None
        self._card_text = b""
        self._card_read = False
        self._selected = False
        self._read_corruptions: deque[Callable[[bytes], bytes]] = deque()
        self._auto_card = auto_present
        self._auto_polls = auto_polls
        self._idle_polls = 0
        self._polls_since_read = 0
        self._requests = 0
        self._master = -1
        self._slave = -1
        self._path = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if auto_present is not None:
            encode_text(auto_present)  # refuse a card we could not serve, now, not mid-demo

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> str:
        """Open the pty, start serving, and return the path a reader should open."""
        if self._thread is not None:
            return self._path
        master, slave = os.openpty()
        # Raw on both ends: no echo, no CR/LF translation, no XON/XOFF eating 0x11/0x13.
        tty.setraw(master)
        tty.setraw(slave)
        os.set_blocking(master, False)
        # We keep the slave open ourselves so the master never sees a hang-up between a
        # reader closing the port and opening it again.
        self._master, self._slave = master, slave
        self._path = os.ttyname(slave)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="sam-simulator", daemon=True)
        self._thread.start()
        return self._path

    def stop(self) -> None:
        """Stop serving and close the pty; an open reader sees the device vanish."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join(timeout=2.0)
        self._thread = None
        for fd in (self._master, self._slave):
            os.close(fd)
        self._master = self._slave = -1

    @property
    def path(self) -> str:
        return self._path

    @property
    def baudrate(self) -> int | None:
        """The line speed replies are paced to, or None for as fast as the pty goes."""
        return self._baudrate

    @property
    def requests(self) -> int:
        """Requests received so far, bad ones included."""
        with self._lock:
            return self._requests

    # -- the card and the faults ---------------------------------------------------------

    def place_card(self, record: IdCardRecord) -> None:
        """Put a card on the reader (raises ValueError if it cannot be encoded)."""
        text = encode_text(record)
        with self._lock:
            self._card, self._card_text = record, text
            self._card_read = False
            self._selected = False

    def remove_card(self) -> None:
        with self._lock:
            self._card = None
            self._card_text = b""
            self._selected = False

    def set_fault(self, fault: Fault | None) -> None:
        with self._lock:
            self._fault = fault

    def corrupt_next_reads(self, *corruptions: Callable[[bytes], bytes]) -> None:
        """Pass the next card-read replies, whole frames, through these, one each, in order.

        Stands for damage on the line that the frame's check byte does not catch (the
        same bit flipped in two bytes, say); later reads are served as they are again.
        """
        with self._lock:
            self._read_corruptions = deque(corruptions)

    # -- serving -------------------------------------------------------------------------

    def _serve(self) -> None:
        source = _FdSource(self._master, _REQUEST_TIMEOUT)
        while not self._stop.is_set():
            try:
                if not source.wait_readable(_IDLE_WAIT):
                    continue
                reply = self._handle(source)
                if reply:
                    self._write(reply)
            except OSError:
                logger.exception("SAM simulator stopped serving")
                return

    def _handle(self, source: _FdSource) -> bytes | None:
        try:
            request = read_request(source.read)
        except BadCheckByte:
            return self._count_and(encode_response(0, 0, Sw3.CHECK_BYTE_ERROR))
        except BadLength:
            return self._count_and(encode_response(0, 0, Sw3.LENGTH_ERROR))
        except FrameError:
            return None  # line noise or a cut-off request: a real reader stays quiet too
        with self._lock:
            self._requests += 1
            return self._misbehave(self._answer(request))

    def _count_and(self, reply: bytes) -> bytes:
        with self._lock:
            self._requests += 1
        return reply

    def _misbehave(self, reply: bytes) -> bytes | None:
        if self._fault is Fault.SILENCE:
            return None
        if self._fault is Fault.GARBAGE:
            # No 0xAA, so the noise can never contain a preamble by chance.
            return bytes(byte if byte != 0xAA else 0x55 for byte in os.urandom(_GARBAGE_SIZE))
        if self._fault is Fault.BAD_CHECK_BYTE:
            return reply[:-1] + bytes([reply[-1] ^ 0xFF])
        if self._fault is Fault.SHORT_FRAME:
            return reply[:-3]
        return reply

    def _answer(self, request: Request) -> bytes:
        """The reply a healthy reader gives; called with the lock held."""
        command = request.command
        if command == RESET_SAM:
            return encode_response(0, 0, Sw3.OK)
        if command == SAM_STATUS:
            sam_ok = self._fault is not Fault.SAM_SELF_TEST_FAILS
            return encode_response(0, 0, Sw3.OK if sam_ok else Sw3.SAM_SELF_TEST_FAILED)
        if command == READ_SAM_ID:
            return encode_response(0, 0, Sw3.OK, self._sam_id)
        if command in _CARD_COMMANDS and self._fault is Fault.SAM_SELF_TEST_FAILS:
            return encode_response(0, 0, Sw3.SAM_SELF_TEST_FAILED)
        if command == FIND_CARD:
            return self._find_card()
        if command == SELECT_CARD:
            return self._select_card()
        if command == READ_TEXT_PHOTO:
            return self._read_card(with_fingerprint=False)
        if command == READ_TEXT_PHOTO_FINGERPRINT:
            return self._read_card(with_fingerprint=True)
        if command == READ_APPENDED_ADDRESS:
            sw3 = Sw3.NO_SUCH_ITEM if self._selected else Sw3.READ_FAILED
            return encode_response(0, 0, sw3)
        if request.cmd == SET_BAUD_RATE_CMD and request.para <= 4:
            return encode_response(0, 0, Sw3.OK)  # acknowledged; a pty has no baud rate
        return encode_response(0, 0, Sw3.BAD_COMMAND)

    def _find_card(self) -> bytes:
        self._auto_tick()
        self._selected = False
        if self._card is not None and not self._card_read:
            return encode_response(0, 0, Sw3.CARD_FOUND, bytes(4))
        return encode_response(0, 0, Sw3.FIND_CARD_FAILED)

    def _select_card(self) -> bytes:
        if self._fault is Fault.SELECT_FAILS or self._card is None or self._card_read:
            return encode_response(0, 0, Sw3.SELECT_CARD_FAILED)
        self._selected = True
        return encode_response(0, 0, Sw3.OK, bytes(8))

    def _read_card(self, *, with_fingerprint: bool) -> bytes:
        if self._card is None or not self._selected:
            return encode_response(0, 0, Sw3.READ_FAILED)
        text, photo = self._card_text, self._card.photo_wlt
        lengths = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
        if with_fingerprint:
            lengths += bytes(2)  # this card carries no fingerprint
        self._card_read = True
        self._polls_since_read = 0
        reply = encode_response(0, 0, Sw3.OK, lengths + text + photo)
        if self._read_corruptions:
            reply = self._read_corruptions.popleft()(reply)
        return reply

    def _auto_tick(self) -> None:
        """Advance the unattended demo by one find-card poll."""
        if self._auto_card is None:
            return
        if self._card is None:
            self._idle_polls += 1
            if self._idle_polls >= self._auto_polls:
                self._idle_polls = 0
                self._card, self._card_text = self._auto_card, encode_text(self._auto_card)
                self._card_read = False
        elif self._card_read:
            self._polls_since_read += 1
            if self._polls_since_read >= self._auto_polls:
                self._card, self._card_text = None, b""

    def _write(self, data: bytes) -> None:
        if self._baudrate is None:
            self._write_now(data)
        else:
            self._write_paced(data, self._baudrate)

    def _write_paced(self, data: bytes, baudrate: int) -> None:
        """Release each slice of ``data`` when its last byte would have crossed the line."""
        seconds_per_byte = _BITS_PER_BYTE / baudrate
        slice_size = max(1, int(_PACE_SLICE / seconds_per_byte))
        started = time.monotonic()
        for offset in range(0, len(data), slice_size):
            piece = data[offset : offset + slice_size]
            due = started + (offset + len(piece)) * seconds_per_byte
            delay = due - time.monotonic()
            if delay > 0 and self._stop.wait(delay):
                return  # stopping: a vanishing device cuts its reply short too
            self._write_now(piece)

    def _write_now(self, data: bytes) -> None:
        deadline = time.monotonic() + _WRITE_TIMEOUT
        while data and time.monotonic() < deadline:
            if not select.select([], [self._master], [], _IDLE_WAIT)[1]:
                continue
            try:
                written = os.write(self._master, data)
            except BlockingIOError:
                continue
            data = data[written:]
        if data:
            # Nobody is reading and the pty buffer is full: drop it, as a real line would.
            logger.warning("SAM simulator dropped %d reply bytes", len(data))
