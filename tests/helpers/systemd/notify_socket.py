"""systemd's side of sd_notify, for tests: a bound AF_UNIX datagram socket that collects what
a service sends to $NOTIFY_SOCKET, each datagram timed on arrival."""

from __future__ import annotations

import select
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Notification:
    message: str  # one datagram, e.g. "WATCHDOG=1"
    at: float  # time.monotonic() when it was read


class NotifySocket:
    """Listens where $NOTIFY_SOCKET points (`address`, a path or an abstract "@name")."""

    def __init__(self, where: Path | str) -> None:
        self.address = str(where)
        bound = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(bound)
        self.received: list[Notification] = []
        self._listening = threading.Event()
        self._listener: threading.Thread | None = None

    def environment(self, watchdog_usec: int | None = None) -> dict[str, str]:
        """The variables systemd sets for a Type=notify service with this socket."""
        env = {"NOTIFY_SOCKET": self.address}
        if watchdog_usec is not None:
            env["WATCHDOG_USEC"] = str(watchdog_usec)
        return env

    def read(self, timeout_s: float) -> Notification | None:
        """The next datagram, waiting at most `timeout_s`; None if none came."""
        ready, _, _ = select.select([self._socket], [], [], timeout_s)
        if not ready:
            return None
        data = self._socket.recv(4096)
        note = Notification(data.decode("utf-8"), time.monotonic())
        self.received.append(note)
        return note

    def wait_for(self, message: str, timeout_s: float = 30.0) -> Notification:
        """Read until `message` arrives; fails after `timeout_s` without it."""
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            note = self.read(left)
            if note is not None and note.message == message:
                return note
        raise AssertionError(f"no {message!r} in {timeout_s} s: {self.messages()}")

    def drain(self) -> list[Notification]:
        """Whatever has arrived and not been read yet."""
        notes = []
        while (note := self.read(0)) is not None:
            notes.append(note)
        return notes

    def messages(self) -> list[str]:
        return [note.message for note in self.received]

    def listen_in_background(self) -> None:
        """Read on a thread of its own from now on, so each datagram is timed as it arrives
        even while the test's own thread is busy (or its event loop is stalled)."""
        self._listening.set()

        def listen() -> None:
            while self._listening.is_set():
                self.read(0.01)

        self._listener = threading.Thread(target=listen, name="notify-socket", daemon=True)
        self._listener.start()

    def arrived(self, message: str, after: float, before: float) -> list[Notification]:
        """The datagrams saying `message` that arrived between two monotonic times."""
        return [n for n in list(self.received) if n.message == message and after < n.at < before]

    def close(self) -> None:
        self._listening.clear()
        if self._listener is not None:
            self._listener.join()
        self._socket.close()
        if not self.address.startswith("@"):
            Path(self.address).unlink(missing_ok=True)

    def __enter__(self) -> NotifySocket:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
