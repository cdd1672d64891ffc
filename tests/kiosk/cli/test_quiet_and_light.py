"""A technician's terminal: commands print only problems unless --verbose, and a command
imports only what it needs (checked with `python -X importtime`, which names every module)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.common import terminal_log_level
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json

ALEMBIC_CHATTER = ("setup plugin", "Context impl", "Will assume")
# Nothing here is needed to parse a command line or to count the queue.
HEAVY = ("PySide6", "sqlalchemy", "alembic", "yaml", "requests", "fastapi", "cv2", "escpos")
HEAVY += ("pypinyin", "numpy", "PIL", "pydantic_settings", "asyncio")
# What `kiosk submit` leaves out as well: it writes with sqlite3, prints over a plain socket
# and opens neither the card reader nor the scanner.
NOT_FOR_SUBMIT = (*HEAVY, "serial", "usb", "barcode", "qrcode")


def imported_modules(*args: str, data_dir: Path) -> set[str]:
    env = {**os.environ, "KIOSK_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-X", "importtime", "-m", "kiosk.cli.main", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"^import time:.*\|\s*(\S+)$", result.stderr, re.MULTILINE))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_a_command_on_a_fresh_data_dir_prints_nothing_on_stderr(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    result = kiosk("queue", "status", data_dir=tmp_path / "fresh")
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.mark.parametrize("command", [["doctor"], ["catalog", "list"]], ids=" ".join)
def test_no_command_shows_alembics_info_lines(
    kiosk: Kiosk, tmp_path: Path, command: list[str]
) -> None:
    result = kiosk(*command, data_dir=tmp_path / "fresh")
    assert not any(line in result.stderr for line in ALEMBIC_CHATTER), result.stderr
    assert '"level": "INFO"' not in result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_shows_what_went_well(kiosk: Kiosk, tmp_path: Path, where: str) -> None:
    args = ["-v", "queue", "status"] if where == "before" else ["queue", "status", "--verbose"]
    result = kiosk(*args, data_dir=tmp_path / "fresh")
    assert result.returncode == 0
    assert '"msg": "database schema upgraded"' in result.stderr


def test_help_imports_neither_qt_nor_any_heavy_library(tmp_path: Path) -> None:
    modules = top_level(imported_modules("--help", data_dir=tmp_path))
    assert modules.isdisjoint((*HEAVY, "pydantic", "pydantic_settings", "cryptography"))


def test_queue_status_imports_neither_qt_nor_the_orm_nor_the_catalog(
    config: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    imported_modules("queue", "status", "--config", str(config), data_dir=data_dir)  # migrates

    modules = imported_modules("queue", "status", "--config", str(config), data_dir=data_dir)

    assert top_level(modules).isdisjoint(HEAVY)
    assert "kiosk.catalog.models" not in modules
    # The configured platform key is checked for its length, which takes no crypto code.
    assert "cryptography" not in top_level(modules)


def test_a_second_catalog_list_is_served_from_the_cache_without_yaml(
    config: Path, tmp_path: Path
) -> None:
    args = ("catalog", "list", "--config", str(config))
    assert "yaml" in top_level(imported_modules(*args, data_dir=tmp_path))

    assert "yaml" not in top_level(imported_modules(*args, data_dir=tmp_path))


def test_submit_prints_without_loading_the_receipt_renderer(config: Path, tmp_path: Path) -> None:
    data = ["--data", answers_json(), "--config", str(config)]

    modules = imported_modules("submit", "--matter", ELDERLY_MATTER, *data, data_dir=tmp_path)

    assert "drivers.printer.printer" in modules  # the receipt went to the configured printer
    assert top_level(modules).isdisjoint(("PySide6", "numpy", "zxingcpp", "cv2"))


def test_submit_writes_and_prints_without_the_orm_escpos_or_the_other_devices(
    config: Path, tmp_path: Path
) -> None:
    data = ["--data", answers_json(), "--config", str(config)]
    submit = ("submit", "--matter", ELDERLY_MATTER, *data)
    imported_modules(*submit, data_dir=tmp_path)  # migrates and fills the catalog cache

    modules = imported_modules(*submit, data_dir=tmp_path)

    assert {"kiosk.storage.sqlite", "kiosk.crypto.standard", "drivers.printer.printer"} <= modules
    assert top_level(modules).isdisjoint(NOT_FOR_SUBMIT)
    assert not any(m.startswith(("drivers.idcard", "drivers.qr")) for m in modules)
    # Sealing needs X25519, HKDF and AES-GCM; neither signing nor key serialisation.
    assert "cryptography.hazmat.primitives.asymmetric.x25519" in modules
    assert (
        not {
            "cryptography.hazmat.primitives.asymmetric.ed25519",
            "cryptography.hazmat.primitives.serialization",
        }
        & modules
    )


@pytest.mark.parametrize(
    ("configured", "verbose", "shown"),
    [
        ("INFO", False, "WARNING"),
        ("DEBUG", False, "WARNING"),
        ("ERROR", False, "ERROR"),
        ("WARNING", True, "INFO"),
        ("INFO", True, "INFO"),
        ("DEBUG", True, "DEBUG"),
    ],
)
def test_the_terminal_shows_problems_and_verbose_adds_info(
    configured: str, verbose: bool, shown: str
) -> None:
    assert terminal_log_level(configured, verbose=verbose) == shown
