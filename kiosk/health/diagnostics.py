"""The diagnostics bundle staff hand to a technician: one zip with recent log lines (personal
data masked), the settings without secrets, database statistics (counts, never rows), the
health report and the versions.

Everything is masked or reduced as it is written; nothing in the bundle needs to be trusted
to have been clean before. Writing waits on the disk and on journalctl: call it off the GUI
thread.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.config import KioskSettings
from kiosk.config_edit.values import is_secret
from kiosk.health.devices import read_board
from kiosk.health.report import HealthReport
from kiosk.health.sync_record import RECORD_FILE, read_sync_record
from kiosk.health.versions import app_version
from kiosk.privacy import mask_id_number, mask_mobile, mask_name, redact_personal_data

# The units kiosk.service and kiosk-sync-agent.service log under (packaging/systemd/).
JOURNAL_UNITS = ("kiosk", "kiosk-sync-agent")
# About a day of a busy kiosk's lines; a technician asks for more over SSH if needed.
JOURNAL_LINES = 5000
_JOURNAL_TIMEOUT_S = 30.0
_INTEGRITY_ROWS = 20

# Settings whose values are secret or name a secret: shown only as set or not set.
# Log fields (JSON keys) that may carry a person's data.
_PERSONAL_FIELDS = {
    "name": mask_name,
    "applicant_name": mask_name,
    "id_number": mask_id_number,
    "applicant_id": mask_id_number,
    "mobile": mask_mobile,
    "phone": mask_mobile,
}
_FIELD = re.compile(
    r'"(?P<key>' + "|".join(_PERSONAL_FIELDS) + r')"\s*:\s*"(?P<value>[^"]*)"', re.IGNORECASE
)
_NAMED = re.compile(r"(?P<label>姓名|申请人)(?P<sep>\s*[:：=]\s*)(?P<value>[^\s,，;；\"']+)")


def mask_log_line(text: str) -> str:
    """A log line with ID numbers, mobile numbers and named personal fields masked."""

    def field(match: re.Match[str]) -> str:
        mask = _PERSONAL_FIELDS[match.group("key").lower()]
        return f'"{match.group("key")}": "{mask(match.group("value"))}"'

    masked = _FIELD.sub(field, text)
    masked = _NAMED.sub(
        lambda m: m.group("label") + m.group("sep") + mask_name(m.group("value")), masked
    )
    return redact_personal_data(masked)


Runner = Callable[[Sequence[str]], str]


def _run(command: Sequence[str]) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=_JOURNAL_TIMEOUT_S, check=True
    )
    return done.stdout


def journal_lines(run: Runner = _run) -> list[str]:
    """The kiosk's and the agent's recent journal lines; one explaining line without systemd."""
    command = ["journalctl", "--no-pager", "-o", "short-iso", "-n", str(JOURNAL_LINES)]
    for unit in JOURNAL_UNITS:
        command += ["-u", unit]
    try:
        return run(command).splitlines()
    except (OSError, subprocess.SubprocessError) as exc:
        return [f"(journal not read: {type(exc).__name__})"]


def data_dir_log_lines(data_dir: Path, limit: int = JOURNAL_LINES) -> list[str]:
    """The last lines of any *.log file the kiosk keeps in its data dir (or its logs/)."""
    lines: list[str] = []
    for path in sorted([*data_dir.glob("*.log"), *data_dir.glob("logs/*.log")]):
        try:
            tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-limit:]
        except OSError:
            continue
        lines += [f"{path.name}: {row}" for row in tail]
    return lines


def settings_without_secrets(settings: KioskSettings) -> dict[str, Any]:
    """The settings in force, every key, password or token replaced by whether it is set."""
    scrubbed: dict[str, Any] = _scrub(settings.model_dump(mode="json"))
    return scrubbed


def _scrub(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {name: _scrub(inner, name) for name, inner in value.items()}
    if isinstance(value, list):
        return [_scrub(inner, key) for inner in value]
    if is_secret(key):
        return "(set)" if value else "(not set)"
    if isinstance(value, str) and "://" in value:
        return _without_credentials(value)
    return value


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def database_statistics(path: Path) -> dict[str, Any]:
    """Sizes, row counts per table (and per state where a table has states), the integrity
    check's verdict: never a row's content."""
    if not path.exists():
        return {"error": f"no database at {path}"}
    wal = path.with_name(path.name + "-wal")
    stats: dict[str, Any] = {
        "file_bytes": path.stat().st_size,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
    }
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        stats["page_size"] = connection.execute("PRAGMA page_size").fetchone()[0]
        stats["page_count"] = connection.execute("PRAGMA page_count").fetchone()[0]
        stats["freelist_count"] = connection.execute("PRAGMA freelist_count").fetchone()[0]
        stats["schema_version"] = _schema_version(connection)
        tables: dict[str, Any] = {}
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
        for (name,) in names:
            quoted = '"' + name.replace('"', '""') + '"'
            table: dict[str, Any] = {
                "rows": connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            }
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({quoted})")}
            if "state" in columns:
                by_state = connection.execute(
                    f"SELECT state, count(*) FROM {quoted} GROUP BY state ORDER BY state"
                )
                table["by_state"] = dict(by_state.fetchall())
            tables[name] = table
        stats["tables"] = tables
        verdict = connection.execute("PRAGMA integrity_check").fetchmany(_INTEGRITY_ROWS)
        stats["integrity_check"] = [redact_personal_data(str(row[0])) for row in verdict]
    finally:
        connection.close()
    return stats


def _schema_version(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def versions(settings: KioskSettings) -> dict[str, Any]:
    record = read_sync_record(settings.data_dir / RECORD_FILE)
    return {
        "app": app_version(),
        "agent": record.agent_version if record else None,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


@dataclass(frozen=True)
class DiagnosticsSources:
    """What goes into a bundle, each read when the bundle is written."""

    settings: KioskSettings
    report: Callable[[], HealthReport]
    log_lines: Callable[[], list[str]]


def default_log_lines(settings: KioskSettings) -> Callable[[], list[str]]:
    return lambda: journal_lines() + data_dir_log_lines(settings.data_dir)


def bundle_name(settings: KioskSettings, now: datetime) -> str:
    terminal = settings.terminal.id or "kiosk"
    return f"kiosk-diagnostics-{terminal}-{now:%Y%m%d-%H%M%S}.zip"


def write_bundle(target_dir: Path, sources: DiagnosticsSources, now: datetime) -> Path:
    """Write the bundle into `target_dir` whole (a partly written file never has the name),
    flushed to the drive so the stick can be pulled out afterwards."""
    settings = sources.settings
    report = sources.report()
    members: dict[str, str] = {
        "README.txt": _readme(settings, now),
        "health.txt": report.as_text("zh_CN") + "\n" + report.as_text("en_US"),
        "health.json": _json(report.as_json()),
        "devices.json": _json({k: vars(v) for k, v in read_board(settings.health_path).items()}),
        "versions.json": _json(versions(settings)),
        "config.json": _json(settings_without_secrets(settings)),
        "database.json": _json(database_statistics(settings.database_path)),
        "logs.txt": "\n".join(mask_log_line(row) for row in sources.log_lines()) + "\n",
    }
    target = target_dir / bundle_name(settings, now)
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, content in members.items():
            bundle.writestr(name, content)
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    os.replace(partial, target)
    os.sync()
    return target


def export_diagnostics(
    target_dir: Path,
    sources: DiagnosticsSources,
    audit: AuditTrail,
    actor: str,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Path:
    """Write the bundle and audit it by its file name."""
    written = write_bundle(target_dir, sources, now())
    audit.record(AuditEvent.DIAGNOSTICS_EXPORTED, actor, {"file": written.name})
    return written


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"


def _readme(settings: KioskSettings, now: datetime) -> str:
    return (
        f"Diagnostics of kiosk {settings.terminal.id or '(terminal id not set)'} "
        f"taken {now.isoformat(timespec='seconds')}.\n"
        "health.txt: what staff saw; logs.txt: journal lines, personal data masked;\n"
        "config.json: settings, secrets shown only as set or not set;\n"
        "database.json: sizes and counts, no rows; devices.json, versions.json.\n"
    )
