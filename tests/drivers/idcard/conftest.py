"""Shared fixtures for the ID card driver tests: a simulator on a real pty and a reader."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import SamSimulator

# Small timeouts keep the fault tests fast; a pty answers in well under a millisecond.
READER_TIMEOUT = 0.15


@pytest.fixture
def reader_timeout() -> float:
    return READER_TIMEOUT


@pytest.fixture
def simulator() -> Iterator[SamSimulator]:
    sim = SamSimulator()
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def reader(simulator: SamSimulator) -> Iterator[SamSerialReader]:
    sam_reader = SamSerialReader(
        simulator.path, timeout=READER_TIMEOUT, card_read_timeout=READER_TIMEOUT
    )
    yield sam_reader
    sam_reader.close()
