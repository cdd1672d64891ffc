"""The A/B boot selection (packaging/image/grub.cfg) run by GRUB itself: grub-emu, GRUB's
user-space build, reads the file from a FAT partition of a small GPT disk image, with the
environment block beside it, exactly as the ESP holds them. Each "boot" is one run; the
counts it saves are read back with grub-editenv, as RAUC reads them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GRUB_CFG = Path(__file__).resolve().parents[2] / "packaging" / "image" / "grub.cfg"
TOOLS = ("grub-emu", "grub-editenv", "grub-script-check", "mcopy", "mmd", "mkfs.fat", "sfdisk")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason=f"needs {', '.join(TOOLS)}: scripts/setup installs them",
)
# The ESP starts at sector 2048 of the test disk, as on the kiosk's.
ESP_OFFSET = 2048 * 512
# What the harness config runs: the selection, then its answer, then GRUB quits instead of
# booting (grub-emu cannot start a Linux kernel, and the menu would wait forever).
HARNESS = """set root=hd0,gpt1
set prefix=(hd0,gpt1)/EFI/kiosk
source ${prefix}/grub.cfg
echo "RESULT default=${default} disk=${disk}"
halt
"""


class Esp:
    """A disk whose first partition is a FAT ESP holding grub.cfg and grubenv."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        self.disk = workdir / "disk.img"
        self.env = workdir / "grubenv"
        with self.disk.open("wb") as disk:
            disk.truncate(8 * 1024 * 1024)
        table = 'label: gpt\nstart=2048, size=12288, type=uefi, name="ESP"\n'
        subprocess.run(["sfdisk", "--quiet", str(self.disk)], input=table, text=True, check=True)
        subprocess.run(
            ["mkfs.fat", "-F", "12", "--offset", "2048", str(self.disk), "6144"],
            check=True,
            capture_output=True,
        )
        self._mtools("mmd", "::/EFI", "::/EFI/kiosk")
        self._mtools("mcopy", str(GRUB_CFG), "::/EFI/kiosk/grub.cfg")
        (workdir / "grub.cfg").write_text(HARNESS, encoding="utf-8")
        (workdir / "device.map").write_text(f"(hd0) {self.disk}\n", encoding="utf-8")

    def write_env(self, **values: str) -> None:
        self.env.unlink(missing_ok=True)
        subprocess.run(["grub-editenv", str(self.env), "create"], check=True)
        pairs = [f"{key}={value}" for key, value in values.items()]
        subprocess.run(["grub-editenv", str(self.env), "set", *pairs], check=True)
        self._mtools("mcopy", "-o", str(self.env), "::/EFI/kiosk/grubenv")

    def read_env(self) -> dict[str, str]:
        self._mtools("mcopy", "-o", "::/EFI/kiosk/grubenv", str(self.env))
        listed = subprocess.run(
            ["grub-editenv", str(self.env), "list"], capture_output=True, text=True, check=True
        ).stdout
        return dict(line.split("=", 1) for line in listed.splitlines() if "=" in line)

    def boot(self) -> str:
        """The menu entry GRUB would start."""
        done = subprocess.run(
            ["grub-emu", "-d", str(self.dir), "-m", str(self.dir / "device.map")],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        out = done.stdout.decode(errors="replace")
        (result,) = [line for line in out.splitlines() if "RESULT" in line]
        assert "disk=hd0" in result, result  # the slots are found on the ESP's own disk
        return result.split("default=", 1)[1].split()[0]

    def _mtools(self, tool: str, *args: str) -> None:
        env = {**os.environ, "MTOOLS_SKIP_CHECK": "1"}
        image = f"{self.disk}@@{ESP_OFFSET}"
        subprocess.run([tool, "-i", image, *args], check=True, env=env, capture_output=True)


@pytest.fixture
def esp(tmp_path: Path) -> Esp:
    return Esp(tmp_path)


def test_grub_parses_the_file() -> None:
    subprocess.run(["grub-script-check", str(GRUB_CFG)], check=True)


def test_the_image_as_shipped_boots_slot_a_and_counts_it(esp: Esp) -> None:
    esp.write_env(ORDER="A B", A_OK="1", A_TRY="0", B_OK="0", B_TRY="0")
    assert esp.boot() == "slot-A"
    assert esp.read_env()["A_TRY"] == "1"


def test_a_fresh_update_in_b_boots_once_with_its_attempt_counted(esp: Esp) -> None:
    # What `rauc install` leaves: B first, allowed, not yet tried.
    esp.write_env(ORDER="B A", A_OK="1", A_TRY="0", B_OK="1", B_TRY="0")
    assert esp.boot() == "slot-B"
    assert esp.read_env() == {"ORDER": "B A", "A_OK": "1", "A_TRY": "0", "B_OK": "1", "B_TRY": "1"}


def test_b_never_committed_runs_out_of_attempts_and_a_boots_again(esp: Esp) -> None:
    esp.write_env(ORDER="B A", A_OK="1", A_TRY="0", B_OK="1", B_TRY="0")
    assert [esp.boot() for _ in range(3)] == ["slot-B"] * 3
    assert esp.boot() == "slot-A"
    env = esp.read_env()
    assert (env["B_TRY"], env["A_TRY"]) == ("3", "1")


def test_b_marked_bad_boots_a_at_once(esp: Esp) -> None:
    # `rauc status mark-bad booted` on B: B_OK=0.
    esp.write_env(ORDER="B A", A_OK="1", A_TRY="0", B_OK="0", B_TRY="1")
    assert esp.boot() == "slot-A"


def test_b_committed_keeps_booting(esp: Esp) -> None:
    # `rauc status mark-good` after each healthy boot puts B_TRY back to 0.
    esp.write_env(ORDER="B A", A_OK="1", A_TRY="0", B_OK="1", B_TRY="0")
    for _ in range(5):
        assert esp.boot() == "slot-B"
        esp.write_env(**{**esp.read_env(), "B_TRY": "0"})


def test_with_nothing_left_the_last_resort_boots_the_first_allowed_slot(esp: Esp) -> None:
    esp.write_env(ORDER="B A", A_OK="1", A_TRY="3", B_OK="0", B_TRY="0")
    assert esp.boot() == "last-resort-A"
    assert esp.read_env()["A_TRY"] == "3"  # not counted further


def test_a_missing_environment_block_boots_slot_a(esp: Esp) -> None:
    assert esp.boot() == "slot-A"
