"""The last successful sync, read from the record the sync agent itself writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.health.report import HealthLine, Status
from kiosk.health.sync_record import RECORD_FILE, read_sync_record, sync_line
from kiosk.health.versions import app_version
from sync.pass_record import RECORD_FILE as WRITTEN_AS
from sync.pass_record import PassRecorder
from sync.summary import PassSummary

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
HEARTBEAT_S, BACKOFF_S = 60.0, 300.0


def record_pass(path: Path, at: datetime, error: str | None = None) -> None:
    PassRecorder(path).record(PassSummary(started_at=at, finished_at=at, error=error))


def line_at(path: Path, now: datetime) -> HealthLine:
    return sync_line(read_sync_record(path), now, HEARTBEAT_S, BACKOFF_S)


def test_the_record_is_read_where_and_as_the_agent_writes_it(tmp_path: Path) -> None:
    assert RECORD_FILE == WRITTEN_AS
    path = tmp_path / RECORD_FILE
    record_pass(path, START)
    record = read_sync_record(path)
    assert record is not None
    assert record.last_success_at == START
    assert record.agent_version == app_version()


def test_a_recent_successful_pass_is_fine_and_says_when(tmp_path: Path) -> None:
    path = tmp_path / RECORD_FILE
    record_pass(path, START)
    line = line_at(path, START + timedelta(minutes=2))
    assert line.status is Status.OK
    assert "上次成功同步在 2 分钟前（12-01 08:00）" in line.message.render()


def test_a_failed_pass_is_a_warning_while_the_last_success_is_recent(tmp_path: Path) -> None:
    path = tmp_path / RECORD_FILE
    record_pass(path, START)
    record_pass(path, START + timedelta(minutes=5), error="connection refused")
    line = line_at(path, START + timedelta(minutes=6))
    assert line.status is Status.WARNING
    assert "connection refused" in line.message.render()
    assert "上次成功同步在 6 分钟前" in line.message.render()


def test_no_success_for_a_day_is_a_fault(tmp_path: Path) -> None:
    path = tmp_path / RECORD_FILE
    record_pass(path, START)
    failing_at = START + timedelta(days=1, minutes=1)
    record_pass(path, failing_at, error="HTTP 503")
    assert line_at(path, failing_at).status is Status.FAULT


def test_an_agent_that_stopped_recording_is_a_fault_saying_to_restart(tmp_path: Path) -> None:
    path = tmp_path / RECORD_FILE
    record_pass(path, START)
    line = line_at(path, START + timedelta(hours=3))
    assert line.status is Status.FAULT
    assert "同步程序已停止工作 3 小时" in line.message.render()
    assert "重启本机" in line.todo.render()


def test_an_agent_that_never_ran_here_is_a_fault(tmp_path: Path) -> None:
    line = line_at(tmp_path / RECORD_FILE, START)
    assert line.status is Status.FAULT
    assert "还没有在本机运行过" in line.message.render()
