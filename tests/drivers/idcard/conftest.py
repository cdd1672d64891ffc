"""Shared fixtures for the ID card driver tests: a simulator on a real pty and a reader, and
the fake termb library with the state it reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import SamSimulator
from tests.helpers.devices.termb_fake import STATE_VARIABLE, FakeTermbState, build_fake_termb

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


@pytest.fixture(scope="session")
def termb_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake termb library, compiled once for the run."""
    return build_fake_termb(tmp_path_factory.mktemp("termb"))


@pytest.fixture
def termb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeTermbState:
    """The state the fake termb library reads on every call, empty until a test fills it."""
    state = FakeTermbState(tmp_path / "state")
    monkeypatch.setenv(STATE_VARIABLE, str(state.directory))
    return state
