"""The serial scanner driver against a simulated scanner on a real pty."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from drivers.qr.interface import NothingScanned, Scanned, ScannerFault, ScannerFaultKind
from drivers.qr.serial_scanner import MAX_CODE_BYTES, SerialQrScanner
from drivers.qr.simulator import ScannerSimulator
from tests.helpers.devices.pty import open_fds_on
from tests.helpers.devices.qr import CODE_TIMEOUT, QUIET_TIMEOUT

CASE_URL = (
    "https://zwfw.example.gov.cn/banjian?事项=不动产登记&申请人=张三&办件编号=SQ20240521000123"
)


def test_utf8_url_with_chinese_query_and_case_number_comes_out_exactly(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.scan(CASE_URL)
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)


def test_scanner_set_to_gb18030_output_gives_the_same_text(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    text = "粤B·12345 不动产权证书 办件编号SQ-000123"
    simulator.scan(text, encoding="gb18030")
    assert scanner.read(CODE_TIMEOUT) == Scanned(text)


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
def test_each_terminator_setting_gives_one_code_per_scan(
    simulator: ScannerSimulator, scanner: SerialQrScanner, terminator: bytes
) -> None:
    simulator.scan("FIRST-001", terminator=terminator)
    simulator.scan("SECOND-002", terminator=terminator)
    assert scanner.read(CODE_TIMEOUT) == Scanned("FIRST-001")
    assert scanner.read(CODE_TIMEOUT) == Scanned("SECOND-002")
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()


def test_a_code_split_across_two_writes_comes_out_whole(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    encoded = CASE_URL.encode() + b"\r"
    cut = CASE_URL.encode().index("不".encode()) + 1  # inside a multi-byte character
    simulator.send_raw(encoded[:cut])
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
    simulator.send_raw(encoded[cut:])
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)


def test_two_codes_in_one_write_come_out_as_two_reads(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.send_raw("办件SQ-1\r办件SQ-2\r".encode())
    assert scanner.read(CODE_TIMEOUT) == Scanned("办件SQ-1")
    assert scanner.read(CODE_TIMEOUT) == Scanned("办件SQ-2")


def test_an_over_long_line_is_garbled_and_the_next_code_reads_fine(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.send_raw(b"9" * (MAX_CODE_BYTES + 500) + b"\r\n")
    simulator.scan("SQ-NEXT")
    fault = scanner.read(CODE_TIMEOUT)
    assert isinstance(fault, ScannerFault)
    assert fault.kind is ScannerFaultKind.GARBLED
    assert "重新扫描" in fault.message
    assert scanner.read(CODE_TIMEOUT) == Scanned("SQ-NEXT")


def test_a_code_of_exactly_the_limit_comes_out_whole(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.scan("8" * MAX_CODE_BYTES)
    assert scanner.read(CODE_TIMEOUT) == Scanned("8" * MAX_CODE_BYTES)


def test_nothing_scanned_within_the_timeout_is_reported_as_nothing(
    scanner: SerialQrScanner,
) -> None:
    started = time.monotonic()
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
    elapsed = time.monotonic() - started
    assert QUIET_TIMEOUT * 0.9 <= elapsed < QUIET_TIMEOUT + 0.5


def test_a_zero_timeout_polls_without_waiting(scanner: SerialQrScanner) -> None:
    started = time.monotonic()
    assert scanner.read(0) == NothingScanned()
    assert time.monotonic() - started < 0.05


def test_missing_port_is_reported_as_unavailable(tmp_path: Path) -> None:
    scanner = SerialQrScanner(str(tmp_path / "ttyNOPE"))
    result = scanner.read(QUIET_TIMEOUT)
    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE
    assert "联系工作人员" in result.message


def test_missing_port_waits_out_the_timeout_so_a_read_loop_does_not_spin(
    tmp_path: Path,
) -> None:
    scanner = SerialQrScanner(str(tmp_path / "ttyNOPE"))
    started = time.monotonic()
    scanner.read(QUIET_TIMEOUT)
    assert time.monotonic() - started >= QUIET_TIMEOUT * 0.9


def test_scanner_unplugged_and_plugged_back_reconnects_by_itself(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.scan("BEFORE")
    assert scanner.read(CODE_TIMEOUT) == Scanned("BEFORE")
    first_pty = os.path.realpath(simulator.path)
    opened_before = open_fds_on(first_pty)

    simulator.stop()  # the device vanishes under an open port
    unplugged = scanner.read(QUIET_TIMEOUT)
    assert isinstance(unplugged, ScannerFault)
    assert unplugged.kind is ScannerFaultKind.PORT_UNAVAILABLE
    assert open_fds_on(first_pty) == 0  # the scanner forgot the dead port
    still_gone = scanner.read(QUIET_TIMEOUT)
    assert isinstance(still_gone, ScannerFault)
    assert still_gone.kind is ScannerFaultKind.PORT_UNAVAILABLE

    simulator.start()
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
    simulator.scan("AFTER")
    assert scanner.read(CODE_TIMEOUT) == Scanned("AFTER")
    assert open_fds_on(os.path.realpath(simulator.path)) == opened_before


def test_flush_drops_a_code_scanned_before_the_screen_listened(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.send_raw(b"FIRST\rSTALE-CODE\r")
    assert scanner.read(CODE_TIMEOUT) == Scanned("FIRST")
    scanner.flush()
    simulator.scan("NEW-CODE")
    assert scanner.read(CODE_TIMEOUT) == Scanned("NEW-CODE")


def test_flush_drops_the_rest_of_a_code_that_was_arriving_at_that_moment(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    simulator.send_raw(b"FIRST\rSTALE-CO")
    assert scanner.read(CODE_TIMEOUT) == Scanned("FIRST")
    scanner.flush()
    simulator.send_raw(b"DE\r")
    simulator.scan("NEW-CODE")
    assert scanner.read(CODE_TIMEOUT) == Scanned("NEW-CODE")


def test_flush_keeps_a_code_scanned_after_it(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    scanner.flush()
    simulator.scan("NEW-CODE")
    assert scanner.read(CODE_TIMEOUT) == Scanned("NEW-CODE")


def test_flush_on_a_missing_port_is_quiet_and_the_next_read_reports_it(tmp_path: Path) -> None:
    scanner = SerialQrScanner(str(tmp_path / "ttyNOPE"))
    scanner.flush()
    result = scanner.read(0)
    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE


def test_close_then_read_reopens_the_port(
    simulator: ScannerSimulator, scanner: SerialQrScanner
) -> None:
    scanner.close()
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
    simulator.scan("AGAIN")
    assert scanner.read(CODE_TIMEOUT) == Scanned("AGAIN")


def test_context_manager_closes_the_port(simulator: ScannerSimulator) -> None:
    pty = os.path.realpath(simulator.path)
    before = open_fds_on(pty)
    with SerialQrScanner(simulator.path) as scanner:
        assert scanner.read(0) == NothingScanned()
        assert open_fds_on(pty) == before + 1
    assert open_fds_on(pty) == before


def test_a_missing_port_is_logged_once_not_on_every_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    scanner = SerialQrScanner(str(tmp_path / "ttyNOPE"))
    with caplog.at_level(logging.INFO, logger="drivers.qr"):
        for _ in range(3):
            scanner.read(0)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_scanned_text_is_not_written_to_the_log(
    simulator: ScannerSimulator, scanner: SerialQrScanner, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="drivers.qr"):
        simulator.scan("身份证号110101199003071234")
        assert scanner.read(CODE_TIMEOUT) == Scanned("身份证号110101199003071234")
    assert "110101199003071234" not in caplog.text
