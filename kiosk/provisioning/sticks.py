"""Provisioning files on the USB sticks plugged in: `*.kiosk-provision` at a stick's top level."""

from __future__ import annotations

from pathlib import Path

from kiosk.provisioning.paths import BUNDLE_SUFFIX


def bundle_files(mount_points: list[Path]) -> list[Path]:
    """The provisioning files on these drives, by drive then name; an unreadable drive has
    none (it may be on its way out)."""
    found: list[Path] = []
    for mount_point in mount_points:
        try:
            entries = sorted(mount_point.iterdir())
        except OSError:
            continue
        found += [e for e in entries if e.name.endswith(BUNDLE_SUFFIX) and e.is_file()]
    return found
