"""What `rauc status --output-format=json` says: which slot booted, which is next, and each
slot's state, read into a small value so nothing else parses RAUC's JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class StatusUnreadable(ValueError):
    """RAUC answered something this code does not understand."""


@dataclass(frozen=True)
class Slot:
    """One root slot: `name` is RAUC's (rootfs.0), `bootname` GRUB's (A)."""

    name: str
    bootname: str
    state: str  # "booted", "active" or "inactive"
    boot_status: str  # "good" or "bad": may the bootloader start it


@dataclass(frozen=True)
class RaucStatus:
    compatible: str
    booted: str  # the bootname of the slot running now
    primary: str | None  # the slot name the bootloader tries first
    slots: tuple[Slot, ...]

    def slot(self, bootname: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.bootname == bootname), None)

    def others(self) -> tuple[Slot, ...]:
        """The root slots other than the one booted."""
        return tuple(slot for slot in self.slots if slot.bootname != self.booted)

    def primary_bootname(self) -> str | None:
        return next((s.bootname for s in self.slots if s.name == self.primary), None)


def parse_status(text: str) -> RaucStatus:
    try:
        data = json.loads(text)
        slots = tuple(_slots(data["slots"]))
        return RaucStatus(
            compatible=str(data.get("compatible", "")),
            booted=str(data["booted"]),
            primary=data.get("boot_primary"),
            slots=slots,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StatusUnreadable(f"rauc status is not what was expected: {exc}") from exc


def _slots(raw: Any) -> list[Slot]:
    # RAUC lists the slots as one-key objects ({"rootfs.0": {...}}); a plain object of slots
    # is read the same way.
    pairs = raw.items() if isinstance(raw, dict) else [p for one in raw for p in one.items()]
    return [
        Slot(
            name=name,
            bootname=str(info.get("bootname") or ""),
            state=str(info.get("state", "")),
            boot_status=str(info.get("boot_status", "")),
        )
        for name, info in pairs
        if info.get("bootname")
    ]
