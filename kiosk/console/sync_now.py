"""Sync now: the touchscreen asks the sync agent (another process) for a pass at once.

The request is a small file in the data dir; the agent looks for it at every turn of its loop
(every poll interval, and during a backoff), deletes it and runs a whole pass. The agent's
record of its passes (sync-status.json, written by sync/pass_record.py) says when the kiosk
last reached the platform.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from kiosk.atomic_file import replace_atomically
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.console.outcome import ActionOutcome
from kiosk.i18n import msg

REQUEST_FILE = "sync-now.request"
# The agent's pass record; its name and "last_success_at" key are sync/pass_record.py's.
PASS_RECORD_FILE = "sync-status.json"


class SyncRequests:
    """Both ends of the request: `request` for the console, `take` for the agent."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / REQUEST_FILE
        self._record = data_dir / PASS_RECORD_FILE

    def request(self) -> None:
        """Leave the request for the agent (one request stands however often it is made)."""
        replace_atomically(self._path, datetime.now().astimezone().isoformat())

    def take(self) -> bool:
        """Whether a request was waiting; it is gone once taken."""
        try:
            self._path.unlink()
        except FileNotFoundError:
            return False
        return True

    @property
    def pending(self) -> bool:
        return self._path.exists()

    def last_success(self) -> datetime | None:
        """When the agent last finished a pass without a failure; None if never (or unknown)."""
        try:
            record = json.loads(self._record.read_text(encoding="utf-8"))
            when = record["last_success_at"]
            return datetime.fromisoformat(when) if when else None
        except (OSError, ValueError, KeyError, TypeError):
            return None


class SyncNow:
    def __init__(self, requests: SyncRequests, audit: AuditTrail) -> None:
        self._requests = requests
        self._audit = audit

    def request(self, actor: str) -> ActionOutcome:
        try:
            self._requests.request()
        except OSError:
            return ActionOutcome(
                False,
                msg(
                    "无法通知同步程序（数据目录不能写入）：请联系技术人员检查磁盘。",
                    "The sync agent could not be told (the data folder cannot be written): "
                    "call a technician to check the disk.",
                ),
            )
        self._audit.record(AuditEvent.SYNC_REQUESTED, actor)
        return ActionOutcome(
            True,
            msg(
                "已请求立即同步：几秒内开始发送，稍后看「上次同步成功」的时间。",
                "Sync requested: sending starts within seconds; watch the time of the last "
                "successful sync.",
            ),
        )

    @property
    def pending(self) -> bool:
        """Whether a request still waits for the agent to take it."""
        return self._requests.pending

    def last_success(self) -> datetime | None:
        return self._requests.last_success()
