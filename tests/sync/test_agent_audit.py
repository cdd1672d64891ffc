"""The sync agent and the audit log: it appends what it delivers to the log the touchscreen
appends to, and its heartbeat carries the log's head, so the platform notices a log that
was cut short or rewritten on the kiosk."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from typing import Any

from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from sync.platform.heartbeats import latest_heartbeats
from tests.helpers.platform.agent_kiosk import AgentKiosk
from tests.helpers.platform.reference import RunningPlatform


def audit_log(kiosk: AgentKiosk) -> AuditLog:
    assert isinstance(kiosk.services.audit, AuditLog)
    return kiosk.services.audit


def reported(platform: RunningPlatform) -> dict[str, Any]:
    with platform.session() as session:
        (latest,) = latest_heartbeats(session)
    return latest


def delete_records(kiosk: AgentKiosk, where: str) -> None:
    with closing(sqlite3.connect(kiosk.settings.database_path)) as connection, connection:
        connection.execute(f"DELETE FROM audit_records WHERE {where}")


def test_a_delivery_is_appended_by_the_agent_to_the_touchscreens_log(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()
    assert kiosk.agent.run_once().ok
    records = audit_log(kiosk).records()
    assert [(r.event, r.actor) for r in records] == [
        ("submission.accepted", "resident"),
        ("sync.delivered", "agent"),
    ]
    assert json.loads(records[1].details) == {"kind": "submission", "label": case_number}
    assert audit_log(kiosk).verify() == []


def test_the_heartbeat_carries_the_logs_head_and_the_platform_keeps_it(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    kiosk.submit()
    kiosk.agent.run_once()
    head = audit_log(kiosk).head()
    assert head is not None
    latest = reported(platform)
    assert latest["heartbeat"]["audit_head"] == {"sequence": head.sequence, "hash": head.hash}
    assert latest["audit_log"]["sequence"] == head.sequence
    assert latest["audit_log"]["broken"] is None
    assert latest["audit_log_state"] == f"audit log at record {head.sequence}"


def test_a_log_cut_short_on_the_kiosk_is_marked_truncated_by_the_platform(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    kiosk.submit()
    kiosk.agent.run_once()
    delete_records(kiosk, "sequence > 1")
    kiosk.agent.run_once()
    log = reported(platform)["audit_log"]
    assert log["broken"] == "truncated"
    assert log["broken_detail"].startswith("head was 2:")
    assert "then 1:" in log["broken_detail"]


def test_a_log_rewritten_on_the_kiosk_is_marked_rewritten_by_the_platform(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    kiosk.submit()
    kiosk.agent.run_once()
    delete_records(kiosk, "sequence = 2")
    audit_log(kiosk).record(AuditEvent.HOUSEKEEPING_DONE, "system")  # a new record 2
    kiosk.agent.run_once()
    assert reported(platform)["audit_log"]["broken"] == "rewritten"


def test_a_log_that_went_back_stays_marked_as_it_grows_again(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    kiosk.submit()
    kiosk.agent.run_once()
    delete_records(kiosk, "sequence > 0")
    kiosk.agent.run_once()  # an empty log: no head to report, nothing noticed yet
    assert reported(platform)["audit_log"]["broken"] is None
    kiosk.submit()
    kiosk.agent.run_once()  # a new record 2 in place of the one reported before
    assert reported(platform)["audit_log"]["broken"] == "rewritten"
    kiosk.submit()
    kiosk.agent.run_once()
    assert reported(platform)["audit_log"]["sequence"] == 4
    assert reported(platform)["audit_log"]["broken"] == "rewritten"
