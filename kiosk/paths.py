"""Where the kiosk finds its shipped assets and keeps its state."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "KIOSK_DATA_DIR"
_SYSTEM_DATA_DIR = Path("/var/lib/kiosk")


def default_data_dir() -> Path:
    """All mutable state lives under one directory so instances never share files."""
    if explicit := os.environ.get(DATA_DIR_ENV):
        return Path(explicit)
    if os.geteuid() == 0:
        return _SYSTEM_DATA_DIR
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "kiosk"


def assets_dir() -> Path:
    """The source tree's `assets/` in a checkout, or the copy installed beside the packages."""
    package_root = Path(__file__).resolve().parent.parent
    for candidate in (package_root / "assets", package_root / "kiosk_assets"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kiosk assets are not installed (looked beside the kiosk package)")
