"""Finds the USB sticks a staff member plugged in: mounted, writable drives that the kernel
marks removable, or that the desktop's automounter put under /media or /run/media."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# Where udisks mounts a stick: /media/<user>/<label> or /run/media/<user>/<label>.
AUTOMOUNT_ROOTS = (Path("/media"), Path("/run/media"))
# sdb1 → sdb, nvme0n1p1 → nvme0n1, mmcblk0p1 → mmcblk0.
_PARTITION = re.compile(r"^(?P<disk>(?:nvme\d+n\d+|mmcblk\d+|loop\d+))p\d+$|^(?P<plain>[a-z]+)\d+$")
_OCTAL = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Drive:
    mount_point: Path
    device: str

    @property
    def label(self) -> str:
        """What staff see on the button: the stick's name as mounted."""
        return self.mount_point.name or str(self.mount_point)


def removable_drives(
    mounts: Path = Path("/proc/mounts"),
    sys_block: Path = Path("/sys/block"),
    automount_roots: tuple[Path, ...] = AUTOMOUNT_ROOTS,
    *,
    writable: bool = True,
) -> list[Drive]:
    """Mounted removable drives, in mount order, only writable ones unless not `writable`
    (a stick is only read from when provisioning); empty when none (or unreadable)."""
    try:
        text = mounts.read_text(encoding="utf-8")
    except OSError:
        return []
    drives: list[Drive] = []
    for row in text.splitlines():
        fields = row.split()
        if len(fields) < 4 or not fields[0].startswith("/dev/"):
            continue
        device, mount_point, options = fields[0], Path(_unescape(fields[1])), fields[3]
        if writable and "ro" in options.split(","):
            continue
        removable = _is_removable(device, sys_block) or _under(mount_point, automount_roots)
        access = os.W_OK if writable else os.R_OK
        if removable and os.access(mount_point, access):
            drives.append(Drive(mount_point, device))
    return drives


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a path as \\040."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def _is_removable(device: str, sys_block: Path) -> bool:
    name = Path(device).name
    match = _PARTITION.match(name)
    disk = (match.group("disk") or match.group("plain")) if match else name
    try:
        return (sys_block / disk / "removable").read_text().strip() == "1"
    except OSError:
        return False


def _under(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) and path != root for root in roots)
