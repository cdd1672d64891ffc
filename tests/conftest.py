"""Shared fixtures: every test gets its own data dir, so no test touches another's state."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from kiosk.config import KioskSettings, load_settings
from tests.helpers.platform_keys import TEST_PLATFORM, PlatformKeys

# Speed is measured by the benchmarks, not by the tests: on a loaded two-core machine an example
# that does real I/O (a database per example) can take longer than hypothesis's 200 ms default.
settings.register_profile("kiosk", deadline=None)
settings.load_profile("kiosk")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KIOSK_DATA_DIR in a temp dir, no system config, no stray KIOSK_* overrides."""
    import os

    for key in list(os.environ):
        if key.startswith("KIOSK_"):
            monkeypatch.delenv(key)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text(
        '[devices.printer]\nuri = ""\n\n' + TEST_PLATFORM.kiosk_config(), encoding="utf-8"
    )
    return data_dir


@pytest.fixture(autouse=True)
def no_log_handler_outlives_its_test() -> Iterator[None]:
    """A command run in-process (`main([...])`) sets the root logger to write to the stderr of
    its test; that stream is closed afterwards, and a later Qt message would fail to log."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in list(root.handlers):
        if type(handler) is logging.StreamHandler and handler not in before:
            root.removeHandler(handler)


@pytest.fixture
def platform_keys() -> PlatformKeys:
    """The keys of the test platform every test kiosk is configured to trust."""
    return TEST_PLATFORM


@pytest.fixture
def settings() -> KioskSettings:
    return load_settings()
