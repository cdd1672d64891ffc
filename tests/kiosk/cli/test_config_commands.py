"""`kiosk config show|set|validate`: the technicians' way to the settings over SSH."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.cli.config_cmd import cli_actor
from kiosk.cli.main import main
from kiosk.config import KioskSettings
from kiosk.printing import DocumentPrinter
from kiosk.wiring import services
from tests.helpers.kiosk_cli import Kiosk


def test_show_names_the_file_and_masks_every_secret(kiosk: Kiosk, config: Path) -> None:
    result = kiosk("config", "show", "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert str(config) in shown["source"]
    assert shown["settings"]["terminal.hotline"] == "12345"
    assert shown["settings"]["platform.sealing_key"] == "******"
    sealing_key = tomllib.loads(config.read_text(encoding="utf-8"))["platform"]["sealing_key"]
    assert sealing_key not in result.stdout
    text = kiosk("config", "show")
    assert "ui.idle_timeout_s = 90" in text.stdout and sealing_key not in text.stdout


def test_set_parses_values_by_type_and_says_when_each_takes_effect(
    kiosk: Kiosk, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_UI__VOICE", "true")
    result = kiosk(
        "config", "set", "ui.voice=false", "ui.idle_timeout_s=120", "terminal.hotline=96110"
    )
    assert result.returncode == 0, result.stderr
    written = tomllib.loads(config.read_text(encoding="utf-8"))
    assert written["ui"] == {"voice": False, "idle_timeout_s": 120}
    assert written["terminal"] == {"hotline": "96110"}
    assert (
        "terminal.hotline: 12345 -> 96110 (takes effect when the touchscreen app" in result.stdout
    )
    assert kiosk("config", "show", "--json").stdout.count('"96110"') == 1
    assert "KIOSK_UI__VOICE in the environment overrides it" in result.stderr


def test_a_file_that_cannot_be_written_is_said_so_in_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "no-such-directory" / "kiosk.toml"
    assert main(["config", "set", "terminal.hotline=96110", "--config", str(nowhere)]) == 1
    assert f"{nowhere} cannot be written" in capsys.readouterr().err


def test_validate_exits_78_with_the_refusal_lines(kiosk: Kiosk, config: Path) -> None:
    assert kiosk("config", "validate").returncode == 0
    config.write_text(config.read_text(encoding="utf-8") + '\n[ui]\nlanguage = "fr_FR"\n')
    result = kiosk("config", "validate")
    assert result.returncode == 78
    assert "ui.language: Input should be 'zh_CN' or 'en_US'" in result.stderr


def test_a_change_from_the_command_line_is_audited_as_the_unix_user(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trail = MemoryAuditTrail()
    real = services.build_services

    def with_trail(settings: KioskSettings, printer: DocumentPrinter) -> services.KioskServices:
        return replace(real(settings, printer), audit=trail)

    monkeypatch.setattr(services, "build_services", with_trail)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.9 50000 10.0.0.2 22")
    monkeypatch.setenv("USER", "tech1")
    monkeypatch.setenv("LOGNAME", "tech1")

    assert main(["config", "set", "devices.printer.paper=58mm", "--config", str(config)]) == 0

    [recorded] = trail.events
    assert recorded.event is AuditEvent.CONFIG_CHANGED
    assert recorded.actor == cli_actor() == "technician@ssh:tech1"
    assert recorded.details["key"] == "devices.printer.paper"
    assert (recorded.details["old"], recorded.details["new"]) == ("80mm", "58mm")
    assert "devices.printer.paper: 80mm -> 58mm" in capsys.readouterr().out
