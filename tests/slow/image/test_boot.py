"""The built image boots in QEMU to the touchscreen: the provisioning screen as shipped, the
attract screen once provisioned. Each test prints its boot-to-ready time (run with -s)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageStat

from tests.slow.image.conftest import ROOT
from tests.slow.image.qemu import boot, overlay

# Emulated (TCG) on two shared cores: GRUB and the kernel take under a minute, the first start
# of the app (Python, Qt, the database migrations) several more. Twenty minutes leaves room for
# a loaded machine and still fails a boot that hangs.
READY_TIMEOUT_S = 20 * 60
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _assert_shows_a_screen(picture: Image.Image) -> None:
    """Not black, not one flat colour: the app drew something (a console would be mostly
    black; a compositor with no client, one colour)."""
    colours = picture.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 16, f"only {len(colours or [])} colours on screen"
    mean = ImageStat.Stat(picture.convert("L")).mean[0]
    assert mean > 20, f"the screen is nearly black (mean brightness {mean:.0f} of 255)"


def _boot_to_ready(image: Path, workdir: Path, provisioned: str, screenshot: str) -> None:
    vm = boot(overlay(image, workdir), workdir)
    try:
        line, seconds = vm.wait_for_line(
            rf"KIOSK-READY slot=A provisioned={provisioned}\b", READY_TIMEOUT_S
        )
        print(f"\n{line} after {seconds:.0f} s (boot to ready)")
        picture = vm.screendump(workdir / "screen.png")
        _assert_shows_a_screen(picture)
        picture.save(SCREENSHOTS / screenshot)
    finally:
        vm.shutdown()


def test_unprovisioned_image_boots_to_the_provisioning_screen(
    unprovisioned_image: Path, tmp_path: Path
) -> None:
    _boot_to_ready(unprovisioned_image, tmp_path, "no", "image-provisioning.png")


def test_provisioned_image_boots_to_the_attract_screen(
    provisioned_image: Path, tmp_path: Path
) -> None:
    _boot_to_ready(provisioned_image, tmp_path, "yes", "image-attract.png")
