"""The diagnostics bundle: what a technician needs, and nothing personal or secret, whatever
the logs and the database hold."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.config import KioskSettings, load_settings
from kiosk.forms import Application
from kiosk.health.collect import collect
from kiosk.health.diagnostics import (
    DiagnosticsSources,
    data_dir_log_lines,
    export_diagnostics,
    journal_lines,
    mask_log_line,
    settings_without_secrets,
)
from kiosk.wiring.health import health_sources
from kiosk.wiring.services import KioskServices, build_services
from tests.helpers.data import ELDERLY_ID, ELDERLY_MATTER, ELDERLY_NAME, elderly_answers
from tests.helpers.devices.recording_printer import RecordingPrinter

NOW = datetime(2026, 12, 1, 8, 30, 5, tzinfo=UTC)
MOBILE = elderly_answers()["mobile"]
ADDRESS = elderly_answers()["address"]
PASSWORD = "hunter2-not-for-logs"
LOG_LINES = [
    json.dumps(
        {"msg": "card read", "name": ELDERLY_NAME, "id_number": ELDERLY_ID}, ensure_ascii=False
    ),
    f"读到身份证 {ELDERLY_ID}，姓名：{ELDERLY_NAME}，手机 {MOBILE}",
    "submission queued",
]


@pytest.fixture
def kiosk_settings(monkeypatch: pytest.MonkeyPatch) -> KioskSettings:
    """The test kiosk's settings, with a platform URL carrying a password."""
    monkeypatch.setenv("KIOSK_PLATFORM__URL", f"https://kiosk:{PASSWORD}@platform.example:8443")
    return load_settings()


@pytest.fixture
def services(kiosk_settings: KioskSettings) -> Iterator[KioskServices]:
    services = build_services(kiosk_settings, RecordingPrinter())
    yield services
    services.close()


def sources(services: KioskServices) -> DiagnosticsSources:
    checks = health_sources(services.settings, services.engine, services.catalogs, None, lambda: 0)
    # No network in tests: the platform is left out of this report.
    offline = [source for source in checks if source.topic != "network"]
    return DiagnosticsSources(
        services.settings, lambda: collect(offline, now=lambda: NOW), lambda: list(LOG_LINES)
    )


def members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_bundle_holds_no_id_number_name_phone_address_or_secret_in_any_member(
    services: KioskServices, tmp_path: Path
) -> None:
    services.submissions.submit(
        ELDERLY_MATTER,
        Application.from_json({"answers": elderly_answers(), "delivery": {"method": "自取"}}),
    )
    sealing_key = services.settings.platform.sealing_key
    assert sealing_key is not None
    forbidden = [ELDERLY_ID, ELDERLY_ID[:17], ELDERLY_NAME, MOBILE, ADDRESS, PASSWORD, sealing_key]
    stick = tmp_path / "stick"
    stick.mkdir()
    audit = MemoryAuditTrail()

    bundle = export_diagnostics(stick, sources(services), audit, "staff", now=lambda: NOW)

    assert bundle.name == "kiosk-diagnostics-kiosk-20261201-083005.zip"
    assert [p.name for p in stick.iterdir()] == [bundle.name]  # no partial file left behind
    found = members(bundle)
    assert set(found) == {
        "README.txt",
        "health.txt",
        "health.json",
        "devices.json",
        "versions.json",
        "config.json",
        "database.json",
        "logs.txt",
    }
    for name, content in found.items():
        leaked = [secret for secret in forbidden if secret.encode() in content]
        assert leaked == [], name
    logs = found["logs.txt"].decode()
    assert "110***********002X" in logs and "王**" in logs and "138****8000" in logs
    database = json.loads(found["database.json"])
    assert database["tables"]["submissions"]["rows"] == 1
    assert database["tables"]["submissions"]["by_state"] == {"queued": 1}
    assert database["integrity_check"] == ["ok"]
    assert database["page_count"] > 0
    (event,) = audit.events
    assert event.event is AuditEvent.DIAGNOSTICS_EXPORTED
    assert event.details == {"file": bundle.name}
    health = found["health.txt"].decode()
    assert "存储空间" in health and "Disk space" in health


def test_settings_keep_what_helps_and_say_only_whether_a_key_is_set(
    kiosk_settings: KioskSettings,
) -> None:
    shown = settings_without_secrets(kiosk_settings)
    platform = shown["platform"]
    assert platform["url"] == "https://platform.example:8443"
    assert platform["sealing_key"] == "(set)"
    assert platform["catalog_signing_key"] == "(set)"
    assert platform["client_key"] == "(not set)"
    assert platform["terminal_key"] == "(not set)"
    assert shown["devices"]["printer"]["uri"] == kiosk_settings.devices.printer.uri
    assert shown["terminal"]["hotline"] == "12345"


def test_log_lines_are_masked_however_the_personal_data_appears() -> None:
    masked = [mask_log_line(line) for line in LOG_LINES]
    assert '"name": "王**"' in masked[0]
    assert '"id_number": "110***********002X"' in masked[0]
    assert masked[1] == "读到身份证 110***********002X，姓名：王**，手机 138****8000"
    assert masked[2] == "submission queued"


def test_the_journal_of_both_units_is_read_and_its_absence_is_said() -> None:
    asked: list[Sequence[str]] = []

    def journalctl(command: Sequence[str]) -> str:
        asked.append(command)
        return "line one\nline two\n"

    assert journal_lines(journalctl) == ["line one", "line two"]
    assert asked[0][0] == "journalctl"
    assert list(asked[0][-4:-2]) == ["-u", "kiosk"]
    assert list(asked[0][-2:]) == ["-u", "kiosk-sync-agent"]

    def missing(command: Sequence[str]) -> str:
        raise FileNotFoundError(command[0])

    def failing(command: Sequence[str]) -> str:
        raise subprocess.CalledProcessError(1, command)

    assert journal_lines(missing) == ["(journal not read: FileNotFoundError)"]
    assert journal_lines(failing) == ["(journal not read: CalledProcessError)"]


def test_log_files_in_the_data_dir_are_tailed(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "ui.log").write_text("a\nb\nc\n", encoding="utf-8")
    assert data_dir_log_lines(tmp_path, limit=2) == ["ui.log: b", "ui.log: c"]
