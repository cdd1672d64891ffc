"""The simulator's own behaviour: raw pty, exact bytes, the replug link."""

from __future__ import annotations

import os
import termios
from pathlib import Path

import pytest

from drivers.qr.simulator import ScannerSimulator
from tests.helpers.devices.pty import read_exactly


def test_scan_sends_the_encoded_text_and_terminator_untouched() -> None:
    with ScannerSimulator() as sim:
        fd = os.open(sim.path, os.O_RDWR | os.O_NOCTTY)
        try:
            # Raw mode is on: no CR→LF translation, XON/XOFF bytes pass through.
            sim.scan("办件\x11\x13", encoding="gb18030", terminator=b"\r\n")
            expected = "办件\x11\x13".encode("gb18030") + b"\r\n"
            assert read_exactly(fd, len(expected)) == expected
            assert termios.tcgetattr(fd)[3] & termios.ECHO == 0
        finally:
            os.close(fd)


def test_a_large_send_does_not_block_the_caller_while_nobody_reads() -> None:
    with ScannerSimulator() as sim:
        sim.send_raw(b"x" * 100_000)  # far more than a pty holds


def test_the_link_follows_the_device_across_stop_and_start(tmp_path: Path) -> None:
    link = tmp_path / "ttyQR"
    sim = ScannerSimulator(link=link)
    assert sim.start() == str(link)
    assert os.path.realpath(link).startswith("/dev/pts/")
    sim.stop()
    assert not link.exists()
    assert sim.start() == str(link)
    assert link.exists()
    sim.stop()


def test_sending_before_start_is_a_bug() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        ScannerSimulator().send_raw(b"x")
