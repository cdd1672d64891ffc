"""The agent's last pass, kept in a small file in the data dir so `kiosk doctor` (another
process) can say when the kiosk last reached the platform and what went wrong if it did not."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.health.versions import app_version
from sync.summary import PassSummary

log = logging.getLogger(__name__)

RECORD_FILE = "sync-status.json"


@dataclass(frozen=True)
class LastPass:
    finished_at: datetime
    error: str | None
    summary: dict[str, Any]
    last_success_at: datetime | None
    last_heartbeat_at: datetime | None


class PassRecorder:
    def __init__(self, path: Path) -> None:
        self._path = path
        previous = read_last_pass(path)
        self._last_success = previous.last_success_at if previous else None
        self._last_heartbeat = previous.last_heartbeat_at if previous else None
        # For the staff console's health page: which version the agent runs.
        self._version = app_version()

    def record(self, summary: PassSummary) -> None:
        finished = summary.finished_at or summary.started_at
        if summary.ok:
            self._last_success = finished
        if summary.heartbeat_sent:
            self._last_heartbeat = finished
        record = {
            "last_pass": summary.to_json(),
            "last_success_at": _iso(self._last_success),
            "last_heartbeat_at": _iso(self._last_heartbeat),
            "agent_version": self._version,
        }
        try:
            temporary = self._path.with_name(f".{self._path.name}.tmp")
            temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self._path)
        except OSError:
            log.warning("sync status file not written", extra={"path": str(self._path)})


def read_last_pass(path: Path) -> LastPass | None:
    """What the agent last wrote; None when it never ran here (or the file is damaged)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        summary = record["last_pass"]
        return LastPass(
            finished_at=datetime.fromisoformat(summary["finished_at"] or summary["started_at"]),
            error=summary["error"],
            summary=summary,
            last_success_at=_parse(record.get("last_success_at")),
            last_heartbeat_at=_parse(record.get("last_heartbeat_at")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
