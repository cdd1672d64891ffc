"""The `kiosk` command line, run in real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.printer import extract_text
from tests.helpers.data import ELDERLY_ID, ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json

SUBCOMMANDS = [
    ["run"],
    ["submit"],
    ["queue", "status"],
    ["catalog", "list"],
    ["doctor"],
]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kiosk.cli.main", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_help_lists_every_subcommand() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for name in ("run", "submit", "queue", "catalog", "doctor"):
        assert name in result.stdout


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_each_subcommand_has_help_mentioning_config(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "--config" in result.stdout


def test_submit_prints_the_case_number_and_the_receipt(
    kiosk: Kiosk, printer: tuple[str, Path]
) -> None:
    result = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json(), "--json")
    assert result.returncode == 0, result.stderr
    case_number = json.loads(result.stdout)["case_number"]
    assert case_number in extract_text(printer[1].read_bytes())
    assert ELDERLY_ID not in result.stderr  # logs mask ID numbers
    status = json.loads(kiosk("queue", "status", "--json").stdout)
    assert status["queued"] == 1


def test_submit_reads_answers_from_a_file(kiosk: Kiosk, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(answers_json(), encoding="utf-8")
    result = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", f"@{answers}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("-000001")


def test_invalid_data_exits_2_names_each_field_and_stores_nothing(kiosk: Kiosk) -> None:
    data = answers_json(mobile="123", id_number="11010519491231002")
    result = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", data)
    assert result.returncode == 2
    assert "mobile" in result.stderr and "联系电话" in result.stderr
    assert "id_number" in result.stderr and "公民身份号码" in result.stderr
    assert json.loads(kiosk("queue", "status", "--json").stdout)["queued"] == 0


def test_malformed_json_and_unknown_matters_exit_2(kiosk: Kiosk) -> None:
    assert kiosk("submit", "--matter", ELDERLY_MATTER, "--data", "{oops").returncode == 2
    assert kiosk("submit", "--matter", "NOPE-000000", "--data", "{}").returncode == 2


def test_case_numbers_stay_unique_across_data_dirs_and_restarts(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    numbers = [
        kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json(), data_dir=d).stdout
        for d in (tmp_path / "a", tmp_path / "b", tmp_path / "a", tmp_path / "b")
    ]
    assert len(set(numbers)) == 4


def test_catalog_list_json_names_the_matters(kiosk: Kiosk) -> None:
    rows = json.loads(kiosk("catalog", "list", "--json").stdout)
    elderly = next(row for row in rows if row["code"] == ELDERLY_MATTER)
    assert elderly["name"] == "老年人优待证申领"
    assert elderly["case_type"] == "承诺件"


def test_queue_status_counts_every_state(kiosk: Kiosk) -> None:
    counts = json.loads(kiosk("queue", "status", "--json").stdout)
    assert counts == {
        "queued": 0,
        "sending": 0,
        "delivered": 0,
        "accepted": 0,
        "in_review": 0,
        "finished": 0,
        "rejected": 0,
        "quarantined": 0,
    }


def test_doctor_prints_one_line_per_check_with_what_to_do(kiosk: Kiosk) -> None:
    result = kiosk("doctor")
    lines = result.stdout.strip().splitlines()
    checks = {line.split(":")[0][5:]: line[:4] for line in lines}
    assert checks["config"] == "OK  "
    assert checks["database"] == "OK  "
    assert checks["printer"] == "OK  "  # the simulator on loopback answers DLE EOT
    assert checks["id card reader"] == "FAIL"  # no reader on /dev/ttyUSB0 here
    assert checks["platform"] == "FAIL"
    assert "set [platform] url" in result.stdout
    assert result.returncode == 1


def test_a_bad_config_stops_every_command_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[devices.printer]\nuri = "lp0"\n', encoding="utf-8")
    for command in SUBCOMMANDS[1:]:
        args = ["--matter", "X", "--data", "{}"] if command == ["submit"] else []
        result = run_cli(*command, *args, "--config", str(bad))
        assert result.returncode == 78, command
        assert "devices.printer.uri" in result.stderr


def test_a_printer_uri_the_driver_cannot_use_is_a_configuration_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[devices.printer]\nuri = "usb://not-hex"\n', encoding="utf-8")
    data = answers_json()
    result = run_cli("submit", "--matter", ELDERLY_MATTER, "--data", data, "--config", str(bad))
    assert result.returncode == 78
    assert "devices.printer.uri" in result.stderr
    assert "Traceback" not in result.stderr
