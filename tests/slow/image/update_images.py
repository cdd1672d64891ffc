"""Turns a built kiosk image into the update test's material, without mounting anything (no
loop devices in the build container): slot A's filesystem is copied out of the disk image,
changed with debugfs, and bundled (scripts/build-update-bundle) or written back.

- a good bundle: slot A as built, with a shorter commit deadline;
- a broken bundle: the same, but the touchscreen never reports ready;
- a test image: a copy of the image whose slot A holds both bundles and a stand-in for the
  technician that installs them one boot after another (update_inbox/).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
INBOX = Path(__file__).parent / "update_inbox"
SLOT_A = 2  # partition number of rootfs-a (packaging/image/partitions.sfdisk)
UNITS = "/etc/systemd/system"


def _partition(image: Path, number: int) -> tuple[int, int]:
    """(start, sectors) of partition `number` of `image`, in 512-byte sectors."""

    def field(name: str) -> int:
        out = subprocess.run(
            ["partx", "-g", "-n", str(number), "-o", name, str(image)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return int(out.strip())

    return field("START"), field("SECTORS")


def extract_slot_a(image: Path, out: Path) -> Path:
    start, sectors = _partition(image, SLOT_A)
    subprocess.run(
        ["dd", f"if={image}", f"of={out}", "bs=512", f"skip={start}", f"count={sectors}",
         "conv=sparse", "status=none"],
        check=True,
    )  # fmt: skip
    return out


def write_slot_a(rootfs: Path, image: Path) -> None:
    start, _ = _partition(image, SLOT_A)
    subprocess.run(
        ["dd", f"if={rootfs}", f"of={image}", "bs=512", f"seek={start}",
         "conv=notrunc,sparse", "status=none"],
        check=True,
    )  # fmt: skip


def debugfs(rootfs: Path, *requests: str) -> None:
    """Runs debugfs write requests on the ext4 image `rootfs`; any error fails the test."""
    done = subprocess.run(
        ["debugfs", "-w", "-f", "-", str(rootfs)],
        input="\n".join(requests) + "\n", capture_output=True, text=True, check=True,
    )  # fmt: skip
    # stderr: the version banner, then one or two lines per failed request. A directory that
    # already exists (the image has kiosk.service.d for its compositor) is what we wanted.
    errors = [
        line
        for line in done.stderr.splitlines()[1:]
        if line.strip() and "already exists" not in line
    ]
    assert not errors, errors


def add_drop_in(rootfs: Path, unit: str, source: Path) -> None:
    directory = f"{UNITS}/{unit}.d"
    debugfs(rootfs, f"mkdir {directory}", f"write {source} {directory}/{source.name}")


def shrink(rootfs: Path, spare_mib: int = 256) -> None:
    """Down to the space the files use plus `spare_mib` for the booted system's own writes:
    RAUC then writes hundreds of MiB to the slot instead of 3 GiB, which under emulation is
    minutes saved per install."""
    subprocess.run(["e2fsck", "-f", "-p", str(rootfs)], check=True, capture_output=True)
    estimate = subprocess.run(
        ["resize2fs", "-P", str(rootfs)], capture_output=True, text=True, check=True
    ).stdout
    header = subprocess.run(
        ["dumpe2fs", "-h", str(rootfs)], capture_output=True, text=True, check=True
    ).stdout
    (block_size,) = [
        int(x.split(":")[1]) for x in header.splitlines() if x.startswith("Block size:")
    ]
    (block_count,) = [
        int(x.split(":")[1]) for x in header.splitlines() if x.startswith("Block count:")
    ]
    # resize2fs -P is conservative: its estimate plus the spare can exceed the slot itself,
    # and resize2fs would then grow the image past what the other slot's partition holds
    # (RAUC: "No space left on device" writing rootfs-b). Never larger than it was.
    blocks = min(
        block_count, int(estimate.rsplit(":", 1)[1]) + spare_mib * 1024 * 1024 // block_size
    )
    subprocess.run(["resize2fs", str(rootfs), str(blocks)], check=True, capture_output=True)
    with rootfs.open("r+b") as image:
        image.truncate(blocks * block_size)


def bundle(rootfs: Path, cert: Path, key: Path, version: str, out: Path) -> Path:
    subprocess.run(
        [ROOT / "scripts" / "build-update-bundle", "--cert", cert, "--key", key,
         "--keyring", cert, "--version", version, "--rootfs", rootfs, "--output", out],
        check=True,
    )  # fmt: skip
    return out


def update_bundles(image: Path, cert: Path, key: Path, workdir: Path) -> list[Path]:
    """The broken bundle and the good one, named so the inbox installs them in that order."""
    bundles = []
    for order, name, drop_ins in (
        (1, "broken", [("kiosk.service", "broken-touchscreen.conf")]),
        (2, "good", []),
    ):
        rootfs = extract_slot_a(image, workdir / f"{name}.ext4")
        for unit, conf in [*drop_ins, ("kiosk-update-commit.service", "short-deadline.conf")]:
            add_drop_in(rootfs, unit, INBOX / conf)
        shrink(rootfs)
        out = workdir / f"{order}-{name}.raucb"
        bundles.append(bundle(rootfs, cert, key, f"0.0.{order}-{name}", out))
        rootfs.unlink()
    return bundles


def bundle_disk(bundles: list[Path], out: Path) -> Path:
    """An ext4 disk (label kiosk-bundles) holding `bundles`, attached to the VM as a
    second drive: two full-slot bundles do not fit in slot A beside the system itself."""
    folder = out.with_suffix(".d")
    folder.mkdir()
    for each in bundles:
        os.link(each, folder / each.name)
    size_mib = sum(each.stat().st_size for each in bundles) // 2**20 + 64
    subprocess.run(
        ["mkfs.ext4", "-q", "-F", "-L", "kiosk-bundles", "-d", str(folder), str(out),
         f"{size_mib}M"],
        check=True,
    )  # fmt: skip
    shutil.rmtree(folder)
    return out


def image_with_inbox(image: Path, out: Path) -> Path:
    """A copy of `image` whose slot A installs the bundles of the bundle disk in turn, one a
    boot."""
    subprocess.run(["cp", "--sparse=always", str(image), str(out)], check=True)
    rootfs = extract_slot_a(out, out.with_suffix(".slot-a.ext4"))
    requests = [
        "mkdir /usr/lib/kiosk-test",
        f"write {INBOX / 'inbox'} /usr/lib/kiosk-test/inbox",
        "sif /usr/lib/kiosk-test/inbox mode 0100755",
        f"write {INBOX / 'kiosk-test-inbox.service'} {UNITS}/kiosk-test-inbox.service",
        f"symlink {UNITS}/multi-user.target.wants/kiosk-test-inbox.service "
        f"{UNITS}/kiosk-test-inbox.service",
    ]
    debugfs(rootfs, *requests)
    write_slot_a(rootfs, out)
    rootfs.unlink()
    return out


def have_tools() -> list[str]:
    """The host tools this needs that are missing."""
    tools = ("debugfs", "partx", "dd", "rauc", "mksquashfs", "qemu-system-x86_64")
    return [tool for tool in tools if shutil.which(tool) is None]
