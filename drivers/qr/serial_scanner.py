"""QR/barcode scanner in serial ("virtual COM") mode: framing, decoding and the device.

Such a scanner sends each decoded code as its bytes followed by a terminator (CR, LF or
CR LF, set in the scanner's own configuration). The first part of this module is the wire
protocol, with no I/O: ``CodeFramer`` cuts the byte stream into codes and ``decode_code``
turns a code's bytes into text. ``SerialQrScanner`` is the device behaviour on top of it.

The port opens lazily on first use. Any I/O error closes and forgets it, so the next call
opens it afresh: a scanner that was unplugged and plugged back in needs no special handling.
Device trouble comes back as ``ScannerFault`` values; exceptions mean bugs. Scanned text is
never logged, since a code can carry personal data (a case number, an ID number).
Not thread-safe: call it from one worker thread.
"""

from __future__ import annotations

import logging
import sys
import time

import serial

from drivers.closing import ClosesOnExit
from drivers.qr.interface import (
    NothingScanned,
    Scanned,
    ScannerFault,
    ScannerFaultKind,
    ScanRead,
)
from drivers.qr.read_log import ReadLog, after

logger = logging.getLogger(__name__)

# The longest code we accept, terminator excluded. A full version-40 QR code holds under
# 3 kB of bytes, so anything longer is a line that lost its terminator, not a real code.
MAX_CODE_BYTES = 4096

# Each byte ends a code. Accepting both CR and LF covers all three scanner settings: the LF
# of a CR LF then ends an empty line, and empty lines are ignored.
DEFAULT_TERMINATORS = b"\r\n"

# pyserial lets termios.error escape from some calls (asking a vanished port how many bytes
# are waiting, say), and termios.error is not an OSError.
if sys.platform == "win32":
    _PORT_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    import termios

    _PORT_ERRORS = (OSError, termios.error)


# -- wire protocol ---------------------------------------------------------------------------


def decode_code(raw: bytes) -> str | None:
    """The text of one code: UTF-8, else GB18030 (scanners set to GBK output); None if neither.

    GB18030 is a superset of GBK and GB2312, so one fallback covers all three settings.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return None


class CodeFramer:
    """Cuts a scanner's byte stream into codes; feed it bytes as they come, in any pieces.

    A line longer than ``max_bytes`` comes out as one GARBLED fault; the framer then drops
    bytes until the next terminator and carries on with the code after it.
    """

    def __init__(
        self, terminators: bytes = DEFAULT_TERMINATORS, max_bytes: int = MAX_CODE_BYTES
    ) -> None:
        if not terminators:
            raise ValueError("at least one terminator byte is needed")
        if max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        self._terminators = bytes(terminators)
        self._max_bytes = max_bytes
        self._buffer = bytearray()
        self._discarding = False

    def feed(self, data: bytes) -> None:
        """Add bytes received from the line."""
        self._buffer += data

    def next_code(self) -> Scanned | ScannerFault | None:
        """The next complete code (or fault for a bad one); None until one is complete."""
        while True:
            end = self._find_terminator()
            if self._discarding:
                if end < 0:
                    self._buffer.clear()
                    return None
                del self._buffer[: end + 1]
                self._discarding = False
                continue
            if end < 0:
                if len(self._buffer) > self._max_bytes:
                    size = len(self._buffer)
                    self._buffer.clear()
                    self._discarding = True
                    return _garbled(f"over {self._max_bytes} bytes ({size} so far) and no end")
                return None
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            if not line:
                continue
            if len(line) > self._max_bytes:
                return _garbled(f"code of {len(line)} bytes, limit {self._max_bytes}")
            text = decode_code(line)
            if text is None:
                return _garbled(f"{len(line)} bytes neither UTF-8 nor GB18030")
            return Scanned(text)

    def clear(self) -> None:
        """Forget everything fed so far."""
        self._buffer.clear()
        self._discarding = False

    def drop_pending(self) -> None:
        """Drop everything fed so far, including a code cut off in mid-line.

        If the stream stopped part-way through a code, the rest of that code is dropped too
        when it arrives, so its tail is not taken for a code of its own.
        """
        if self._buffer:
            self._discarding = self._buffer[-1] not in self._terminators
        self._buffer.clear()

    def _find_terminator(self) -> int:
        found = [i for i in (self._buffer.find(t) for t in self._terminators) if i >= 0]
        return min(found, default=-1)


def _garbled(detail: str) -> ScannerFault:
    return ScannerFault.of(ScannerFaultKind.GARBLED, detail)


# -- the device ------------------------------------------------------------------------------


class SerialQrScanner(ClosesOnExit):
    """A serial QR/barcode scanner on ``port`` (a device path, pty path or pyserial URL).

    ``baudrate`` must match the scanner's setting, usually 9600 or 115200 (8N1).
    ``terminators`` holds the bytes that end a code; the default accepts CR, LF and CR LF.
    """

    def __init__(
        self, port: str, baudrate: int = 9600, terminators: bytes = DEFAULT_TERMINATORS
    ) -> None:
        self._port_name = port
        self._baudrate = baudrate
        self._framer = CodeFramer(terminators)
        self._serial: serial.Serial | None = None
        self._log = ReadLog(logger, f"QR scanner {port}")

    # -- public API ----------------------------------------------------------------------

    def read(self, timeout: float) -> ScanRead:
        """Wait up to ``timeout`` seconds for one complete code.

        Returns as soon as a code (or a garbled one) is complete. A code split over several
        reads of the line comes out whole, and a part-received code waits for the next call.
        When the port is missing or fails, the fault comes back after the rest of
        ``timeout``, so a caller that reads in a loop retries at that pace, not in a spin.
        """
        result = self._read(timeout)
        self._log.record(result)
        return result

    def flush(self) -> None:
        """Drop everything received so far; opens the port if it is not open yet.

        Call it when a screen starts listening, so that a code scanned before (or one half
        received at that moment) is not taken for a new scan. If the port cannot be opened
        the next ``read`` reports it.
        """
        port = self._open()
        if isinstance(port, ScannerFault):
            self._log.record(port)
            return
        try:
            port.timeout = 0
            # Read rather than reset the input, to see whether a code was cut off mid-line.
            self._framer.feed(port.read(port.in_waiting))
        except _PORT_ERRORS as error:
            self._log.record(self._fail(error))
            return
        self._framer.drop_pending()

    def close(self) -> None:
        """Close the port and drop anything half received; the next call opens it again."""
        self._framer.clear()
        if self._serial is not None:
            port, self._serial = self._serial, None
            try:
                port.close()
            except _PORT_ERRORS:
                logger.debug("ignoring error while closing %s", self._port_name, exc_info=True)

    # -- reading -------------------------------------------------------------------------

    def _read(self, timeout: float) -> ScanRead:
        deadline = time.monotonic() + max(0.0, timeout)
        have_read = False
        while True:
            code = self._framer.next_code()
            if code is not None:
                return code
            if have_read and time.monotonic() >= deadline:
                return NothingScanned()
            port = self._open()
            if isinstance(port, ScannerFault):
                return after(deadline, port)
            try:
                port.timeout = max(0.0, deadline - time.monotonic())
                # At least one byte, waiting for it; then all that has already arrived.
                chunk = port.read(max(1, port.in_waiting))
            except _PORT_ERRORS as error:
                return after(deadline, self._fail(error))
            have_read = True
            if not chunk:  # pyserial raises for a vanished device, so this is the timeout
                return NothingScanned()
            self._framer.feed(chunk)

    # -- port handling -------------------------------------------------------------------

    def _open(self) -> serial.Serial | ScannerFault:
        if self._serial is None:
            try:
                # pyserial discards what the OS had buffered on opening a posix port, which
                # suits us: nobody was listening for those codes.
                self._serial = serial.serial_for_url(
                    self._port_name, baudrate=self._baudrate, timeout=0
                )
            except (*_PORT_ERRORS, ValueError) as error:
                return ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE, str(error))
            self._framer.clear()
            logger.info("QR scanner port %s opened", self._port_name)
        return self._serial

    def _fail(self, error: Exception) -> ScannerFault:
        """Forget the port (and any half-received code) after an I/O error."""
        self.close()
        return ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE, str(error))
