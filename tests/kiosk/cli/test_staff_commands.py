"""`kiosk staff add|list|remove`, run in real processes as a technician over SSH would."""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.audit.trail import MemoryAuditTrail
from kiosk.cli.main import main
from kiosk.config import KioskSettings
from kiosk.staff.rights import Role
from kiosk.staff.roster import ROSTER_FILE, StaffRoster
from tests.helpers.kiosk_cli import Kiosk


def staff(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "staff", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_technician_adds_lists_and_removes_staff(settings: KioskSettings) -> None:
    added = staff("add", "1001", "--role", "staff", "--pin-stdin", stdin="275931\n")
    assert added.returncode == 0, added.stderr
    assert (
        staff("add", "2002", "--role", "technician", "--pin-stdin", stdin="864213\n").returncode
        == 0
    )

    listed = staff("list", "--json")
    assert json.loads(listed.stdout) == [
        {"number": "1001", "role": "staff"},
        {"number": "2002", "role": "technician"},
    ]
    roster = StaffRoster(settings.data_dir, MemoryAuditTrail())
    assert roster.role_for("1001", "275931") is Role.STAFF
    assert "275931" not in (settings.data_dir / ROSTER_FILE).read_text(encoding="utf-8")

    assert staff("remove", "1001").returncode == 0
    assert "1001" not in staff("list").stdout
    assert staff("remove", "1001").returncode != 0


def test_a_weak_pin_or_bad_number_is_refused_with_the_rule(settings: KioskSettings) -> None:
    weak = staff("add", "1001", "--role", "staff", "--pin-stdin", stdin="123456\n")
    assert weak.returncode == 2 and "run such as 123456" in weak.stderr
    bad = staff("add", "ab", "--role", "staff", "--pin-stdin", stdin="275931\n")
    assert bad.returncode == 2 and "3 to 12 digits" in bad.stderr
    assert not (settings.data_dir / ROSTER_FILE).exists()


def test_an_empty_roster_says_how_to_add_someone(kiosk: Kiosk, tmp_path: Path) -> None:
    listed = kiosk("staff", "list", data_dir=tmp_path / "fresh")
    assert listed.returncode == 0 and "kiosk staff add" in listed.stdout


def test_a_pin_typed_twice_must_match(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["275931", "275932"])
    monkeypatch.setattr(getpass, "getpass", lambda _prompt: next(answers))

    assert main(["staff", "add", "1001", "--role", "staff"]) == 2
    assert "differ" in capsys.readouterr().err


def test_a_pin_typed_twice_the_same_is_set(
    settings: KioskSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getpass", lambda _prompt: "275931")

    assert main(["staff", "add", "1001", "--role", "technician"]) == 0
    roster = StaffRoster(settings.data_dir, MemoryAuditTrail())
    assert roster.role_for("1001", "275931") is Role.TECHNICIAN
