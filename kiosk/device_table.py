"""The table of the kiosk's devices (assets/devices.toml): each known model's USB id, the
stable name it gets under /dev/kiosk/ and the one group allowed to open it.

One declaration with many uses: the udev rules are generated from it (kiosk.udev_rules), the
settings' default device paths name its stable paths, and `kiosk doctor` names its models when
a stable path is missing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.paths import assets_dir

STABLE_DIR = Path("/dev/kiosk")
_USB_ID = re.compile(r"^[0-9a-f]{4}:([0-9a-f]{4}|\*)$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_SUBSYSTEMS = ("tty", "usbmisc", "input", "video4linux")


class DeviceTableError(ValueError):
    """The table is malformed; the message names the entry and what to write instead."""


@dataclass(frozen=True)
class Model:
    """One model the kiosk recognises: its USB vendor and product ("*" for any product)."""

    vendor: str
    product: str
    model: str


@dataclass(frozen=True)
class Device:
    """One kind of device the kiosk uses, under one stable name."""

    name: str
    kind: str
    description: str
    subsystem: str
    kernel: str | None
    # The USB device node itself is given to the group too (libusb opens it, not a driver's).
    usb_device_access: bool
    models: tuple[Model, ...]
    # Further udev match keys (KEY == value), for devices matched by what they are, not by id.
    match: tuple[tuple[str, str], ...]

    @property
    def path(self) -> Path:
        return STABLE_DIR / self.name

    def missing_advice(self) -> str:
        """What a technician does when the stable path is not there."""
        if self.models:
            known = "; ".join(f"{m.vendor}:{m.product} {m.model}" for m in self.models)
            which = f"none of the known models is plugged in ({known})"
        else:
            which = f"no {self.description} is plugged in"
        return (
            f"{self.path} is missing: {which}; check the USB cable, and if this kiosk's model is "
            "another, add its vendor:product (lsusb) to devices.toml and rebuild the package"
        )


@dataclass(frozen=True)
class DeviceTable:
    group: str
    devices: tuple[Device, ...]

    def named(self, name: str) -> Device:
        for device in self.devices:
            if device.name == name:
                return device
        raise KeyError(f"no device {name!r} in the device table")

    def for_path(self, path: str | Path) -> Device | None:
        """The device whose stable path this is, if it is one."""
        return next((d for d in self.devices if d.path == Path(path)), None)


def parse_table(text: str) -> DeviceTable:
    """The table from its TOML text; a malformed entry raises DeviceTableError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeviceTableError(f"devices.toml is not valid TOML: {exc}") from exc
    group = data.get("group")
    if not isinstance(group, str) or not _NAME.match(group):
        raise DeviceTableError('devices.toml: write group = "kiosk-devices" (a group name)')
    devices = tuple(_device(entry) for entry in data.get("device", []))
    names = [d.name for d in devices]
    if len(set(names)) != len(names):
        raise DeviceTableError(f"devices.toml: a name is given twice in {names}")
    return DeviceTable(group, devices)


@cache
def device_table() -> DeviceTable:
    """The shipped table (read once: it does not change while the kiosk runs)."""
    return parse_table((assets_dir() / "devices.toml").read_text(encoding="utf-8"))


def stable_path(name: str) -> str:
    """The stable path of a device of the table, e.g. /dev/kiosk/id-reader."""
    return str(device_table().named(name).path)


def missing_stable_device(path: str | Path) -> str | None:
    """Advice when `path` is one of the table's stable names and nothing is there; None when
    it is not one of them or the device is present."""
    device = device_table().for_path(path)
    if device is None or device.path.exists():
        return None
    return device.missing_advice()


def _device(entry: dict[str, Any]) -> Device:
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise DeviceTableError(f"devices.toml: a device needs a name such as id-reader: {entry}")
    subsystem = entry.get("subsystem")
    if subsystem not in _SUBSYSTEMS:
        raise DeviceTableError(
            f"devices.toml [{name}]: subsystem must be one of {', '.join(_SUBSYSTEMS)}"
        )
    models = tuple(_model(name, m) for m in entry.get("models", []))
    match = tuple((str(k), str(v)) for k, v in entry.get("match", {}).items())
    if not models and not match:
        raise DeviceTableError(f"devices.toml [{name}]: give models or match keys")
    return Device(
        name=name,
        kind=str(entry.get("kind", name)),
        description=str(entry.get("description", name)),
        subsystem=subsystem,
        kernel=entry.get("kernel"),
        usb_device_access=bool(entry.get("usb_device_access", False)),
        models=models,
        match=match,
    )


def _model(name: str, entry: dict[str, Any]) -> Model:
    usb = str(entry.get("usb", "")).lower()
    if not _USB_ID.match(usb):
        raise DeviceTableError(
            f'devices.toml [{name}]: write usb = "1a86:7523" (vendor:product as lsusb prints '
            f"it, or vendor:* for any product), not {usb!r}"
        )
    vendor, product = usb.split(":")
    return Model(vendor, product, str(entry.get("model", "")))
