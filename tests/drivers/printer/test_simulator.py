"""The loopback printer simulator answers like the real thing."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from drivers.printer import (
    EscPosPrinter,
    NotPrinted,
    Paper,
    Printed,
    PrinterProblem,
    ReceiptDocument,
    encode_document,
    extract_qr_payloads,
)
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


def print_twice(sim: PrinterSimulator, receipt: ReceiptDocument) -> list[object]:
    printer = EscPosPrinter(sim.uri, Paper.MM58)
    try:
        return [printer.print_document(receipt) for _ in range(2)]
    finally:
        printer.close()


def test_each_cut_receipt_is_rendered_to_a_numbered_png(
    output: Path, state_file: Path, tmp_path: Path, receipt: ReceiptDocument
) -> None:
    png_dir = tmp_path / "receipts"

    with PrinterSimulator(output, state_file, png_dir=png_dir, paper=Paper.MM58) as sim:
        results = print_twice(sim, receipt)

    assert results == [Printed(), Printed()]
    assert output.read_bytes() == encode_document(receipt, Paper.MM58) * 2
    pngs = sorted(png_dir.glob("*.png"))
    assert [p.name for p in pngs] == ["receipt-0001.png", "receipt-0002.png"]
    with Image.open(pngs[0]) as image:
        assert image.width == Paper.MM58.dots
        (qr,) = zxingcpp.read_barcodes(image.convert("L"))
    assert [qr.text] == extract_qr_payloads(output.read_bytes())[:1]


def test_png_numbering_continues_after_the_receipts_already_there(
    output: Path, state_file: Path, tmp_path: Path, receipt: ReceiptDocument
) -> None:
    (tmp_path / "receipt-0041.png").write_bytes(b"")

    with PrinterSimulator(output, state_file, png_dir=tmp_path) as sim:
        print_twice(sim, receipt)

    assert (tmp_path / "receipt-0042.png").exists()
    assert (tmp_path / "receipt-0043.png").exists()


def test_without_png_dir_nothing_is_rendered(
    simulator: PrinterSimulator, receipt: ReceiptDocument, tmp_path: Path
) -> None:
    print_twice(simulator, receipt)
    simulator.stop()

    assert list(tmp_path.rglob("*.png")) == []


def test_out_of_paper_is_reported_and_nothing_is_rendered(
    output: Path, state_file: Path, tmp_path: Path, receipt: ReceiptDocument
) -> None:
    with PrinterSimulator(output, state_file, png_dir=tmp_path) as sim:
        sim.set_state(paper_out=True)
        results = print_twice(sim, receipt)

    assert all(isinstance(r, NotPrinted) and r.problem is PrinterProblem.NO_PAPER for r in results)
    assert list(tmp_path.glob("*.png")) == []
