"""The update's verdict as one line on every serial console and in the journal.

`KIOSK-UPDATE committed slot=X` / `KIOSK-UPDATE rejected slot=X` is what a technician with a
serial cable, and the QEMU tests, wait for. systemd's console is only the last `console=` of
the kernel command line (the screen), so the serial ones are written to directly, as the
image's KIOSK-READY line is.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

CMDLINE = Path("/proc/cmdline")


def verdict_line(verdict: str, bootname: str) -> str:
    return f"KIOSK-UPDATE {verdict} slot={bootname}"


def serial_consoles(cmdline: str) -> list[Path]:
    """The serial devices named by `console=ttyS0,115200` (any tty with an upper-case kind)."""
    devices = []
    for arg in cmdline.split():
        name = arg.removeprefix("console=").split(",", 1)[0]
        if arg.startswith("console=tty") and name[3:4].isupper():
            devices.append(Path("/dev") / name)
    return devices


def announce(line: str, cmdline: Path | None = None) -> None:
    """Print `line` (to the journal under systemd) and write it to each serial console
    named in `cmdline` (default: this machine's kernel command line)."""
    print(line, flush=True)
    try:
        consoles = serial_consoles((cmdline or CMDLINE).read_text(encoding="utf-8"))
    except OSError:
        return
    for device in consoles:
        # A console that is not there (a kiosk without a serial port) is nobody's concern.
        with contextlib.suppress(OSError), device.open("w", encoding="utf-8") as tty:
            tty.write(line + "\r\n")
