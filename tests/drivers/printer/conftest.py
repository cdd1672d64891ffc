"""Shared fixtures for the receipt printer tests: a sample receipt and a simulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer import (
    Align,
    Cut,
    Feed,
    PrinterSimulator,
    QrCode,
    ReceiptDocument,
    Rule,
    Text,
)


@pytest.fixture
def receipt() -> ReceiptDocument:
    """A typical 办件回执: title, case data, a long wrapped line, a QR code, cut."""
    return ReceiptDocument(
        (
            Text("办件回执", bold=True, scale=2, align=Align.CENTER),
            Rule(),
            Text("办件编号：330100-2024-000123"),
            Text("申请人：张三"),
            Text("事项：城乡居民基本医疗保险参保登记，请凭本回执到三号窗口领取证件。"),
            Text("收费：￥0.00", align=Align.RIGHT),
            QrCode("https://zwfw.example.gov.cn/case/330100-2024-000123"),
            Feed(2),
            Cut(),
        )
    )


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """Where the simulator writes the bytes it received."""
    return tmp_path / "printed.bin"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    """The simulator's JSON state file, absent until a test writes it."""
    return tmp_path / "printer-state.json"


@pytest.fixture
def simulator(output: Path, state_file: Path) -> Iterator[PrinterSimulator]:
    """A running simulated network printer."""
    sim = PrinterSimulator(output, state_file)
    sim.start()
    yield sim
    sim.stop()
