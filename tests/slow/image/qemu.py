"""Boots a kiosk disk image in QEMU for the slow tests, the way docs/technicians.md describes.

One small helper shared by the image's boot test and the update's rollback test: boot an image
(through a copy-on-write overlay, so the built image stays pristine and reusable), wait for a
line on the serial console, take a screenshot through the monitor, talk to the monitor, stop.
KVM is not usable on the build machines, so the machine is emulated (TCG): a boot takes
minutes, and every wait is on a line the image prints, never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.fd")
# The monitor's prompt ends every answer; reading up to it is how we know a command finished.
_PROMPT = b"(qemu) "


class BootError(AssertionError):
    """The guest did not print what a test waited for; the message ends with the serial log."""


@dataclass
class Vm:
    """A running QEMU guest: its serial log, its monitor socket and when it was started."""

    process: subprocess.Popen[bytes]
    serial_log: Path
    monitor_socket: Path
    started: float = field(default_factory=time.monotonic)

    def wait_for_line(self, pattern: str, timeout: float, since: int = 0) -> tuple[str, float]:
        """The first serial line matching the regex `pattern` and seconds since boot.

        Only what the guest wrote after `since` (a `log_mark()`) counts, so a test can wait for
        the next boot's line after a reboot. Raises BootError with the log's tail if QEMU exits
        or `timeout` seconds pass first.
        """
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            for line in self.serial_text()[since:].splitlines():
                if regex.search(line):
                    return line.strip(), time.monotonic() - self.started
            if self.process.poll() is not None:
                raise BootError(
                    f"QEMU exited ({self.process.returncode}) before /{pattern}/\n{self._tail()}"
                )
            if time.monotonic() > deadline:
                raise BootError(
                    f"no /{pattern}/ on the serial console in {timeout:.0f} s\n{self._tail()}"
                )
            # The serial log is a plain file; half a second between reads is far below the
            # minutes a boot takes and costs nothing measurable.
            time.sleep(0.5)

    def log_mark(self) -> int:
        """Where the serial log ends now: pass it as `since` to wait for what comes next."""
        return len(self.serial_text())

    def serial_text(self) -> str:
        """Everything the guest wrote to its serial console so far."""
        return self.serial_log.read_bytes().decode("utf-8", errors="replace")

    def send_monitor(self, command: str, timeout: float = 60.0) -> str:
        """Runs one QEMU monitor command and returns its answer (without the prompt)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(self.monitor_socket))
            _read_until_prompt(sock)
            sock.sendall(command.encode() + b"\n")
            answer = _read_until_prompt(sock).decode(errors="replace")
        # The monitor echoes the command line first (with terminal escapes); drop that line.
        return answer.split("\n", 1)[1] if "\n" in answer else ""

    def screendump(self, path: Path) -> Image.Image:
        """Saves the guest's display as PNG at `path` (via the monitor's PPM) and returns it."""
        ppm = path.with_suffix(".ppm")
        ppm.unlink(missing_ok=True)
        self.send_monitor(f"screendump {ppm}")
        with Image.open(ppm) as picture:
            picture.load()
            image = picture.convert("RGB")
        ppm.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path)
        return image

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stops the guest at once (a test has what it needs; the disk is a throwaway overlay)."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.send_monitor("quit", timeout=timeout)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _tail(self, lines: int = 40) -> str:
        return "\n".join(self.serial_text().splitlines()[-lines:])


def _read_until_prompt(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(_PROMPT):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data[: -len(_PROMPT)] if data.endswith(_PROMPT) else data


def overlay(image: Path, workdir: Path, name: str = "disk.qcow2") -> Path:
    """A copy-on-write disk over `image`: the guest's writes land in it, the image stays as built.

    Kept across boots of the same overlay, so a test can reboot the "same" kiosk.
    """
    disk = workdir / name
    subprocess.run(
        [
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-F",
            "raw",
            "-b",
            str(image.resolve()),
            str(disk),
        ],
        check=True,
    )
    return disk


def boot(
    disk: Path, workdir: Path, memory_mib: int = 2048, extra_disks: tuple[Path, ...] = ()
) -> Vm:
    """Starts the q35/OVMF machine of the layout contract on `disk` (raw or qcow2), with
    `extra_disks` (raw, read-only) after it as /dev/vdb, ...: media a test brings along."""
    workdir.mkdir(parents=True, exist_ok=True)
    variables = workdir / "OVMF_VARS.fd"
    if not variables.exists():
        # UEFI writes its boot entries into the variable store; each kiosk gets its own copy.
        shutil.copyfile(OVMF_VARS, variables)
    serial_log = workdir / "serial.log"
    serial_log.write_bytes(b"")
    monitor_socket = workdir / "monitor.sock"
    monitor_socket.unlink(missing_ok=True)
    disk_format = "qcow2" if disk.suffix == ".qcow2" else "raw"
    command = [
        "qemu-system-x86_64", "-accel", "tcg", "-machine", "q35", "-cpu", "max",
        "-smp", "2", "-m", str(memory_mib),
        "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
        "-drive", f"if=pflash,format=raw,unit=1,file={variables}",
        "-drive", f"if=virtio,format={disk_format},file={disk}",
        *(arg for extra in extra_disks
          for arg in ("-drive", f"if=virtio,format=raw,readonly=on,file={extra}")),
        "-device", "virtio-vga", "-display", "none",
        "-serial", f"file:{serial_log}",
        "-monitor", f"unix:{monitor_socket},server,nowait",
        "-nic", "user,model=virtio-net-pci",
        "-name", "kiosk",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "qemu.stderr").open("wb"),
    )
    vm = Vm(process=process, serial_log=serial_log, monitor_socket=monitor_socket)
    _wait_for_monitor(vm)
    return vm


def _wait_for_monitor(vm: Vm, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not vm.monitor_socket.exists():
        if vm.process.poll() is not None or time.monotonic() > deadline:
            raise BootError(f"QEMU did not start (exit {vm.process.poll()}); see qemu.stderr")
        time.sleep(0.1)
