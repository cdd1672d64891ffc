"""Printer URIs from the kiosk configuration, checked strictly so typos fail at startup.

usb://VID:PID (hex), serial:///dev/ttyS0?baudrate=115200, tcp://HOST[:9100],
file:///dev/usb/lp0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

_EXAMPLES = (
    "usb://04b8:0202, serial:///dev/ttyS0?baudrate=115200, tcp://192.168.1.50:9100 "
    "or file:///dev/usb/lp0"
)
_HEX_ID = re.compile(r"(?:0[xX])?([0-9a-fA-F]{1,4})")
_BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)


class PrinterUriError(ValueError):
    """The configured printer URI cannot be used; the message says why."""


@dataclass(frozen=True)
class UsbTarget:
    """A USB printer found by vendor and product id, talked to through libusb."""

    vendor_id: int
    product_id: int
    in_ep: int = 0x82
    out_ep: int = 0x01


@dataclass(frozen=True)
class SerialTarget:
    """A printer on a serial port; 9600 baud is the usual factory setting."""

    device: str
    baudrate: int = 9600


@dataclass(frozen=True)
class TcpTarget:
    """A network printer on its raw port."""

    host: str
    port: int = 9100
    timeout: float = 10.0


@dataclass(frozen=True)
class FileTarget:
    """A device file (e.g. the usblp kernel driver); write-only, so no status."""

    path: str


PrinterTarget = UsbTarget | SerialTarget | TcpTarget | FileTarget


def parse_printer_uri(uri: str) -> PrinterTarget:
    """Parse and validate; raises `PrinterUriError` naming the problem."""
    text = uri.strip()
    if not text:
        raise PrinterUriError(f"printer URI is empty; use one of {_EXAMPLES}")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise PrinterUriError(f"printer URI {uri!r} is malformed: {exc}") from exc
    if parts.fragment:
        raise PrinterUriError(f"printer URI {uri!r} must not have a '#' fragment")
    query = _query(uri, parts.query)
    match parts.scheme.lower():
        case "usb":
            return _usb(uri, parts.netloc, parts.path, query)
        case "serial":
            _no_host(uri, parts.netloc, "serial:///dev/ttyS0")
            baudrate = _baudrate(uri, query.pop("baudrate", "9600"))
            _no_options(uri, query)
            return SerialTarget(_absolute_path(uri, parts.path), baudrate)
        case "tcp":
            return _tcp(uri, parts, query)
        case "file":
            _no_host(uri, parts.netloc, "file:///dev/usb/lp0")
            _no_options(uri, query)
            return FileTarget(_absolute_path(uri, parts.path))
        case "":
            raise PrinterUriError(f"printer URI {uri!r} has no scheme; use one of {_EXAMPLES}")
        case other:
            raise PrinterUriError(
                f"printer URI scheme {other!r} is not supported; use one of {_EXAMPLES}"
            )


def _query(uri: str, raw: str) -> dict[str, str]:
    try:
        values = parse_qs(raw, keep_blank_values=True, strict_parsing=bool(raw))
    except ValueError as exc:
        raise PrinterUriError(f"printer URI {uri!r} has a malformed query: {exc}") from exc
    for key, found in values.items():
        if len(found) > 1:
            raise PrinterUriError(f"printer URI {uri!r} gives {key!r} more than once")
    return {key: found[0] for key, found in values.items()}


def _no_options(uri: str, query: dict[str, str]) -> None:
    if query:
        names = ", ".join(sorted(query))
        raise PrinterUriError(f"printer URI {uri!r} has unknown options: {names}")


def _no_host(uri: str, netloc: str, example: str) -> None:
    if netloc and netloc != "localhost":
        raise PrinterUriError(
            f"printer URI {uri!r} puts {netloc!r} where the host goes; "
            f"write the path after three slashes, like {example}"
        )


def _absolute_path(uri: str, path: str) -> str:
    path = unquote(path)
    if not path.startswith("/") or path.rstrip("/") == "":
        raise PrinterUriError(f"printer URI {uri!r} needs an absolute device path")
    return path


def _usb(uri: str, netloc: str, path: str, query: dict[str, str]) -> UsbTarget:
    ids = netloc.split(":")
    matches = [_HEX_ID.fullmatch(part) for part in ids]
    if len(ids) != 2 or not all(matches) or path not in ("", "/"):
        raise PrinterUriError(
            f"printer URI {uri!r} must be usb://VID:PID with hexadecimal ids, like usb://04b8:0202"
        )
    vendor, product = (int(match.group(1), 16) for match in matches if match)
    if vendor == 0 or product == 0:
        raise PrinterUriError(f"printer URI {uri!r} has a zero USB vendor or product id")
    in_ep = _endpoint(uri, query.pop("in_ep", "0x82"), "in_ep", inbound=True)
    out_ep = _endpoint(uri, query.pop("out_ep", "0x01"), "out_ep", inbound=False)
    _no_options(uri, query)
    return UsbTarget(vendor, product, in_ep, out_ep)


def _endpoint(uri: str, raw: str, name: str, inbound: bool) -> int:
    try:
        value = int(raw, 0)
    except ValueError:
        value = -1
    # Bit 7 of a USB endpoint address is its direction: set for IN, clear for OUT.
    if not 0 < value <= 0xFF or bool(value & 0x80) != inbound:
        direction = "an IN endpoint (0x81..0x8F)" if inbound else "an OUT endpoint (0x01..0x0F)"
        raise PrinterUriError(f"printer URI {uri!r}: {name}={raw!r} is not {direction}")
    return value


def _baudrate(uri: str, raw: str) -> int:
    if not raw.isdigit() or int(raw) not in _BAUD_RATES:
        rates = ", ".join(map(str, _BAUD_RATES))
        raise PrinterUriError(f"printer URI {uri!r}: baudrate={raw!r} is not one of {rates}")
    return int(raw)


def _tcp(uri: str, parts: SplitResult, query: dict[str, str]) -> TcpTarget:
    if not parts.hostname:
        raise PrinterUriError(f"printer URI {uri!r} has no host; use tcp://HOST:9100")
    if parts.path not in ("", "/"):
        raise PrinterUriError(f"printer URI {uri!r} must not have a path after the port")
    try:
        port = parts.port
    except ValueError as exc:
        raise PrinterUriError(f"printer URI {uri!r} has an invalid port: {exc}") from exc
    if port == 0:
        raise PrinterUriError(f"printer URI {uri!r} has port 0; printers listen on 9100")
    raw_timeout = query.pop("timeout", "10")
    try:
        timeout = float(raw_timeout)
    except ValueError:
        timeout = 0.0
    if not 0 < timeout <= 300:
        raise PrinterUriError(f"printer URI {uri!r}: timeout={raw_timeout!r} must be 0..300 s")
    _no_options(uri, query)
    return TcpTarget(parts.hostname, 9100 if port is None else port, timeout)
