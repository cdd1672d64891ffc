"""Open a link to the printer a URI names and move raw bytes over it.

The bytes are our own (drivers.printer.commands), so a link only has to carry them: a TCP
printer gets a plain socket and a file:// one an open file, while serial and USB printers
go through python-escpos 3.1 backends (pyserial, and pyusb's device set-up). This is the
only module that imports escpos, and only for those two, after pointing its capabilities
cache at a stable directory: the package takes about 0.2 s to import.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from drivers.printer.commands import StatusRequest, status_request
from drivers.printer.uri import (
    FileTarget,
    PrinterTarget,
    PrinterUriError,
    SerialTarget,
    TcpTarget,
    UsbTarget,
    parse_printer_uri,
)

__all__ = [
    "ConnectionFailedError",
    "PrinterConnection",
    "PrinterLink",
    "PrinterUriError",
    "ensure_escpos_cache_dir",
    "open_connection",
    "parse_printer_uri",
]

PICKLE_DIR_VARIABLE = "ESCPOS_CAPABILITIES_PICKLE_DIR"
# A receipt is a few kB; even a 50 kB raster drains into a printer's buffer well within this.
USB_WRITE_TIMEOUT_MS = 10_000
# Interrupt-IN packets of full-speed printers are at most 64 bytes.
_USB_PACKET = 64
# 8 data bits plus start and stop bit.
_BITS_PER_SERIAL_BYTE = 10


class ConnectionFailedError(Exception):
    """The printer could not be reached, or the link broke or stayed silent."""


class PrinterLink(Protocol):
    """What the device layer needs from a connection; fakes implement it too."""

    def write(self, data: bytes) -> None:
        """Send bytes as they are; raise ConnectionFailedError if the link broke."""

    def request_status(self, n: StatusRequest, timeout: float) -> int | None:
        """Send DLE EOT n and return the reply byte; None if this link cannot read."""

    def transfer_seconds(self, size: int) -> float:
        """How long `size` bytes take on the wire."""

    def close(self) -> None:
        """Release the device."""


class _StatusLink(Protocol):
    def discard_input(self) -> None: ...

    def read_byte(self, timeout: float) -> bytes: ...


def ensure_escpos_cache_dir() -> Path:
    """Point python-escpos's capabilities pickle at a stable directory and create it.

    Without the variable each process parses the capabilities file afresh into a
    new temporary directory.
    """
    configured = os.environ.get(PICKLE_DIR_VARIABLE)
    if configured:
        path = Path(configured)
    else:
        cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(cache_home) / "gov-kiosk" / "escpos"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = Path(tempfile.gettempdir()) / f"gov-kiosk-escpos-{os.getuid()}"
        path.mkdir(parents=True, exist_ok=True)
    os.environ[PICKLE_DIR_VARIABLE] = str(path)
    return path


@functools.cache
def _escpos() -> Any:
    """The escpos package with .printer and .exceptions, imported after the cache dir is set."""
    ensure_escpos_cache_dir()
    import escpos.exceptions
    import escpos.printer

    return escpos


class _Backend(Protocol):
    def send(self, data: bytes) -> None:
        """Send all of `data`; raise OSError or ConnectionFailedError if the link broke."""

    def close(self) -> None:
        """Let go of the device; errors are moot by then."""


class PrinterConnection:
    """An open link: raw writes through the backend, one-byte status reads."""

    def __init__(
        self, backend: _Backend, link: _StatusLink | None, seconds_per_byte: float = 0.0
    ) -> None:
        self._backend = backend
        self._link = link
        self._seconds_per_byte = seconds_per_byte

    def write(self, data: bytes) -> None:
        """Send bytes as they are."""
        try:
            self._backend.send(data)
        except OSError as exc:
            raise ConnectionFailedError(f"writing to the printer failed: {exc}") from exc

    def request_status(self, n: StatusRequest, timeout: float) -> int | None:
        """Send DLE EOT n and return the reply byte; None if this link cannot read."""
        if self._link is None:
            return None
        try:
            self._link.discard_input()
            self._backend.send(status_request(n))
            reply = self._link.read_byte(timeout)
        except OSError as exc:
            raise ConnectionFailedError(f"status request failed: {exc}") from exc
        if not reply:
            raise ConnectionFailedError(f"no reply to DLE EOT {int(n)} within {timeout:g} s")
        return reply[0]

    def transfer_seconds(self, size: int) -> float:
        """How long `size` bytes take on the wire; only slow serial links matter."""
        return size * self._seconds_per_byte

    def close(self) -> None:
        self._backend.close()


def open_connection(target: PrinterTarget) -> PrinterConnection:
    """Open the link for `target`; raises `ConnectionFailedError` if unreachable."""
    match target:
        case TcpTarget(host=host, port=port, timeout=timeout):
            try:
                sock = socket.create_connection((host, port), timeout=timeout)
                # A status request right after a receipt is 3 bytes: with Nagle's algorithm
                # they would wait for the printer's delayed ACK of the receipt (40 ms).
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError as exc:
                raise ConnectionFailedError(f"cannot open printer {target}: {exc}") from exc
            return PrinterConnection(_SocketBackend(sock), _SocketLink(sock))
        case FileTarget(path=path):
            try:
                handle = _open_existing(path)
            except OSError as exc:
                raise ConnectionFailedError(f"cannot open printer {target}: {exc}") from exc
            return PrinterConnection(_FileBackend(handle), None)
        case SerialTarget() | UsbTarget():
            return _open_with_escpos(target)


def _open_with_escpos(target: SerialTarget | UsbTarget) -> PrinterConnection:
    printers = _escpos().printer
    try:
        match target:
            case SerialTarget(device=device, baudrate=baudrate):
                backend = printers.Serial(devfile=device, baudrate=baudrate)
                backend.open()
                link: _StatusLink = _SerialLink(backend.device)
                return PrinterConnection(
                    _EscposBackend(backend), link, _BITS_PER_SERIAL_BYTE / baudrate
                )
            case UsbTarget():
                backend = printers.Usb(
                    target.vendor_id,
                    target.product_id,
                    timeout=USB_WRITE_TIMEOUT_MS,
                    in_ep=target.in_ep,
                    out_ep=target.out_ep,
                )
                backend.open()
                link = _UsbLink(backend.device, target.in_ep)
                return PrinterConnection(_EscposBackend(backend), link)
    except (OSError, ValueError, RuntimeError, _escpos().exceptions.Error) as exc:
        # RuntimeError: python-escpos's answer when pyusb or pyserial is missing.
        raise ConnectionFailedError(f"cannot open printer {target}: {exc}") from exc


class _SocketBackend:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def send(self, data: bytes) -> None:
        self._sock.sendall(data)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the printer may have closed its end first
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()


class _FileBackend:
    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def send(self, data: bytes) -> None:
        self._handle.write(data)
        self._handle.flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # a final flush to an unplugged device
            self._handle.close()


class _EscposBackend:
    """A python-escpos printer used as a byte pipe; its errors become ours."""

    def __init__(self, printer: Any) -> None:
        self._printer = printer

    def send(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except _escpos().exceptions.Error as exc:
            raise ConnectionFailedError(f"the printer link failed: {exc}") from exc

    def close(self) -> None:
        try:
            self._printer.close()
        except (OSError, _escpos().exceptions.Error):
            pass


def _open_existing(path: str) -> BinaryIO:
    """Open for appending, never creating: a missing /dev node means 'unplugged', and a
    capture file is not truncated on every reconnect."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND), "wb")


class _SocketLink:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def discard_input(self) -> None:
        """Drop a late reply to an earlier request so it is not taken for this one."""
        timeout = self._sock.gettimeout()
        self._sock.setblocking(False)
        try:
            while True:
                if not self._sock.recv(256):
                    raise ConnectionFailedError("the printer closed the connection")
        except BlockingIOError:
            pass
        finally:
            self._sock.settimeout(timeout)

    def read_byte(self, timeout: float) -> bytes:
        previous = self._sock.gettimeout()
        self._sock.settimeout(timeout)
        try:
            reply = self._sock.recv(1)
        except TimeoutError:
            return b""
        finally:
            self._sock.settimeout(previous)
        if not reply:
            raise ConnectionFailedError("the printer closed the connection")
        return reply


class _SerialLink:
    def __init__(self, port: Any) -> None:
        self._port = port

    def discard_input(self) -> None:
        self._port.reset_input_buffer()

    def read_byte(self, timeout: float) -> bytes:
        previous = self._port.timeout
        self._port.timeout = timeout
        try:
            return bytes(self._port.read(1))
        finally:
            self._port.timeout = previous


class _UsbLink:
    def __init__(self, device: Any, in_ep: int) -> None:
        self._device = device
        self._in_ep = in_ep

    def discard_input(self) -> None:
        """Replies arrive as whole packets on request, so nothing is left over."""

    def read_byte(self, timeout: float) -> bytes:
        # A missed reply surfaces as pyusb's USBTimeoutError, an OSError.
        return bytes(self._device.read(self._in_ep, _USB_PACKET, int(timeout * 1000)))[:1]
