"""A serial QR/barcode scanner simulated on a pseudo-terminal, byte for byte (the fakes layer).

``SerialQrScanner`` opens the pty's slave side exactly as it opens a real scanner's port, so
tests and demos exercise the real driver, framing and recovery paths. ``scan`` sends a code
the way a scanner does: its bytes in the scanner's output encoding, then the terminator.

Like a real scanner, the simulator sends whether or not anyone is reading: bytes go out from
a background thread as the line accepts them, so a long code never blocks the caller. With a
``link`` path, ``start`` points a symlink there at the pty (as udev names a scanner under
/dev/serial/by-id/), so a scanner opened on the link sees the device go away on ``stop`` and
come back on the next ``start``, as with unplugging and plugging in again.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import threading
import tty
from pathlib import Path

from drivers.closing import StopsOnExit

logger = logging.getLogger(__name__)

# How often the sending thread looks at the stop flag while it has nothing to send or the
# line is full.
_IDLE_WAIT = 0.05


class ScannerSimulator(StopsOnExit):
    """Sends codes on the master side of a pty; hand ``start()``'s path to a scanner."""

    def __init__(self, link: str | os.PathLike[str] | None = None) -> None:
        self._link = Path(link) if link is not None else None
        self._master = -1
        self._slave = -1
        self._path = ""
        self._outbox: queue.Queue[bytes] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> str:
        """Open the pty, start sending, and return the path a scanner should open.

        That is the link when one was given, else the pty's own slave path.
        """
        if self._thread is not None:
            return self._path
        master, slave = os.openpty()
        # Raw on both ends: no echo, no CR/LF translation, no XON/XOFF eating 0x11/0x13.
        tty.setraw(master)
        tty.setraw(slave)
        os.set_blocking(master, False)
        # We keep the slave open ourselves so the master never sees a hang-up between a
        # scanner closing the port and opening it again.
        self._master, self._slave = master, slave
        self._path = os.ttyname(slave)
        if self._link is not None:
            _point_link(self._link, self._path)
            self._path = str(self._link)
        self._outbox = queue.Queue()
        self._stop.clear()
        self._thread = threading.Thread(target=self._send, name="qr-simulator", daemon=True)
        self._thread.start()
        return self._path

    def stop(self) -> None:
        """Stop and close the pty; an open scanner sees the device vanish. Unsent bytes are
        lost, as with a cable pulled out."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join(timeout=2.0)
        self._thread = None
        for fd in (self._master, self._slave):
            os.close(fd)
        self._master = self._slave = -1
        if self._link is not None:
            self._link.unlink(missing_ok=True)

    @property
    def path(self) -> str:
        """Where a scanner should open the simulated device; empty before ``start``."""
        return self._path

    # -- what the scanner sends ----------------------------------------------------------

    def scan(self, text: str, encoding: str = "utf-8", terminator: bytes = b"\r") -> None:
        """Send ``text`` as a scanner set to ``encoding`` output and ``terminator`` does."""
        self.send_raw(text.encode(encoding) + terminator)

    def send_raw(self, data: bytes) -> None:
        """Send exactly these bytes (a part of a code, line noise, an over-long line)."""
        if self._thread is None:
            raise RuntimeError("the scanner simulator is not started")
        self._outbox.put(bytes(data))

    # -- sending -------------------------------------------------------------------------

    def _send(self) -> None:
        pending = b""
        while not self._stop.is_set():
            if not pending:
                try:
                    pending = self._outbox.get(timeout=_IDLE_WAIT)
                except queue.Empty:
                    continue
            # The pty holds a few kB; past that, wait for the scanner to read.
            if not select.select([], [self._master], [], _IDLE_WAIT)[1]:
                continue
            try:
                written = os.write(self._master, pending)
            except BlockingIOError:
                continue
            except OSError:
                logger.exception("QR scanner simulator stopped sending")
                return
            pending = pending[written:]


def _point_link(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target``, replacing whatever is there, in one step."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target)
    os.replace(staging, link)
