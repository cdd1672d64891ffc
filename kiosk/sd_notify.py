"""Tells systemd how a service is doing (sd_notify): READY=1 once it serves, WATCHDOG=1 while
it is alive, STATUS= for `systemctl status`, STOPPING=1 on the way out.

systemd hands a service of Type=notify the address of a datagram socket in $NOTIFY_SOCKET (a
path, or an abstract name written with a leading "@"); with WatchdogSec= it also sets
$WATCHDOG_USEC (and $WATCHDOG_PID, the one process the limit is meant for) and kills the
service when no WATCHDOG=1 arrives within that time. Outside systemd (a demo, a test, a
technician's shell) none of this is set and the notifier does nothing. Standard library only:
the protocol is one datagram per message.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from typing import Protocol

log = logging.getLogger(__name__)


class Notifier(Protocol):
    def ready(self) -> None: ...
    def ping(self) -> None: ...
    def status(self, text: str) -> None: ...
    def stopping(self) -> None: ...


class SocketNotifier:
    """Sends each message as one datagram to systemd's notify socket.

    A send that fails (systemd restarting, the socket gone) is logged once and otherwise
    ignored: telling systemd is never worth stopping the kiosk for."""

    def __init__(self, address: str) -> None:
        # An abstract socket's name starts with a NUL byte; systemd writes it as "@".
        self._address = "\0" + address[1:] if address.startswith("@") else address
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.setblocking(False)  # never wait on systemd from the event loop
        self._failing = False

    def send(self, message: str) -> None:
        try:
            self._socket.sendto(message.encode("utf-8"), self._address)
        except OSError as exc:
            if not self._failing:
                log.warning("systemd notify socket unreachable", extra={"reason": str(exc)})
            self._failing = True
            return
        self._failing = False

    def ready(self) -> None:
        self.send("READY=1")

    def ping(self) -> None:
        self.send("WATCHDOG=1")

    def status(self, text: str) -> None:
        # One message per datagram; a newline would start another assignment.
        self.send("STATUS=" + " ".join(text.split()))

    def stopping(self) -> None:
        self.send("STOPPING=1")

    def close(self) -> None:
        self._socket.close()


class SilentNotifier:
    """Not under systemd: every message goes nowhere."""

    def ready(self) -> None:
        pass

    def ping(self) -> None:
        pass

    def status(self, text: str) -> None:
        pass

    def stopping(self) -> None:
        pass


def notifier(environ: Mapping[str, str] | None = None) -> SocketNotifier | SilentNotifier:
    """The notifier for this process: systemd's socket if $NOTIFY_SOCKET names one."""
    address = (os.environ if environ is None else environ).get("NOTIFY_SOCKET", "")
    return SocketNotifier(address) if address else SilentNotifier()


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds between WATCHDOG=1 pings (half systemd's limit, as sd_watchdog_enabled
    advises), or None when no watchdog watches this process."""
    env = os.environ if environ is None else environ
    try:
        limit_us = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if limit_us <= 0:
        return None
    pid = env.get("WATCHDOG_PID")
    if pid and pid != str(os.getpid()):
        return None  # meant for another process of the service
    return limit_us / 1_000_000 / 2


NOTIFY_VARIABLES = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")


def without_notify(environ: Mapping[str, str]) -> dict[str, str]:
    """`environ` for a child process that must not speak for this service to systemd: a
    helper's pings would keep a stalled touchscreen looking alive."""
    return {key: value for key, value in environ.items() if key not in NOTIFY_VARIABLES}
