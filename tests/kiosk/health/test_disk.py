"""Disk space: fine above 1 GiB, a warning below it, a fault below what a commit needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.health.disk import FAULT_BELOW_BYTES, MIB, WARN_BELOW_BYTES, Usage, disk_line
from kiosk.health.report import Status


def free(amount: int) -> Usage:
    return Usage(total=64 * 1024 * MIB, used=0, free=amount)


@pytest.mark.parametrize(
    ("amount", "status", "words"),
    [
        (WARN_BELOW_BYTES, Status.OK, "剩余 1024 MB"),
        (WARN_BELOW_BYTES - 1, Status.WARNING, "快用完了"),
        (FAULT_BELOW_BYTES - 1, Status.FAULT, "无法保存新的申请"),
    ],
)
def test_free_space_is_judged_against_the_two_limits(
    tmp_path: Path, amount: int, status: Status, words: str
) -> None:
    disk = disk_line(tmp_path, usage=lambda _: free(amount))
    assert disk.status is status
    assert words in disk.message.render()


def test_a_full_disk_says_to_call_a_technician_and_take_the_kiosk_out_of_service(
    tmp_path: Path,
) -> None:
    disk = disk_line(tmp_path, usage=lambda _: free(10 * MIB))
    assert "技术人员" in disk.todo.render()
    assert "暂停服务" in disk.todo.render()


def test_the_real_data_dir_is_measured(tmp_path: Path) -> None:
    assert "MB" in disk_line(tmp_path).message.render()
