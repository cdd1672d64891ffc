"""A network receipt printer on loopback that speaks the real bytes, for tests and demos.

Print data is appended to a file exactly as received; DLE EOT requests are
answered from a state that a test, or another process through a JSON state file,
can change at any moment, including in the middle of a job. Optionally each receipt
is also rendered, at its cut, to receipt-0001.png, receipt-0002.png, ... so tests and
demo mode can look at what was printed.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from drivers.closing import StopsOnExit
from drivers.printer.document import Paper
from drivers.printer.render import ReceiptRenderer, save_pngs
from drivers.printer.status import PrinterStatus, status_reply
from drivers.printer.stream import UnknownCommandError, status_request_n, unit_length

logger = logging.getLogger(__name__)

STATE_FLAGS = ("paper_out", "paper_near_end", "cover_open", "offline", "error")
PNG_PREFIX = "receipt"
_RECV_SIZE = 65536


@dataclass(frozen=True)
class SimulatedState:
    """The conditions the simulated printer reports."""

    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    offline: bool = False
    error: bool = False

    def as_status(self) -> PrinterStatus:
        """The status this state reports; the reply encoder adds the implied offline bit."""
        return PrinterStatus(
            online=not (self.paper_out or self.cover_open or self.offline or self.error),
            cover_open=self.cover_open,
            paper_out=self.paper_out,
            paper_near_end=self.paper_near_end,
            offline=self.offline,
            error=self.error,
        )


def write_state_file(path: Path, **flags: bool) -> None:
    """Write a state file atomically, so the simulator never reads half of it."""
    unknown = set(flags) - set(STATE_FLAGS)
    if unknown:
        raise ValueError(f"unknown printer state flags: {sorted(unknown)}")
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(flags), encoding="utf-8")
    os.replace(temporary, path)


@dataclass
class _Client:
    sock: socket.socket
    pending: bytearray = field(default_factory=bytearray)


class PrinterSimulator(StopsOnExit):
    """Listens on 127.0.0.1; `start()` returns the tcp:// URI to give EscPosPrinter."""

    def __init__(
        self,
        output: Path,
        state_file: Path | None = None,
        *,
        port: int = 0,
        on_print_data: Callable[[bytes], None] | None = None,
        png_dir: Path | None = None,
        paper: Paper = Paper.MM80,
    ) -> None:
        """`on_print_data` sees print bytes before any later status request is answered.

        With `png_dir`, every cut also writes the receipt as printed on `paper` to the next
        free receipt-NNNN.png there, before the callback and any later status reply.
        """
        self._output = output
        self._png_dir = png_dir
        self._renderer = ReceiptRenderer(paper) if png_dir is not None else None
        self._png_number = _next_png_number(png_dir) if png_dir is not None else 1
        self._state_file = state_file
        self._port = port
        self._on_print_data = on_print_data
        self._state = SimulatedState()
        self._state_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._wake_send: socket.socket | None = None

    @property
    def uri(self) -> str:
        """Where the simulator listens; the port is kept across stop() and start()."""
        return f"tcp://127.0.0.1:{self._port}"

    def start(self) -> str:
        """Bind (port 0 picks a free one the first time) and serve in a daemon thread."""
        if self._thread is not None:
            return self.uri
        listener = socket.create_server(("127.0.0.1", self._port))
        self._port = listener.getsockname()[1]
        self._output.touch()
        wake_receive, self._wake_send = socket.socketpair()
        self._thread = threading.Thread(
            target=self._serve, args=(listener, wake_receive), name="printer-simulator", daemon=True
        )
        self._thread.start()
        return self.uri

    def stop(self) -> None:
        """Close the listener and every connection, as a printer switched off would."""
        if self._thread is None or self._wake_send is None:
            return
        self._wake_send.send(b"x")
        self._thread.join()
        self._wake_send.close()
        self._thread = None
        self._wake_send = None

    def set_state(
        self,
        *,
        paper_out: bool | None = None,
        paper_near_end: bool | None = None,
        cover_open: bool | None = None,
        offline: bool | None = None,
        error: bool | None = None,
    ) -> None:
        """Change the in-memory state; flags left as None keep their value."""
        given = {
            "paper_out": paper_out,
            "paper_near_end": paper_near_end,
            "cover_open": cover_open,
            "offline": offline,
            "error": error,
        }
        with self._state_lock:
            self._state = replace(self._state, **{k: v for k, v in given.items() if v is not None})

    def state(self) -> SimulatedState:
        """The state a status request would see now: memory, overridden by the state file."""
        with self._state_lock:
            state = self._state
        return replace(state, **self._read_state_file())

    def _read_state_file(self) -> dict[str, bool]:
        if self._state_file is None:
            return {}
        try:
            content = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            logger.debug("Ignoring printer state file %s: %s", self._state_file, exc)
            return {}
        if not isinstance(content, dict):
            return {}
        known = {f.name for f in fields(SimulatedState)}
        return {k: v for k, v in content.items() if k in known and isinstance(v, bool)}

    def _serve(self, listener: socket.socket, wake: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        listener.setblocking(False)
        selector.register(listener, selectors.EVENT_READ, "listen")
        selector.register(wake, selectors.EVENT_READ, "wake")
        clients: list[_Client] = []
        try:
            while True:
                for key, _ in selector.select():
                    if key.data == "wake":
                        return
                    if key.data == "listen":
                        sock, _ = listener.accept()
                        client = _Client(sock)
                        clients.append(client)
                        selector.register(sock, selectors.EVENT_READ, client)
                    elif not self._receive(key.data):
                        selector.unregister(key.data.sock)
                        key.data.sock.close()
                        clients.remove(key.data)
        finally:
            for client in clients:
                self._emit(bytes(client.pending))
                client.sock.close()
            selector.close()
            listener.close()
            wake.close()

    def _receive(self, client: _Client) -> bool:
        """Handle incoming bytes; False once the client has gone."""
        try:
            data = client.sock.recv(_RECV_SIZE)
        except OSError:
            data = b""
        if not data:
            self._emit(bytes(client.pending))
            return False
        client.pending += data
        self._process(client)
        return True

    def _process(self, client: _Client) -> None:
        buf = client.pending
        pos = 0
        printed = bytearray()
        while pos < len(buf):
            try:
                length = unit_length(buf, pos)
            except UnknownCommandError:
                length = 1
            if length is None:
                break
            n = status_request_n(buf, pos, length)
            if n is None:
                printed += buf[pos : pos + length]
            else:
                self._emit(bytes(printed))
                printed.clear()
                reply = status_reply(n, self.state().as_status())
                if reply is not None:
                    self._reply(client, reply)
            pos += length
        self._emit(bytes(printed))
        del buf[:pos]

    @staticmethod
    def _reply(client: _Client, reply: int) -> None:
        try:
            client.sock.sendall(bytes((reply,)))
        except OSError as exc:
            # The client went away; its next read event closes the connection.
            logger.debug("Status reply not delivered: %s", exc)

    def _emit(self, data: bytes) -> None:
        if not data:
            return
        with self._output.open("ab") as out:
            out.write(data)
        self._render(data)
        if self._on_print_data is not None:
            self._on_print_data(data)

    def _render(self, data: bytes) -> None:
        if self._renderer is None or self._png_dir is None:
            return
        receipts = self._renderer.feed(data)
        if not receipts:
            return
        try:
            paths = save_pngs(receipts, self._png_dir / PNG_PREFIX, self._png_number)
        except OSError as exc:
            # A picture for people to look at; the print itself went through.
            logger.warning("Receipt image not written to %s: %s", self._png_dir, exc)
            return
        self._png_number += len(paths)
        logger.info("Receipt rendered to %s", ", ".join(p.name for p in paths))


def _next_png_number(png_dir: Path) -> int:
    """One past the highest receipt-NNNN.png already there, so a restart adds, never overwrites."""
    numbers = [
        int(suffix)
        for path in png_dir.glob(f"{PNG_PREFIX}-*.png")
        if (suffix := path.stem.removeprefix(f"{PNG_PREFIX}-")).isdigit()
    ]
    return max(numbers, default=0) + 1
