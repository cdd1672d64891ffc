"""ID card reader over a serial port speaking the SAM protocol (device behaviour layer).

The port opens lazily on first use. Any I/O or framing error closes and forgets it, so the
next call opens it afresh: a reader that was unplugged and plugged back in needs no special
handling. Device trouble comes back as ``ReaderFault`` values; exceptions mean bugs.

Every record is checked against what its card type carries (``validation``) before it is
handed on. Content that fails is read once more with a second read command for the same
selection (the reader sends the card it read again); failing twice is a ``BAD_READ`` fault,
which asks the resident to place the card again.
Not thread-safe: call it from one worker thread.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import replace

import serial

from drivers.closing import ClosesOnExit
from drivers.idcard.frames import (
    FIND_CARD,
    READ_SAM_ID,
    READ_TEXT_PHOTO,
    SAM_STATUS,
    SELECT_CARD,
    Command,
    FrameError,
    FrameTimeout,
    Response,
    encode_command,
    read_response,
)
from drivers.idcard.interface import CardPresent, CardRead, FaultKind, NoCard, ReaderFault
from drivers.idcard.rereading import BadRead, read_checked
from drivers.idcard.status import Sw3, describe
from drivers.idcard.text import CardDataError, parse_text
from drivers.idcard.validation import card_problem

logger = logging.getLogger(__name__)

# Reading text and photo makes the card send ~1.3 kB over its radio link before the reader
# answers; vendor notes put that under a second, so allow two before calling it silence.
DEFAULT_CARD_READ_TIMEOUT = 2.0

_SAM_ID_SIZE = 16

# pyserial lets termios.error escape from some calls (flushing a port that has vanished),
# and termios.error is not an OSError.
if sys.platform == "win32":
    _PORT_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    import termios

    _PORT_ERRORS = (OSError, termios.error)

_FAULT_KIND_BY_SW3: dict[int, FaultKind] = {
    Sw3.SELECT_CARD_FAILED: FaultKind.SELECT_FAILED,
    Sw3.SAM_SELF_TEST_FAILED: FaultKind.SAM_FAULT,
    Sw3.SAM_NOT_AUTHORISED: FaultKind.SAM_FAULT,
    Sw3.UNAUTHORISED: FaultKind.SAM_FAULT,
    # The reader saw a damaged request: the line, not the card, is at fault.
    Sw3.CHECK_BYTE_ERROR: FaultKind.GARBLED,
    Sw3.LENGTH_ERROR: FaultKind.GARBLED,
    Sw3.BAD_COMMAND: FaultKind.GARBLED,
    Sw3.UNRECOGNISED_CARD_TYPE: FaultKind.BAD_CARD_DATA,
}


# Faults of the port or the line rather than of the card's content: reported as they are.
_LINE_FAULTS = frozenset({FaultKind.PORT_UNAVAILABLE, FaultKind.NO_RESPONSE, FaultKind.GARBLED})


def status_fault(sw3: int) -> ReaderFault:
    """The fault for an unexpected SW3, carrying that status's own advice."""
    kind = _FAULT_KIND_BY_SW3.get(sw3, FaultKind.READ_FAILED)
    return ReaderFault(kind, describe(sw3), detail=f"SW3 0x{sw3:02X}")


def format_sam_id(raw: bytes) -> str:
    """The SAM id as upper-case hex of its 16 bytes.

    Vendors print a dotted decimal form on the label, but its byte layout is not in our
    notes; hex is unambiguous and can be converted once the layout is confirmed.
    """
    return raw.hex().upper()


class SamSerialReader(ClosesOnExit):
    """A SAM-protocol ID card reader on ``port`` (a device path, pty path or pyserial URL)."""

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        timeout: float = 1.0,
        *,
        card_read_timeout: float | None = None,
    ) -> None:
        self._port_name = port
        self._baudrate = baudrate
        self._timeout = timeout
        self._card_read_timeout = max(timeout, card_read_timeout or DEFAULT_CARD_READ_TIMEOUT)
        self._serial: serial.Serial | None = None
        self._last_outcome: str | None = None

    # -- public API ----------------------------------------------------------------------

    def read_card(self) -> CardRead:
        """Find, select and read a card (text and photo)."""
        result = self._read_card()
        self._log_if_changed(result)
        return result

    def sam_id(self) -> str | ReaderFault:
        """The SAM module's id (see ``format_sam_id``), for the maintenance screen."""
        response = self._transact(READ_SAM_ID)
        if isinstance(response, ReaderFault):
            return response
        if response.sw3 != Sw3.OK:
            return status_fault(response.sw3)
        if len(response.data) != _SAM_ID_SIZE:
            return ReaderFault.of(
                FaultKind.GARBLED, f"SAM id of {len(response.data)} bytes, expected 16"
            )
        return format_sam_id(response.data)

    def check_sam(self) -> ReaderFault | None:
        """None when the SAM module passes its self-test."""
        response = self._transact(SAM_STATUS)
        if isinstance(response, ReaderFault):
            return response
        return None if response.sw3 == Sw3.OK else status_fault(response.sw3)

    def close(self) -> None:
        """Close the port; the next call opens it again."""
        if self._serial is not None:
            port, self._serial = self._serial, None
            try:
                port.close()
            except _PORT_ERRORS:
                logger.debug("ignoring error while closing %s", self._port_name, exc_info=True)

    # -- one read cycle ------------------------------------------------------------------

    def _read_card(self) -> CardRead:
        found = self._transact(FIND_CARD)
        if isinstance(found, ReaderFault):
            return found
        if found.sw3 == Sw3.FIND_CARD_FAILED:
            return NoCard()
        if found.sw3 != Sw3.CARD_FOUND:
            return status_fault(found.sw3)

        selected = self._transact(SELECT_CARD)
        if isinstance(selected, ReaderFault):
            return selected
        if selected.sw3 == Sw3.FIND_CARD_FAILED:  # lifted between find and select
            return NoCard()
        if selected.sw3 != Sw3.OK:
            return status_fault(selected.sw3)

        # A second read command for the same selection sends the card it read again.
        return read_checked(self._read_selected, self._port_name, _LINE_FAULTS)

    def _read_selected(self) -> CardRead | BadRead:
        """Read text and photo of the selected card and check them against its type."""
        content = self._transact(READ_TEXT_PHOTO, timeout=self._card_read_timeout)
        if isinstance(content, ReaderFault):
            return content
        if content.sw3 != Sw3.OK:
            return status_fault(content.sw3)
        return _card_from_content(content.data)

    # -- port handling -------------------------------------------------------------------

    def _open(self) -> serial.Serial | ReaderFault:
        if self._serial is None:
            try:
                self._serial = serial.serial_for_url(
                    self._port_name,
                    baudrate=self._baudrate,
                    timeout=self._timeout,
                    write_timeout=self._timeout,
                )
            except (*_PORT_ERRORS, ValueError) as error:
                return ReaderFault.of(FaultKind.PORT_UNAVAILABLE, str(error))
            logger.info("ID card reader port %s opened", self._port_name)
        return self._serial

    def _transact(self, command: Command, timeout: float | None = None) -> Response | ReaderFault:
        """Send one command and read its reply; on any failure forget the port."""
        port = self._open()
        if isinstance(port, ReaderFault):
            return port
        try:
            port.reset_input_buffer()  # a late reply to an earlier command must not match
            port.write(encode_command(*command))
            if timeout is not None:
                port.timeout = timeout
            response = read_response(port.read)
            if timeout is not None:
                port.timeout = self._timeout
            return response
        except FrameTimeout as error:
            return self._fail(FaultKind.NO_RESPONSE, command, error)
        except FrameError as error:
            return self._fail(FaultKind.GARBLED, command, error)
        except _PORT_ERRORS as error:  # serial.SerialException is an OSError
            return self._fail(FaultKind.PORT_UNAVAILABLE, command, error)

    def _fail(self, kind: FaultKind, command: Command, error: Exception) -> ReaderFault:
        self.close()
        detail = f"command {command.cmd:02X} {command.para:02X}: {error}"
        return ReaderFault.of(kind, detail)

    def _log_if_changed(self, result: CardRead) -> None:
        if isinstance(result, ReaderFault):
            outcome = f"fault {result.kind.value}"
        else:
            outcome = "card read" if isinstance(result, CardPresent) else "no card"
        if outcome != self._last_outcome:
            self._last_outcome = outcome
            if isinstance(result, ReaderFault):
                logger.warning(
                    "ID card reader %s: %s (%s)", self._port_name, outcome, result.detail
                )
            else:
                logger.info("ID card reader %s: %s", self._port_name, outcome)


def _card_from_content(data: bytes) -> CardPresent | BadRead:
    """Split ``text length | photo length | text | photo``, parse and check the text."""
    if len(data) < 4:
        return BadRead(f"card content of {len(data)} bytes")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if 4 + text_length + photo_length != len(data):
        return BadRead(f"lengths {text_length}+{photo_length} do not match {len(data) - 4} bytes")
    text, photo = data[4 : 4 + text_length], data[4 + text_length :]
    try:
        record = parse_text(text)
    except CardDataError as error:
        return BadRead(str(error))
    problem = card_problem(record)
    if problem is not None:
        return BadRead(problem)
    return CardPresent(replace(record, photo_wlt=bytes(photo)))
