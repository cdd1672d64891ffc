"""Device lines: the reader and scanner as the touchscreen's board says, the printer as it
answers now, each fault in plain words with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.health import HealthBoard
from kiosk.health.devices import (
    BoardState,
    PrinterCondition,
    printer_from_board,
    printer_line,
    read_board,
    reader_line,
    scanner_line,
)
from kiosk.health.report import Status


def test_the_board_the_touchscreen_writes_is_read_with_personal_data_masked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "devices.json"
    board = HealthBoard(path)
    board.report("id_reader", False, "无法打开串口 /dev/ttyUSB0 (card 11010519491231002X)")
    board.report("qr_scanner", True)
    states = read_board(path)
    assert states["qr_scanner"].ok
    reader = states["id_reader"]
    assert not reader.ok
    assert "11010519491231002X" not in reader.detail
    assert "110***********002X" in reader.detail


def test_no_board_or_a_damaged_one_reads_as_no_report(tmp_path: Path) -> None:
    assert read_board(tmp_path / "missing.json") == {}
    damaged = tmp_path / "devices.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert read_board(damaged) == {}


def test_reader_working_not_yet_reported_and_failing() -> None:
    assert reader_line(BoardState(True, "", "t")).status is Status.OK
    silent = reader_line(None)
    assert silent.status is Status.WARNING
    assert "试读" in silent.todo.render()
    broken = reader_line(BoardState(False, "无法打开串口", "2026-12-01T08:00:00+00:00"))
    assert broken.status is Status.FAULT
    assert "无法打开串口" in broken.message.render()
    assert "连接线" in broken.todo.render()
    assert "cable" in broken.todo.render("en_US")


def test_scanner_absent_working_and_failing() -> None:
    assert scanner_line(False, None).status is Status.OK
    assert scanner_line(True, None).status is Status.OK
    broken = scanner_line(True, BoardState(False, "端口不可用", "t"))
    assert broken.status is Status.FAULT
    assert "USB" in broken.todo.render()


@pytest.mark.parametrize(
    ("condition", "status", "words", "todo"),
    [
        (PrinterCondition(), Status.OK, "工作正常", ""),
        (PrinterCondition(paper_near_end=True), Status.WARNING, "快用完", "新纸卷"),
        (PrinterCondition(paper_out=True), Status.FAULT, "缺纸", "请打开打印机盖装入新纸卷"),
        (PrinterCondition(cover_open=True), Status.FAULT, "上盖", "合好"),
        (PrinterCondition(offline=True), Status.FAULT, "离线", "电源"),
        (PrinterCondition(error=True), Status.FAULT, "卡纸", "取出卡住的纸"),
        (PrinterCondition(connected=False), Status.FAULT, "连不上", "电源"),
        (PrinterCondition(status_known=False), Status.WARNING, "不报告状态", "试打"),
    ],
)
def test_printer_says_what_is_wrong_and_what_to_do(
    condition: PrinterCondition, status: Status, words: str, todo: str
) -> None:
    printer = printer_line(True, condition)
    assert printer.status is status
    assert words in printer.message.render()
    assert todo in printer.todo.render()
    assert printer.message.render("en_US") != printer.message.render("zh_CN")


def test_an_open_cover_is_said_before_the_paper_it_hides() -> None:
    both = printer_line(True, PrinterCondition(cover_open=True, paper_out=True))
    assert "上盖" in both.message.render()


def test_no_printer_configured_is_a_warning_saying_receipts_cannot_print() -> None:
    unset = printer_line(False, None)
    assert unset.status is Status.WARNING
    assert "办件编号" in unset.todo.render()


def test_printer_from_the_board_when_it_cannot_be_asked() -> None:
    assert printer_from_board(True, BoardState(True, "", "t")).status is Status.OK
    failed = printer_from_board(True, BoardState(False, "打印机缺纸", "t"))
    assert failed.status is Status.FAULT
    assert "打印机缺纸" in failed.message.render()
    assert printer_from_board(True, None).status is Status.WARNING
