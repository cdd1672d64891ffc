"""A/B updates on the real image in QEMU: a deliberately broken update (the touchscreen never
reports ready) is installed with `kiosk update install`, boots once, is rejected, and slot A
boots again with B marked bad; then a good update boots and is committed.

Uses the image slice's boot helper (tests/slow/image/qemu.py: boot, overlay, Vm with
serial_text) and its provisioned_image / province_keys fixtures (conftest.py); without them
(this branch alone) the test is skipped, saying so. One VM runs through all four boots: a
guest reboot keeps QEMU running, so the serial log holds every boot in order.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.slow.image.update_images import bundle_disk, have_tools, image_with_inbox, update_bundles

qemu = pytest.importorskip(
    "tests.slow.image.qemu", reason="needs the image slice's QEMU helper (tests/slow/image/qemu.py)"
)

# Each boot under TCG: GRUB and the kernel under a minute, the app's first paint several
# more; the broken boot also waits out kiosk.service's 90 s start and the 120 s deadline;
# an install writes a 3 GiB slot. Generous, and still failing a boot that hangs.
BOOT_S = 20 * 60
INSTALL_S = 30 * 60


class SerialCursor:
    """Waits for lines in order: each wait looks only past the previous match, so the same
    line of a later boot (KIOSK-READY slot=A) is not mistaken for an earlier one."""

    def __init__(self, vm: object) -> None:
        self.vm = vm
        self.offset = 0
        self.started = time.monotonic()

    def wait(self, pattern: str, timeout: float) -> str:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            text = self.vm.serial_text()  # type: ignore[attr-defined]
            found = regex.search(text, self.offset)
            if found:
                self.offset = found.end()
                end = text.find("\n", found.start())
                line = text[found.start() : end if end >= 0 else None].strip()
                print(f"{time.monotonic() - self.started:6.0f} s  {line[:160]}")
                return line
            if self.vm.process.poll() is not None or time.monotonic() > deadline:  # type: ignore[attr-defined]
                tail = "\n".join(text[self.offset :].splitlines()[-40:])
                raise AssertionError(f"no /{pattern}/ within {timeout:.0f} s\n{tail}")
            time.sleep(1)


def _slots(status_line: str) -> dict[str, str]:
    status = json.loads(status_line.split("rauc-status ", 1)[1])
    return {slot["bootname"]: slot["boot_status"] for slot in status["slots"]}


def test_a_broken_update_does_not_stay_and_a_good_one_does(
    provisioned_image: Path, province_keys: object, tmp_path: Path
) -> None:
    missing = have_tools()
    if missing:
        pytest.skip(f"missing host tools: {', '.join(missing)} (scripts/test-image installs them)")
    cert = province_keys.update_keyring  # type: ignore[attr-defined]
    key = cert.with_name("update.key")
    bundles = update_bundles(provisioned_image, cert, key, tmp_path)
    image = image_with_inbox(provisioned_image, tmp_path / "update-test.img")
    media = bundle_disk(bundles, tmp_path / "bundles.ext4")
    # RAUC checks and writes a 2 GB slot beside the running touchscreen: more room than a
    # plain boot needs.
    vm = qemu.boot(image, tmp_path / "vm", memory_mib=3072, extra_disks=(media,))
    serial = SerialCursor(vm)
    try:
        # Boot 1, slot A as built: healthy, committed; the stand-in installs the broken bundle.
        serial.wait(r"KIOSK-READY slot=A\b", BOOT_S)
        serial.wait(r"KIOSK-UPDATE committed slot=A\b", BOOT_S)
        installed = serial.wait(r"KIOSK-TEST install(ed|-failed) 1-broken\.raucb.*", INSTALL_S)
        assert "install-failed" not in installed, installed
        # Boot 2, slot B: the touchscreen never gets ready, so B is given up.
        serial.wait(r"KIOSK-UPDATE rejected slot=B\b", BOOT_S)
        # Boot 3: slot A again, and RAUC says B is bad.
        serial.wait(r"KIOSK-READY slot=A\b", BOOT_S)
        serial.wait(r"KIOSK-UPDATE committed slot=A\b", BOOT_S)
        status = serial.wait(r"KIOSK-TEST rauc-status .*", BOOT_S)
        assert _slots(status) == {"A": "good", "B": "bad"}
        installed = serial.wait(r"KIOSK-TEST install(ed|-failed) 2-good\.raucb.*", INSTALL_S)
        assert "install-failed" not in installed, installed
        # Boot 4: the good update in B gets ready and is kept.
        serial.wait(r"KIOSK-READY slot=B\b", BOOT_S)
        serial.wait(r"KIOSK-UPDATE committed slot=B\b", BOOT_S)
        assert "KIOSK-UPDATE rejected slot=B" not in vm.serial_text()[serial.offset :]
    finally:
        vm.shutdown()
