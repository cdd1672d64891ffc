"""The receipt printer as the kiosk sees it: check, print, check again.

Expected device failures come back as values (`NotPrinted`, `PrinterProblem`);
the connection is opened lazily and dropped on any failure, so an unplugged and
replugged printer needs no special handling.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from drivers.printer.commands import StatusRequest, encode_receipt
from drivers.printer.connection import ConnectionFailedError, PrinterLink, open_connection
from drivers.printer.document import Paper, ReceiptDocument
from drivers.printer.status import (
    InvalidStatusReplyError,
    PrinterProblem,
    PrinterStatus,
    parse_status,
)
from drivers.printer.uri import PrinterTarget, parse_printer_uri

logger = logging.getLogger(__name__)

# Real-time status is answered within milliseconds; 2 s allows for a printer busy
# cutting or a USB-serial adapter's latency without making a dead printer slow to report.
DEFAULT_STATUS_TIMEOUT_S = 2.0

_QUERIES = (StatusRequest.PRINTER, StatusRequest.OFFLINE_CAUSE, StatusRequest.PAPER_SENSOR)


@dataclass(frozen=True)
class Printed:
    """The receipt went out.

    `confirmed` is False when the printer cannot report status (file://), so only
    the sending is certain; `substituted` lists characters printed as 〓.
    """

    confirmed: bool = True
    paper_near_end: bool = False
    substituted: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotPrinted:
    """The receipt is not (completely) printed; the caller keeps it for a reprint."""

    problem: PrinterProblem
    message: str


PrintResult = Printed | NotPrinted
Reading = PrinterStatus | PrinterProblem


class EscPosPrinter:
    """An ESC/POS receipt printer reached through a printer URI."""

    def __init__(
        self,
        uri: str,
        paper: Paper = Paper.MM80,
        *,
        status_timeout: float = DEFAULT_STATUS_TIMEOUT_S,
        connect: Callable[[PrinterTarget], PrinterLink] = open_connection,
    ) -> None:
        """Validate the URI now (raises `PrinterUriError`); connect on first use."""
        self._target = parse_printer_uri(uri)
        self._paper = paper
        self._status_timeout = status_timeout
        self._connect = connect
        self._conn: PrinterLink | None = None
        self._lock = threading.Lock()
        self._last_reading: Reading | None = None
        self._last_failure = ""

    @property
    def paper(self) -> Paper:
        """The roll width receipts are laid out for."""
        return self._paper

    def status(self) -> Reading:
        """Current status, or DISCONNECTED / NO_STATUS when it cannot be read."""
        with self._lock:
            return self._read_status(retry_stale=True)

    def print_document(self, doc: ReceiptDocument) -> PrintResult:
        """Print if the printer is ready, and report whether it stayed ready."""
        encoded = encode_receipt(doc, self._paper)
        with self._lock:
            before = self._read_status(retry_stale=True)
            problem = _stopping_problem(before)
            if problem is not None:
                return self._not_printed(problem)
            try:
                conn = self._connection()
                conn.write(encoded.data)
            except ConnectionFailedError as exc:
                self._forget(exc)
                return self._not_printed(PrinterProblem.DISCONNECTED)
            # A stale link must not be retried here: the job may have died with it.
            after = self._read_status(
                retry_stale=False, extra_wait=conn.transfer_seconds(len(encoded.data))
            )
            problem = _stopping_problem(after)
            if problem is not None:
                return self._not_printed(problem)
            return Printed(
                confirmed=isinstance(after, PrinterStatus),
                paper_near_end=isinstance(after, PrinterStatus) and after.paper_near_end,
                substituted=encoded.substituted,
            )

    def close(self) -> None:
        """Let go of the device; the next call reconnects."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _read_status(self, retry_stale: bool, extra_wait: float = 0.0) -> Reading:
        reused = self._conn is not None
        reading = self._query_once(extra_wait)
        if reading is PrinterProblem.DISCONNECTED and retry_stale and reused:
            # The link we reused was dead (printer restarted); one fresh attempt.
            reading = self._query_once(extra_wait)
        self._note(reading)
        return reading

    def _query_once(self, extra_wait: float) -> Reading:
        try:
            conn = self._connection()
            replies: list[int] = []
            for n in _QUERIES:
                reply = conn.request_status(n, self._status_timeout + extra_wait)
                if reply is None:
                    return PrinterProblem.NO_STATUS
                replies.append(reply)
                extra_wait = 0.0
            return parse_status(*replies)
        except (ConnectionFailedError, InvalidStatusReplyError) as exc:
            # A garbled reply means the link is out of step (or at the wrong baud rate).
            self._forget(exc)
            return PrinterProblem.DISCONNECTED

    def _connection(self) -> PrinterLink:
        if self._conn is None:
            self._conn = self._connect(self._target)
        return self._conn

    def _forget(self, reason: Exception) -> None:
        logger.debug("Dropping printer connection: %s", reason)
        self._last_failure = str(reason)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _not_printed(self, problem: PrinterProblem) -> NotPrinted:
        logger.warning("Receipt not printed: %s", problem.name)
        return NotPrinted(problem, problem.message)

    def _note(self, reading: Reading) -> None:
        """Log the status only when it changes, so polling does not flood the log."""
        if reading == self._last_reading:
            return
        self._last_reading = reading
        if reading is PrinterProblem.DISCONNECTED:
            logger.warning("Printer disconnected: %s", self._last_failure)
        elif isinstance(reading, PrinterProblem):
            logger.warning("Printer status unavailable: %s", reading.name)
        elif (problem := reading.problem()) is not None:
            logger.warning("Printer problem: %s (%s)", problem.name, reading)
        else:
            logger.info("Printer ready%s", ", paper near end" if reading.paper_near_end else "")


def _stopping_problem(reading: Reading) -> PrinterProblem | None:
    if isinstance(reading, PrinterProblem):
        return reading if reading.stops_printing else None
    return reading.problem()
