"""The A/B selection under real firmware: GRUB's EFI image (built with the module list the
image uses) boots from a small GPT disk under OVMF in QEMU, reads grub.cfg and grubenv from
the FAT ESP, counts the attempt with save_env, and finds the chosen slot's kernel on its own
partition. The "kernels" are placeholders, so GRUB stops there with "premature end of file"
for that very path: proof it looked in the right slot. A fresh update in B boots three times
uncommitted, then A boots again. Needs no built image, only grub-efi-amd64-bin and QEMU.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GRUB_CFG = ROOT / "packaging" / "image" / "grub.cfg"
GRUB_MODULES = Path("/usr/lib/grub/x86_64-efi")
OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.fd")
# The modules packaging/image/assemble-disk builds into the kiosk's GRUB.
MODULES = [
    "part_gpt",
    "fat",
    "ext2",
    "normal",
    "linux",
    "configfile",
    "loadenv",
    "test",
    "echo",
    "regexp",
    "search",
    "search_label",
    "search_fs_uuid",
    "all_video",
    "gzio",
    "sleep",
    "reboot",
    "halt",
    "cat",
]
# OVMF and GRUB under TCG reach the menu in well under a minute on an idle machine.
BOOT_TIMEOUT_S = 300
MIB = 1024 * 1024

pytestmark = pytest.mark.skipif(
    not (GRUB_MODULES.is_dir() and OVMF_CODE.exists() and shutil.which("qemu-system-x86_64")),
    reason="needs grub-efi-amd64-bin, ovmf and qemu-system-x86 (scripts/test-image installs them)",
)


def _run(*argv: str | Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(a) for a in argv], check=True, capture_output=True, env=env)


class Disk:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.path = workdir / "disk.img"
        with self.path.open("wb") as disk:
            disk.truncate(128 * MIB)
        table = (
            'label: gpt\nstart=2048, size=40MiB, type=uefi, name="ESP"\n'
            'size=32MiB, name="rootfs-a"\nsize=32MiB, name="rootfs-b"\nname="kiosk-data"\n'
        )
        subprocess.run(["sfdisk", "--quiet", str(self.path)], input=table, text=True, check=True)
        for number, slot in ((2, "a"), (3, "b")):
            tree = workdir / slot / "boot"
            tree.mkdir(parents=True)
            (tree / "vmlinuz").write_text(f"placeholder kernel of slot {slot}\n", "utf-8")
            (tree / "initrd.img").write_text("placeholder\n", "utf-8")
            _run("mkfs.ext4", "-q", "-F", "-L", f"rootfs-{slot}", "-d", workdir / slot,
                 "-E", f"offset={self._start(number) * 512}", self.path, "32768k")  # fmt: skip
        _run("mkfs.fat", "-F", "32", "-s", "1", "--offset", str(self._start(1)), self.path,
             str(40 * 1024))  # fmt: skip
        efi = workdir / "BOOTX64.EFI"
        _run("grub-mkimage", "-O", "x86_64-efi", "-d", GRUB_MODULES, "-p", "/EFI/kiosk",
             "-o", efi, *MODULES)  # fmt: skip
        self._mtools("mmd", "::/EFI", "::/EFI/BOOT", "::/EFI/kiosk")
        self._mtools("mcopy", efi, "::/EFI/BOOT/BOOTX64.EFI")
        self._mtools("mcopy", GRUB_CFG, "::/EFI/kiosk/grub.cfg")

    def _start(self, number: int) -> int:
        out = subprocess.run(
            ["partx", "-g", "-n", str(number), "-o", "START", str(self.path)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return int(out.strip())

    def _mtools(self, tool: str, *args: str | Path) -> None:
        image = f"{self.path}@@{self._start(1) * 512}"
        _run(tool, "-i", image, *args, env={**os.environ, "MTOOLS_SKIP_CHECK": "1"})

    def write_env(self, **values: str) -> None:
        env = self.workdir / "grubenv"
        env.unlink(missing_ok=True)
        _run("grub-editenv", env, "create")
        _run("grub-editenv", env, "set", *(f"{k}={v}" for k, v in values.items()))
        self._mtools("mcopy", "-o", env, "::/EFI/kiosk/grubenv")

    def read_env(self) -> dict[str, str]:
        env = self.workdir / "grubenv"
        self._mtools("mcopy", "-o", "::/EFI/kiosk/grubenv", env)
        listed = subprocess.run(
            ["grub-editenv", str(env), "list"], capture_output=True, text=True, check=True
        ).stdout
        return dict(line.split("=", 1) for line in listed.splitlines() if "=" in line)

    def boot(self) -> tuple[str, str, float]:
        """(entry chosen, the kernel path GRUB tried, seconds) of one boot to GRUB's stop."""
        variables = self.workdir / "OVMF_VARS.fd"
        if not variables.exists():
            shutil.copyfile(OVMF_VARS, variables)
        log = self.workdir / "serial.log"
        log.write_bytes(b"")
        started = time.monotonic()
        qemu = subprocess.Popen(
            ["qemu-system-x86_64", "-accel", "tcg", "-machine", "q35", "-cpu", "max",
             "-smp", "1", "-m", "512",
             "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
             "-drive", f"if=pflash,format=raw,unit=1,file={variables}",
             "-drive", f"if=virtio,format=raw,file={self.path}",
             "-display", "none", "-serial", f"file:{log}", "-monitor", "none", "-nic", "none"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            while True:
                text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", log.read_text("utf-8", "replace"))
                chosen = re.search(r"kiosk boot: .* -> (\S+)", text)
                tried = re.search(r"error: premature end of file (\S+)\.", text)
                if chosen and tried:
                    return chosen.group(1), tried.group(1), time.monotonic() - started
                assert qemu.poll() is None, f"QEMU exited early:\n{text[-2000:]}"
                assert time.monotonic() - started < BOOT_TIMEOUT_S, f"no GRUB line:\n{text}"
                time.sleep(0.5)
        finally:
            qemu.kill()
            qemu.wait()


def test_grub_counts_b_out_and_boots_a_again_under_ovmf(tmp_path: Path) -> None:
    disk = Disk(tmp_path)
    # What `rauc install` to B leaves.
    disk.write_env(ORDER="B A", A_OK="1", A_TRY="0", B_OK="1", B_TRY="0")
    for attempt in ("1", "2", "3"):
        chosen, kernel, seconds = disk.boot()
        print(f"\nboot {attempt}: {chosen} from {kernel} after {seconds:.0f} s")
        assert (chosen, kernel) == ("slot-B", "(hd0,gpt3)/boot/vmlinuz")
        assert disk.read_env()["B_TRY"] == attempt
    chosen, kernel, seconds = disk.boot()
    print(f"boot 4: {chosen} from {kernel} after {seconds:.0f} s")
    assert (chosen, kernel) == ("slot-A", "(hd0,gpt2)/boot/vmlinuz")
    env = disk.read_env()
    assert (env["A_TRY"], env["B_TRY"]) == ("1", "3")
