"""The loopback printer simulator answers like the real thing."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from drivers.printer.commands import StatusRequest, qr_code, status_request
from drivers.printer.simulator import PrinterSimulator, write_state_file


def connect(sim: PrinterSimulator) -> socket.socket:
    parts = urlsplit(sim.uri)
    return socket.create_connection((parts.hostname or "", parts.port or 0), timeout=5)


def ask(sock: socket.socket, n: StatusRequest) -> int:
    sock.sendall(status_request(n))
    return sock.recv(1)[0]


def ask_printer_offline_and_paper(sock: socket.socket) -> list[int]:
    requests = (StatusRequest.PRINTER, StatusRequest.OFFLINE_CAUSE, StatusRequest.PAPER_SENSOR)
    return [ask(sock, n) for n in requests]


def test_start_returns_a_loopback_tcp_uri(simulator: PrinterSimulator) -> None:
    assert simulator.uri.startswith("tcp://127.0.0.1:")
    assert simulator.start() == simulator.uri


def test_ready_printer_answers_the_idle_bytes(simulator: PrinterSimulator) -> None:
    with connect(simulator) as sock:
        assert ask_printer_offline_and_paper(sock) == [0x12, 0x12, 0x12]


def test_out_of_paper_printer_answers_the_sample_bytes(simulator: PrinterSimulator) -> None:
    simulator.set_state(paper_out=True)

    with connect(simulator) as sock:
        replies = ask_printer_offline_and_paper(sock)

    assert replies == [0x1A, 0x32, 0x7E]


def test_state_file_is_reread_on_every_request(
    simulator: PrinterSimulator, state_file: Path
) -> None:
    with connect(simulator) as sock:
        write_state_file(state_file, cover_open=True)
        assert ask(sock, StatusRequest.OFFLINE_CAUSE) == 0x16
        write_state_file(state_file, cover_open=False)
        assert ask(sock, StatusRequest.OFFLINE_CAUSE) == 0x12


def test_broken_state_file_falls_back_to_the_set_state(
    simulator: PrinterSimulator, state_file: Path
) -> None:
    state_file.write_text("{not json", encoding="utf-8")
    simulator.set_state(paper_out=True)

    assert simulator.state().paper_out


def test_print_bytes_are_written_exactly_and_status_requests_are_not(
    simulator: PrinterSimulator, output: Path
) -> None:
    job = b"\x1b@" + qr_code(b"\x10\x04\x01", 6) + "中文\n".encode("gb18030")

    with connect(simulator) as sock:
        sock.sendall(job[:5])
        sock.sendall(job[5:] + status_request(StatusRequest.PRINTER))
        assert sock.recv(1) == b"\x12"

    assert output.read_bytes() == job


def test_stopped_simulator_refuses_connections_and_restarts_on_the_same_port(
    simulator: PrinterSimulator,
) -> None:
    uri = simulator.uri
    simulator.stop()

    with pytest.raises(ConnectionRefusedError):
        connect(simulator).close()

    assert simulator.start() == uri
    with connect(simulator) as sock:
        assert ask(sock, StatusRequest.PRINTER) == 0x12
