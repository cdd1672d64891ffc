"""Device health: states change only when they change, failing devices are retried with
backoff, and nothing a driver raises reaches the screen."""

from __future__ import annotations

from pathlib import Path

from drivers.guards import Backoff, GuardedReader, GuardedScanner
from drivers.health import HealthBoard, read_health_file
from drivers.idcard import CardRead, FaultKind, NoCard, ReaderFault
from drivers.qr import NothingScanned, Scanned, ScannerFault, ScannerFaultKind, ScanRead


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class ScriptedReader:
    def __init__(self, *results: CardRead | Exception) -> None:
        self.results = list(results)
        self.calls = 0

    def read_card(self) -> CardRead:
        self.calls += 1
        result = self.results.pop(0) if len(self.results) > 1 else self.results[0]
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        """Nothing to release."""


def test_the_board_is_written_for_other_processes_only_on_change(tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    board = HealthBoard(path)
    board.report("printer", True)
    first = path.stat().st_mtime_ns
    board.report("printer", True)
    assert path.stat().st_mtime_ns == first
    board.report("printer", False, "打印机缺纸")
    states = read_health_file(path)
    assert states["printer"].ok is False
    assert states["printer"].message == "打印机缺纸"


def test_a_missing_or_broken_health_file_reads_as_nothing(tmp_path: Path) -> None:
    assert read_health_file(tmp_path / "none.json") == {}
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert read_health_file(tmp_path / "bad.json") == {}


def test_an_unplugged_reader_is_retried_with_growing_pauses(tmp_path: Path) -> None:
    clock = FakeClock()
    unplugged = ReaderFault.of(FaultKind.PORT_UNAVAILABLE, "gone")
    inner = ScriptedReader(unplugged, unplugged, NoCard())
    reader = GuardedReader(inner, HealthBoard(), Backoff(0.5, 30, clock))
    assert reader.read_card() == unplugged
    assert reader.read_card() == unplugged  # within the pause: the port is not touched
    assert inner.calls == 1
    clock.now = 0.6
    assert reader.read_card() == unplugged
    clock.now = 1.2  # the second pause is 1 s: still waiting
    assert inner.calls == 2
    clock.now = 1.7  # replugged
    assert reader.read_card() == NoCard()
    assert inner.calls == 3


def test_a_driver_that_raises_becomes_a_fault_and_a_health_state() -> None:
    board = HealthBoard()
    reader = GuardedReader(ScriptedReader(RuntimeError("bug")), board)
    result = reader.read_card()
    assert isinstance(result, ReaderFault)
    assert board.snapshot()["id_reader"].ok is True  # a read failure, not a dead device


def test_a_scanner_port_failure_is_reported_and_recovers() -> None:
    clock = FakeClock()

    class Scripted:
        def __init__(self) -> None:
            self.results: list[ScanRead] = [
                ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE),
                Scanned("T1-20260101-000001"),
            ]

        def read(self, timeout: float) -> ScanRead:
            return self.results.pop(0) if self.results else NothingScanned()

        def flush(self) -> None:
            raise OSError("unplugged")

        def close(self) -> None:
            """Nothing to release."""

    board = HealthBoard()
    scanner = GuardedScanner(Scripted(), board, Backoff(0.5, 30, clock))
    assert isinstance(scanner.read(0), ScannerFault)
    assert board.snapshot()["qr_scanner"].ok is False
    scanner.flush()  # a raising flush is logged, not raised
    clock.now = 1.0
    assert scanner.read(0) == Scanned("T1-20260101-000001")
    assert board.snapshot()["qr_scanner"].ok is True
