"""EscPosPrinter against the simulator, a device file and broken links."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer import (
    EscPosPrinter,
    NotPrinted,
    Paper,
    Printed,
    PrinterProblem,
    PrinterSimulator,
    PrinterStatus,
    ReceiptDocument,
    Text,
    encode_document,
    extract_text,
    write_state_file,
)
from drivers.printer.commands import StatusRequest
from drivers.printer.connection import PrinterLink
from drivers.printer.fonts import find_font
from drivers.printer.inspect import RASTER_PLACEHOLDER, raster_images
from drivers.printer.uri import PrinterTarget


@pytest.fixture
def printer(simulator: PrinterSimulator) -> Iterator[EscPosPrinter]:
    device = EscPosPrinter(simulator.uri, Paper.MM58)
    yield device
    device.close()


def test_ready_printer_prints_and_the_device_receives_the_exact_bytes(
    printer: EscPosPrinter, receipt: ReceiptDocument, output: Path
) -> None:
    result = printer.print_document(receipt)

    assert result == Printed()
    assert output.read_bytes() == encode_document(receipt, Paper.MM58)
    assert extract_text(output.read_bytes()).startswith("办件回执\n")


def test_out_of_paper_before_printing_is_not_printed_with_reason(
    printer: EscPosPrinter, simulator: PrinterSimulator, receipt: ReceiptDocument, output: Path
) -> None:
    simulator.set_state(paper_out=True)

    result = printer.print_document(receipt)

    assert result == NotPrinted(PrinterProblem.NO_PAPER, PrinterProblem.NO_PAPER.message)
    assert output.read_bytes() == b""


def test_open_cover_before_printing_is_not_printed(
    printer: EscPosPrinter, state_file: Path, receipt: ReceiptDocument
) -> None:
    write_state_file(state_file, cover_open=True)

    result = printer.print_document(receipt)

    assert isinstance(result, NotPrinted)
    assert result.problem is PrinterProblem.COVER_OPEN


def test_paper_running_out_during_the_job_is_not_printed(
    output: Path, state_file: Path, receipt: ReceiptDocument
) -> None:
    write_state_file(state_file, paper_out=False)

    def paper_runs_out(_data: bytes) -> None:
        write_state_file(state_file, paper_out=True)

    with PrinterSimulator(output, state_file, on_print_data=paper_runs_out) as sim:
        device = EscPosPrinter(sim.uri)

        result = device.print_document(receipt)
        device.close()

    assert result == NotPrinted(PrinterProblem.NO_PAPER, PrinterProblem.NO_PAPER.message)
    assert output.read_bytes() == encode_document(receipt, Paper.MM80)


def test_near_end_paper_prints_and_says_so(
    printer: EscPosPrinter, simulator: PrinterSimulator, receipt: ReceiptDocument
) -> None:
    simulator.set_state(paper_near_end=True)

    assert printer.print_document(receipt) == Printed(paper_near_end=True)


def test_stopped_printer_is_disconnected_and_prints_again_once_restarted(
    printer: EscPosPrinter, simulator: PrinterSimulator, receipt: ReceiptDocument, output: Path
) -> None:
    assert printer.print_document(receipt) == Printed()
    simulator.stop()

    assert printer.status() is PrinterProblem.DISCONNECTED
    result = printer.print_document(receipt)
    assert isinstance(result, NotPrinted)
    assert result.problem is PrinterProblem.DISCONNECTED

    simulator.start()
    assert printer.print_document(receipt) == Printed()
    assert output.read_bytes() == encode_document(receipt, Paper.MM58) * 2


def test_printer_restarted_between_jobs_is_reconnected_without_a_failed_job(
    printer: EscPosPrinter, simulator: PrinterSimulator, receipt: ReceiptDocument
) -> None:
    assert printer.print_document(receipt) == Printed()
    simulator.stop()
    simulator.start()

    assert printer.print_document(receipt) == Printed()


def test_status_reports_the_printer_state(
    printer: EscPosPrinter, simulator: PrinterSimulator
) -> None:
    assert printer.status() == PrinterStatus()
    simulator.set_state(paper_out=True)

    status = printer.status()

    assert isinstance(status, PrinterStatus)
    assert status.problem() is PrinterProblem.NO_PAPER


def test_status_is_logged_only_when_it_changes(
    printer: EscPosPrinter, simulator: PrinterSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="drivers.printer.printer")

    for _ in range(3):
        printer.status()
    simulator.set_state(cover_open=True)
    for _ in range(3):
        printer.status()

    messages = [r.getMessage() for r in caplog.records if r.name == "drivers.printer.printer"]
    assert len(messages) == 2
    assert messages[0] == "Printer ready"
    assert "COVER_OPEN" in messages[1]


def test_printer_that_never_answers_status_is_disconnected(receipt: ReceiptDocument) -> None:
    # The kernel completes the handshake for a listening socket nobody reads from.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        device = EscPosPrinter(f"tcp://127.0.0.1:{port}", status_timeout=0.1)

        result = device.print_document(receipt)
        device.close()

    assert isinstance(result, NotPrinted)
    assert result.problem is PrinterProblem.DISCONNECTED


def test_garbled_status_reply_drops_the_link_and_refuses_to_print(
    receipt: ReceiptDocument,
) -> None:
    opened: list[GarbledLink] = []

    def connect(target: PrinterTarget) -> PrinterLink:
        link = GarbledLink()
        opened.append(link)
        return link

    device = EscPosPrinter("tcp://printer", connect=connect)

    result = device.print_document(receipt)

    assert isinstance(result, NotPrinted)
    assert result.problem is PrinterProblem.DISCONNECTED
    assert opened[0].closed
    assert opened[0].written == b""


def test_file_uri_prints_to_the_file_without_status(
    tmp_path: Path, receipt: ReceiptDocument
) -> None:
    device_file = tmp_path / "lp0"
    device_file.touch()
    device = EscPosPrinter(f"file://{device_file}")

    assert device.status() is PrinterProblem.NO_STATUS
    result = device.print_document(receipt)
    device.close()

    assert result == Printed(confirmed=False)
    assert device_file.read_bytes() == encode_document(receipt, Paper.MM80)


def test_missing_device_file_is_disconnected_and_not_created(
    tmp_path: Path, receipt: ReceiptDocument
) -> None:
    device_file = tmp_path / "lp0"
    device = EscPosPrinter(f"file://{device_file}")

    result = device.print_document(receipt)

    assert isinstance(result, NotPrinted)
    assert result.problem is PrinterProblem.DISCONNECTED
    assert not device_file.exists()


@pytest.mark.skipif(find_font("𠮷") is None, reason="no local font covers U+20BB7")
def test_name_beyond_the_bmp_is_printed_as_raster_not_question_marks(
    printer: EscPosPrinter, output: Path
) -> None:
    doc = ReceiptDocument((Text("申请人：张三"), Text("代办人：吉𠮷")))

    result = printer.print_document(doc)

    data = output.read_bytes()
    assert result == Printed()
    assert extract_text(data) == "申请人：张三\n" + RASTER_PLACEHOLDER + "\n"
    assert len(raster_images(data)) == 1


class GarbledLink:
    """A connection whose status replies lack the fixed bit pattern."""

    def __init__(self) -> None:
        self.closed = False
        self.written = b""

    def write(self, data: bytes) -> None:
        self.written += data

    def request_status(self, n: StatusRequest, timeout: float) -> int | None:
        return 0x00

    def transfer_seconds(self, size: int) -> float:
        return 0.0

    def close(self) -> None:
        self.closed = True
