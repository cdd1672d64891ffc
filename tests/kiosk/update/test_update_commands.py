"""`kiosk update` end to end in-process, against the fake rauc and systemctl on PATH and a
kiosk data directory of the test's own: the real critical checks and the real audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.update import console_line
from tests.kiosk.update.conftest import FakeMachine


@pytest.fixture(autouse=True)
def serial_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kernel command line naming a "serial console" that is a plain file of the test's."""
    tty = tmp_path / "ttyS9"
    cmdline = tmp_path / "cmdline"
    cmdline.write_text(f"root=PARTLABEL=rootfs-b console=tty0 console={tty}\n", "utf-8")
    monkeypatch.setattr(console_line, "CMDLINE", cmdline)
    monkeypatch.setattr(console_line, "serial_consoles", lambda text: [tty])
    return tty


def test_commit_keeps_a_healthy_slot(
    machine: FakeMachine, serial_console: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")

    assert main(["update", "commit", "--deadline-s", "5"]) == 0

    assert "KIOSK-UPDATE committed slot=B" in capsys.readouterr().out
    assert "KIOSK-UPDATE committed slot=B" in serial_console.read_text("utf-8")
    assert "rauc status mark-good booted" in machine.calls()
    assert main(["audit", "verify"]) == 0


def test_commit_gives_up_a_slot_never_ready_and_reboots(
    machine: FakeMachine, serial_console: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")
    machine.touchscreen_active(False)

    assert main(["update", "commit", "--deadline-s", "0"]) == 0

    out = capsys.readouterr().out
    assert "KIOSK-UPDATE rejected slot=B" in out
    assert "touchscreen never reported" in out
    calls = machine.calls()
    assert calls.index("rauc status mark-bad booted") < calls.index("systemctl reboot")


def test_reject_by_a_technician_marks_bad_without_reboot_when_asked(
    machine: FakeMachine, capsys: pytest.CaptureFixture[str]
) -> None:
    machine.booted("B", {"A": "good", "B": "good"}, primary="rootfs.1")

    assert main(["update", "reject", "--no-reboot"]) == 0

    assert "KIOSK-UPDATE rejected slot=B" in capsys.readouterr().out
    assert "systemctl reboot" not in machine.calls()


def test_status_names_the_slots(machine: FakeMachine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["update", "status"]) == 0
    out = capsys.readouterr().out
    assert "booted: slot A; next boot: slot A" in out
    assert "slot B (rootfs.1): inactive, bad" in out


def test_install_refuses_what_is_not_a_bundle(
    machine: FakeMachine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "update.zip").write_bytes(b"PK")
    assert main(["update", "install", str(tmp_path / "update.zip")]) == 1
    assert "must end in .raucb" in capsys.readouterr().err
    assert machine.calls() == []


def test_without_rauc_every_command_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["update", "status"]) == 1
    assert "rauc is not installed" in capsys.readouterr().err
