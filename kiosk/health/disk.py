"""Free space where the kiosk keeps its state: below a limit the kiosk cannot commit a case.

`kiosk doctor` and the staff console judge the same numbers here.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg

MIB = 1024 * 1024
# Below this a commit of a submission (sealed payload, WAL, history) may fail; the kiosk then
# refuses applications. Staff must act before that.
FAULT_BELOW_BYTES = 200 * MIB
# A day's journal within its cap, the nightly backup of the queue and a catalog update each
# take up to a few hundred MiB; 1 GiB leaves room for them and a few days for staff to act.
WARN_BELOW_BYTES = 1024 * MIB

TITLE = msg("存储空间", "Disk space")


class Usage(NamedTuple):
    total: int
    used: int
    free: int


def disk_status(free: int) -> Status:
    if free < FAULT_BELOW_BYTES:
        return Status.FAULT
    if free < WARN_BELOW_BYTES:
        return Status.WARNING
    return Status.OK


def disk_line(
    data_dir: Path, usage: Callable[[Path], Usage] = lambda p: Usage(*shutil.disk_usage(p))
) -> HealthLine:
    free = usage(data_dir).free
    status = disk_status(free)
    free_mib = free // MIB
    if status is Status.OK:
        return line("disk", TITLE, status, msg("剩余 {mib} MB", "{mib} MB free", mib=free_mib))
    if status is Status.WARNING:
        return line(
            "disk",
            TITLE,
            status,
            msg("存储空间快用完了：只剩 {mib} MB", "Disk nearly full: {mib} MB left", mib=free_mib),
            msg(
                "本机仍可办理；请在几天内联系技术人员清理空间",
                "The kiosk still works; ask a technician to free space within a few days",
            ),
        )
    return line(
        "disk",
        TITLE,
        status,
        msg(
            "存储空间不足：只剩 {mib} MB，本机可能无法保存新的申请",
            "Disk full: {mib} MB left; new applications may not be saved",
            mib=free_mib,
        ),
        msg(
            "请马上联系技术人员清理空间；在此之前请把本机设为暂停服务",
            "Call a technician now to free space; until then take the kiosk out of service",
        ),
    )
