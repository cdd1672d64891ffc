"""A fake `rauc` (and `systemctl`) on PATH: shell scripts that append their argv to a log and
answer `rauc status` with the JSON a test wrote, so the real runner and parser are used."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

_FAKE = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
if [ "$(basename "$0") $1 $2" = "rauc status --output-format=json" ]; then
  cat "{status}"
fi
if [ "$(basename "$0") $1" = "systemctl is-active" ]; then
  exit "$(cat "{active}")"
fi
exit 0
"""


@dataclass
class FakeMachine:
    """What the fakes answer and what they were asked."""

    bin_dir: Path
    log: Path
    status_file: Path
    active_file: Path

    def booted(self, bootname: str, statuses: dict[str, str], primary: str = "rootfs.0") -> None:
        """rauc reports slot `bootname` booted; `statuses` maps A/B to good or bad."""
        slots = [
            {
                f"rootfs.{index}": {
                    "class": "rootfs",
                    "device": f"/dev/disk/by-partlabel/rootfs-{name.lower()}",
                    "type": "ext4",
                    "bootname": name,
                    "state": "booted" if name == bootname else "inactive",
                    "boot_status": statuses[name],
                }
            }
            for index, name in enumerate(("A", "B"))
        ]
        self.status_file.write_text(
            json.dumps(
                {
                    "compatible": "gov-kiosk-amd64",
                    "booted": bootname,
                    "boot_primary": primary,
                    "slots": slots,
                }
            ),
            encoding="utf-8",
        )

    def touchscreen_active(self, active: bool) -> None:
        self.active_file.write_text("0" if active else "3", encoding="utf-8")

    def calls(self) -> list[str]:
        if not self.log.exists():
            return []
        return self.log.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeMachine:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = FakeMachine(
        bin_dir, tmp_path / "calls.log", tmp_path / "status.json", tmp_path / "active"
    )
    script = _FAKE.format(log=fake.log, status=fake.status_file, active=fake.active_file)
    for name in ("rauc", "systemctl"):
        (bin_dir / name).write_text(script, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    fake.booted("A", {"A": "good", "B": "bad"})
    fake.touchscreen_active(True)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return fake
