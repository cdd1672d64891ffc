"""The heartbeat: what the platform's operators see of this kiosk every minute — software and
catalog versions, the queue, the devices as the touchscreen last found them, the clock, and
the head of the audit log, so that a log cut short on the kiosk is noticed centrally."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from kiosk.audit.chain import ChainHead
from kiosk.rating_queue import RatingQueue
from kiosk.submissions.store import SubmissionStore
from sync.contract import AuditHead, Heartbeat


def software_version() -> str:
    try:
        return version("gov-kiosk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def device_health(path: Path) -> dict[str, Any]:
    """The board the touchscreen writes (data_dir/devices.json), as it wrote it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"error": "no health report (the touchscreen has not reported yet)"}
    except (OSError, ValueError) as exc:
        return {"error": f"health report unreadable: {type(exc).__name__}"}
    return data if isinstance(data, dict) else {"error": "health report is not an object"}


def build_heartbeat(
    *,
    terminal_id: str,
    catalog_version: str,
    store: SubmissionStore,
    ratings: RatingQueue,
    health_file: Path,
    clock_offset_s: float | None,
    now: Callable[[], datetime],
    audit_head: ChainHead | None = None,
) -> Heartbeat:
    return Heartbeat(
        terminal_id=terminal_id,
        software_version=software_version(),
        catalog_version=catalog_version,
        sent_at=now(),
        queue=store.counts_by_state(),
        ratings_queued=ratings.waiting_count(),
        devices=device_health(health_file),
        clock_offset_s=clock_offset_s,
        audit_head=None
        if audit_head is None
        else AuditHead(sequence=audit_head.sequence, hash=audit_head.hash),
    )
