"""The device table is the one declaration of the kiosk's devices: the committed udev rules are
what it generates, and the settings' defaults and the doctor's advice name its stable paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import IdReaderSettings
from kiosk.device_table import DeviceTableError, device_table, missing_stable_device, parse_table
from kiosk.udev_rules import RULES_NAME, render

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_the_committed_udev_rules_are_what_the_table_generates() -> None:
    committed = (PACKAGING / "udev" / RULES_NAME).read_text(encoding="utf-8")
    assert committed == render(device_table()), "stale: run scripts/udev-rules"


def test_every_stable_name_the_kiosk_uses_is_in_the_table() -> None:
    names = {device.name for device in device_table().devices}
    assert names == {"id-reader", "printer", "qr-scanner", "qr-scanner-hid", "camera"}
    assert IdReaderSettings().port == "/dev/kiosk/id-reader"


def test_every_rule_gives_the_device_to_the_kiosk_group_only() -> None:
    rules = [
        line
        for line in render(device_table()).splitlines()
        if line and not line.startswith(("#", "ACTION", "LABEL"))
    ]
    assert rules
    for rule in rules:
        assert rule.endswith('GROUP="kiosk-devices", MODE="0660"'), rule
        assert "dialout" not in rule and "plugdev" not in rule


def test_a_known_readers_ids_become_one_rule_each() -> None:
    rules = render(device_table())
    assert (
        'SUBSYSTEM=="tty", ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="7523", '
        'SYMLINK+="kiosk/id-reader"'
    ) in rules


def test_a_missing_stable_device_is_explained_with_its_known_models() -> None:
    advice = missing_stable_device("/dev/kiosk/id-reader")
    assert advice is not None
    assert "1a86:7523" in advice and "devices.toml" in advice
    assert missing_stable_device("/dev/ttyUSB7") is None  # not a stable name: not ours to say


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ('name = "x"\nsubsystem = "tty"\nmodels = [{ usb = "1a86-7523" }]', 'write usb = "1a86'),
        ('name = "x"\nsubsystem = "pci"\nmodels = [{ usb = "1a86:7523" }]', "subsystem must be"),
        ('name = "x"\nsubsystem = "tty"', "give models or match keys"),
    ],
)
def test_a_malformed_entry_is_refused_saying_what_to_write(entry: str, complaint: str) -> None:
    with pytest.raises(DeviceTableError, match=complaint):
        parse_table(f'group = "kiosk-devices"\n[[device]]\n{entry}\n')
