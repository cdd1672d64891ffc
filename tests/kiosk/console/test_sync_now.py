"""Sync now from the console: a request file the agent takes, audited, and the time of the
agent's last successful pass read back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.console.sync_now import PASS_RECORD_FILE, SyncNow, SyncRequests
from sync.pass_record import RECORD_FILE


def test_a_request_stands_until_the_agent_takes_it_once(tmp_path: Path) -> None:
    requests, audit = SyncRequests(tmp_path), MemoryAuditTrail()

    outcome = SyncNow(requests, audit).request("S001")
    SyncNow(requests, audit).request("S001")  # pressed twice: still one pass

    assert outcome.ok and requests.pending
    assert requests.take() is True
    assert requests.take() is False
    assert audit.kinds() == [AuditEvent.SYNC_REQUESTED] * 2


def test_a_request_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    outcome = SyncNow(SyncRequests(blocked), MemoryAuditTrail()).request("S001")
    assert not outcome.ok and "技术人员" in outcome.message.render()


def test_the_last_successful_sync_is_read_from_the_agents_record(tmp_path: Path) -> None:
    requests = SyncRequests(tmp_path)
    assert requests.last_success() is None
    when = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    record = {"last_pass": {}, "last_success_at": when.isoformat(), "last_heartbeat_at": None}
    (tmp_path / PASS_RECORD_FILE).write_text(json.dumps(record), encoding="utf-8")
    assert requests.last_success() == when
    assert PASS_RECORD_FILE == RECORD_FILE  # the file the agent writes
