"""The sync agent's last pass as it recorded it, and the health line saying when the kiosk
last reached the platform.

The record is written by the agent (sync/pass_record.py, data_dir/sync-status.json); it is
read here as plain JSON so the kiosk needs nothing of the sync package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.health.durations import duration
from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg
from kiosk.privacy import redact_personal_data

RECORD_FILE = "sync-status.json"  # the name sync.pass_record writes
TITLE = msg("与平台同步", "Sync with the platform")
# Without a success this long, cases and catalog updates are a day late.
FAULT_WITHOUT_SUCCESS = timedelta(hours=24)


@dataclass(frozen=True)
class SyncRecord:
    finished_at: datetime
    error: str | None
    last_success_at: datetime | None
    agent_version: str | None


def read_sync_record(path: Path) -> SyncRecord | None:
    """What the agent last wrote; None when it never ran here (or the file is damaged)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        summary = record["last_pass"]
        success = record.get("last_success_at")
        return SyncRecord(
            finished_at=datetime.fromisoformat(summary["finished_at"] or summary["started_at"]),
            error=summary["error"],
            last_success_at=datetime.fromisoformat(success) if success else None,
            agent_version=record.get("agent_version"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def agent_overdue(age: timedelta, heartbeat_interval_s: float, backoff_max_s: float) -> bool:
    """Whether the agent has not recorded a pass for longer than a working one ever takes:
    a healthy agent records one at least every heartbeat, a failing one every backoff."""
    return age.total_seconds() > 3 * heartbeat_interval_s + backoff_max_s


def sync_line(
    record: SyncRecord | None,
    now: datetime,
    heartbeat_interval_s: float,
    backoff_max_s: float,
) -> HealthLine:
    if record is None:
        return line(
            "sync",
            TITLE,
            Status.FAULT,
            msg("同步程序还没有在本机运行过", "The sync agent has never run here"),
            msg(
                "申请都保存在本机；请重启本机，仍不行请联系技术人员启动同步服务",
                "Applications are kept here; restart the kiosk, and if that does not help, "
                "call a technician to start the sync service",
            ),
        )
    last_success = (
        msg(
            "上次成功同步在 {ago}前（{at:%m-%d %H:%M}）",
            "last success {ago} ago ({at:%m-%d %H:%M} UTC)",
            ago=duration(now - record.last_success_at),
            at=record.last_success_at,
        )
        if record.last_success_at
        else msg("还没有成功同步过", "never succeeded yet")
    )
    if agent_overdue(now - record.finished_at, heartbeat_interval_s, backoff_max_s):
        return line(
            "sync",
            TITLE,
            Status.FAULT,
            msg(
                "同步程序已停止工作 {ago}；{success}",
                "The sync agent stopped {ago} ago; {success}",
                ago=duration(now - record.finished_at),
                success=last_success,
            ),
            msg(
                "申请都保存在本机；请重启本机，仍不行请联系技术人员",
                "Applications are kept here; restart the kiosk, and if that does not help, "
                "call a technician",
            ),
        )
    if record.error is not None:
        never_or_long = record.last_success_at is None or (
            now - record.last_success_at >= FAULT_WITHOUT_SUCCESS
        )
        return line(
            "sync",
            TITLE,
            Status.FAULT if never_or_long else Status.WARNING,
            msg(
                "最近一次同步没有成功（{error}）；{success}",
                "The last sync failed ({error}); {success}",
                error=redact_personal_data(record.error),
                success=last_success,
            ),
            msg(
                "同步程序会自动重试；请查看“网络”一行，网络恢复后申请会自动上传",
                "The agent retries by itself; see the network line: once it works, "
                "applications upload on their own",
            ),
        )
    return line(
        "sync", TITLE, Status.OK, msg("正常；{success}", "Working; {success}", success=last_success)
    )
