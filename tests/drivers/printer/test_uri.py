"""Printer URIs from the configuration."""

from __future__ import annotations

import pytest

from drivers.printer.uri import (
    FileTarget,
    PrinterTarget,
    PrinterUriError,
    SerialTarget,
    TcpTarget,
    UsbTarget,
    parse_printer_uri,
)


@pytest.mark.parametrize(
    ("uri", "target"),
    [
        ("usb://04b8:0202", UsbTarget(0x04B8, 0x0202)),
        ("usb://0x0416:0x5011?in_ep=0x81&out_ep=0x03", UsbTarget(0x0416, 0x5011, 0x81, 0x03)),
        ("serial:///dev/ttyS0?baudrate=115200", SerialTarget("/dev/ttyS0", 115200)),
        ("serial:///dev/ttyUSB0", SerialTarget("/dev/ttyUSB0", 9600)),
        ("tcp://192.168.1.50:9100", TcpTarget("192.168.1.50", 9100)),
        ("tcp://printer.local", TcpTarget("printer.local", 9100)),
        ("tcp://[::1]:9101?timeout=2.5", TcpTarget("::1", 9101, 2.5)),
        ("file:///dev/usb/lp0", FileTarget("/dev/usb/lp0")),
        ("  FILE:///dev/usb/lp0  ", FileTarget("/dev/usb/lp0")),
    ],
)
def test_good_uris_parse_to_their_target(uri: str, target: PrinterTarget) -> None:
    assert parse_printer_uri(uri) == target


@pytest.mark.parametrize(
    ("uri", "complaint"),
    [
        ("", "empty"),
        ("/dev/usb/lp0", "no scheme"),
        ("lpt://1", "not supported"),
        ("usb://04b8", "usb://VID:PID"),
        ("usb://04g8:0202", "hexadecimal"),
        ("usb://0000:0202", "zero"),
        ("usb://04b8:0202?in_ep=0x01", "IN endpoint"),
        ("usb://04b8:0202?out_ep=0x81", "OUT endpoint"),
        ("usb://04b8:0202?speed=1", "unknown options"),
        ("serial://dev/ttyS0", "three slashes"),
        ("serial:///dev/ttyS0?baudrate=11520", "baudrate"),
        ("serial:///dev/ttyS0?baud=9600", "unknown options: baud"),
        ("serial:///", "absolute device path"),
        ("tcp://:9100", "no host"),
        ("tcp://printer:99999", "invalid port"),
        ("tcp://printer:0", "port 0"),
        ("tcp://printer:9100/queue", "path"),
        ("tcp://printer?timeout=-1", "timeout"),
        ("tcp://printer?timeout=1&timeout=2", "more than once"),
        ("file://lp0", "three slashes"),
        ("file:///dev/usb/lp0#x", "fragment"),
    ],
)
def test_bad_uris_are_refused_naming_the_problem(uri: str, complaint: str) -> None:
    with pytest.raises(PrinterUriError, match=complaint):
        parse_printer_uri(uri)
