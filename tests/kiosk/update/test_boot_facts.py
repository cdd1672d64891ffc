"""The small facts the verdict reads: GRUB's boot count, the serial consoles, RAUC's status,
and what "healthy" requires."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.doctor_checks import Check
from kiosk.health.healthy import CRITICAL_CHECKS, judge
from kiosk.update.boot_counter import attempts, grubenv_path
from kiosk.update.console_line import serial_consoles
from kiosk.update.status import StatusUnreadable, parse_status

SYSTEM_CONF = Path(__file__).resolve().parents[3] / "packaging" / "rauc" / "system.conf"


@pytest.mark.skipif(shutil.which("grub-editenv") is None, reason="grub-editenv missing")
def test_the_boot_count_is_read_from_the_block_grub_writes(tmp_path: Path) -> None:
    env = tmp_path / "grubenv"
    subprocess.run(["grub-editenv", str(env), "create"], check=True)
    subprocess.run(["grub-editenv", str(env), "set", "ORDER=B A", "B_TRY=2", "A_TRY=0"], check=True)
    assert attempts(env, "B") == 2
    assert attempts(env, "A") == 0
    assert attempts(tmp_path / "missing", "A") is None


def test_the_grubenv_is_where_the_shipped_system_conf_says() -> None:
    assert grubenv_path(SYSTEM_CONF) == Path("/boot/efi/EFI/kiosk/grubenv")


def test_only_serial_consoles_get_the_line() -> None:
    cmdline = "root=PARTLABEL=rootfs-a console=ttyS0,115200 console=tty0 console=ttyAMA0 quiet"
    assert serial_consoles(cmdline) == [Path("/dev/ttyS0"), Path("/dev/ttyAMA0")]


def test_a_status_rauc_did_not_write_is_refused() -> None:
    with pytest.raises(StatusUnreadable):
        parse_status('{"slots": []}')


def test_healthy_needs_the_first_paint_and_every_critical_check() -> None:
    passing = [Check(name, True, "fine") for name in CRITICAL_CHECKS]
    assert judge(True, passing).healthy
    assert not judge(False, passing).healthy
    assert judge(True, passing[1:]).problems == ("config: not checked",)
    devices_down = [*passing, Check("printer", False, "no paper")]
    assert judge(True, devices_down).healthy
