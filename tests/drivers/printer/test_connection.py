"""Opening printer links, and the python-escpos cache directory of the serial and USB ones."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drivers.printer import PrinterSimulator, extract_text
from drivers.printer.commands import StatusRequest
from drivers.printer.connection import (
    PICKLE_DIR_VARIABLE,
    ConnectionFailedError,
    ensure_escpos_cache_dir,
    open_connection,
)
from drivers.printer.uri import FileTarget, SerialTarget, TcpTarget, parse_printer_uri


def test_cache_dir_defaults_under_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Empty counts as unset; setenv (unlike delenv of an absent name) restores afterwards.
    monkeypatch.setenv(PICKLE_DIR_VARIABLE, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    path = ensure_escpos_cache_dir()

    assert path == tmp_path / "gov-kiosk" / "escpos"
    assert path.is_dir()
    assert os.environ[PICKLE_DIR_VARIABLE] == str(path)


def test_configured_cache_dir_is_kept_and_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PICKLE_DIR_VARIABLE, str(tmp_path / "mine"))

    assert ensure_escpos_cache_dir() == tmp_path / "mine"
    assert (tmp_path / "mine").is_dir()


def test_file_link_appends_and_cannot_read_status(tmp_path: Path) -> None:
    device_file = tmp_path / "lp0"
    device_file.write_bytes(b"old")

    link = open_connection(FileTarget(str(device_file)))
    link.write(b"new")
    reply = link.request_status(StatusRequest.PRINTER, 0.1)
    link.close()

    assert device_file.read_bytes() == b"oldnew"
    assert reply is None


def test_unreachable_targets_fail_as_connection_errors(tmp_path: Path) -> None:
    with pytest.raises(ConnectionFailedError):
        open_connection(FileTarget(str(tmp_path / "absent")))
    with pytest.raises(ConnectionFailedError):
        open_connection(SerialTarget(str(tmp_path / "ttyS9"), 9600))
    with pytest.raises(ConnectionFailedError):
        open_connection(TcpTarget("127.0.0.1", 9, timeout=1))


def test_a_receipt_reaches_a_tcp_printer_without_python_escpos_or_pillow(
    simulator: PrinterSimulator, output: Path
) -> None:
    script = (
        "import sys\n"
        "from drivers.printer import EscPosPrinter, ReceiptDocument, Text\n"
        f"printer = EscPosPrinter({simulator.uri!r})\n"
        "result = printer.print_document(ReceiptDocument((Text('办件回执'),)))\n"
        "printer.close()\n"
        "print(type(result).__name__, [m for m in ('escpos', 'PIL') if m in sys.modules])\n"
    )

    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )

    assert run.stdout.split(maxsplit=1) == ["Printed", "[]\n"]
    assert "办件回执" in extract_text(output.read_bytes())


def test_a_tcp_link_sends_status_requests_at_once_not_after_the_printers_ack(
    simulator: PrinterSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[socket.socket] = []
    create_connection = socket.create_connection

    def recording(*args: Any, **kwargs: Any) -> socket.socket:
        opened.append(create_connection(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(socket, "create_connection", recording)
    link = open_connection(parse_printer_uri(simulator.uri))

    (sock,) = opened
    assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    link.close()
