"""Shared fixtures for the QR scanner tests: a simulated scanner on a real pty, and the driver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.qr.serial_scanner import SerialQrScanner
from drivers.qr.simulator import ScannerSimulator


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[ScannerSimulator]:
    sim = ScannerSimulator(link=tmp_path / "ttyQR")
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def scanner(simulator: ScannerSimulator) -> Iterator[SerialQrScanner]:
    qr_scanner = SerialQrScanner(simulator.path)
    qr_scanner.flush()  # the screen starts listening; this also opens the port
    yield qr_scanner
    qr_scanner.close()
