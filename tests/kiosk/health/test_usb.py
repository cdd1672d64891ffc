"""Removable drives are found from a mounts table and the kernel's removable flag."""

from __future__ import annotations

from pathlib import Path

from kiosk.health.usb import removable_drives


def fake_system(tmp_path: Path, removable: dict[str, str]) -> tuple[Path, Path]:
    sys_block = tmp_path / "sys" / "block"
    for disk, flag in removable.items():
        (sys_block / disk).mkdir(parents=True)
        (sys_block / disk / "removable").write_text(flag + "\n")
    return tmp_path / "mounts", sys_block


def test_a_removable_stick_is_found_and_fixed_disks_and_pseudo_filesystems_are_not(
    tmp_path: Path,
) -> None:
    stick = tmp_path / "mnt" / "KINGSTON 8G"
    stick.mkdir(parents=True)
    root = tmp_path / "root"
    root.mkdir()
    mounts, sys_block = fake_system(tmp_path, {"sda": "0", "sdb": "1"})
    mounts.write_text(
        f"/dev/sda2 {root} ext4 rw,relatime 0 0\n"
        "proc /proc proc rw,nosuid 0 0\n"
        f"/dev/sdb1 {str(stick).replace(' ', chr(92) + '040')} vfat rw,nosuid 0 0\n"
    )
    (drive,) = removable_drives(mounts, sys_block, automount_roots=())
    assert drive.mount_point == stick
    assert drive.device == "/dev/sdb1"
    assert drive.label == "KINGSTON 8G"


def test_a_stick_mounted_by_the_desktop_under_media_counts_even_if_not_flagged(
    tmp_path: Path,
) -> None:
    media = tmp_path / "media"
    stick = media / "kiosk" / "DATA"
    stick.mkdir(parents=True)
    mounts, sys_block = fake_system(tmp_path, {"sdc": "0"})
    mounts.write_text(f"/dev/sdc1 {stick} exfat rw 0 0\n")
    assert [d.mount_point for d in removable_drives(mounts, sys_block, (media,))] == [stick]


def test_a_read_only_stick_or_no_mounts_table_gives_no_drive(tmp_path: Path) -> None:
    stick = tmp_path / "ro"
    stick.mkdir()
    mounts, sys_block = fake_system(tmp_path, {"sdb": "1"})
    mounts.write_text(f"/dev/sdb1 {stick} vfat ro,nosuid 0 0\n")
    assert removable_drives(mounts, sys_block, ()) == []
    assert removable_drives(tmp_path / "absent", sys_block, ()) == []


def test_nvme_and_sd_card_partitions_map_to_their_disk(tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    mounts, sys_block = fake_system(tmp_path, {"mmcblk0": "1", "nvme0n1": "0"})
    mounts.write_text(f"/dev/mmcblk0p1 {card} vfat rw 0 0\n/dev/nvme0n1p2 {tmp_path} ext4 rw 0 0\n")
    assert [d.device for d in removable_drives(mounts, sys_block, ())] == ["/dev/mmcblk0p1"]


def test_a_read_only_stick_counts_when_it_is_only_read_from(tmp_path: Path) -> None:
    """Provisioning reads its bundle from a stick; a write-protected one will do."""
    stick = tmp_path / "stick"
    stick.mkdir()
    mounts, sys_block = fake_system(tmp_path, {"sdb": "1"})
    mounts.write_text(f"/dev/sdb1 {stick} vfat ro,nosuid 0 0\n")

    assert removable_drives(mounts, sys_block, automount_roots=()) == []
    (drive,) = removable_drives(mounts, sys_block, automount_roots=(), writable=False)
    assert drive.mount_point == stick
