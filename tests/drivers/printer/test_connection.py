"""Opening backends and the python-escpos cache directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drivers.printer.commands import StatusRequest
from drivers.printer.connection import (
    PICKLE_DIR_VARIABLE,
    ConnectionFailedError,
    ensure_escpos_cache_dir,
    open_connection,
)
from drivers.printer.uri import FileTarget, SerialTarget, TcpTarget


def test_cache_dir_defaults_under_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Empty counts as unset; setenv (unlike delenv of an absent name) restores afterwards.
    monkeypatch.setenv(PICKLE_DIR_VARIABLE, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    path = ensure_escpos_cache_dir()

    assert path == tmp_path / "gov-kiosk" / "escpos"
    assert path.is_dir()
    assert os.environ[PICKLE_DIR_VARIABLE] == str(path)


def test_configured_cache_dir_is_kept_and_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PICKLE_DIR_VARIABLE, str(tmp_path / "mine"))

    assert ensure_escpos_cache_dir() == tmp_path / "mine"
    assert (tmp_path / "mine").is_dir()


def test_file_link_appends_and_cannot_read_status(tmp_path: Path) -> None:
    device_file = tmp_path / "lp0"
    device_file.write_bytes(b"old")

    link = open_connection(FileTarget(str(device_file)))
    link.write(b"new")
    reply = link.request_status(StatusRequest.PRINTER, 0.1)
    link.close()

    assert device_file.read_bytes() == b"oldnew"
    assert reply is None


def test_unreachable_targets_fail_as_connection_errors(tmp_path: Path) -> None:
    with pytest.raises(ConnectionFailedError):
        open_connection(FileTarget(str(tmp_path / "absent")))
    with pytest.raises(ConnectionFailedError):
        open_connection(SerialTarget(str(tmp_path / "ttyS9"), 9600))
    with pytest.raises(ConnectionFailedError):
        open_connection(TcpTarget("127.0.0.1", 9, timeout=1))
