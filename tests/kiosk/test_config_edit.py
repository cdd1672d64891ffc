"""Changing the settings file by key (`kiosk config set`, the console's page): every other
line and comment kept, the whole result validated by the settings model before it is written,
written atomically, audited with old and new value, secrets never in clear."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.config import load_settings
from kiosk.config_edit.declaration import (
    Applies,
    Editor,
    Setting,
    console_settings,
    declared_settings,
)
from kiosk.config_edit.editor import SettingsFile
from kiosk.config_edit.holder import SettingsHolder
from kiosk.config_edit.values import MASK, is_secret, shown
from kiosk.config_error import ConfigError, SettingsRefused
from kiosk.settings_file import set_keys
from tests.helpers.platform_keys import TEST_PLATFORM

SHIPPED_EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "config" / "kiosk.toml"


def setting_named(key: str) -> Setting:
    return next(s for s in declared_settings({}) if s.key == key)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """The shipped example, with the test platform's keys in place of its placeholders."""
    path = tmp_path / "kiosk.toml"
    text = SHIPPED_EXAMPLE.read_text(encoding="utf-8")
    for line in TEST_PLATFORM.kiosk_config().splitlines():
        key = line.partition(" =")[0]
        if key in ("sealing_key", "catalog_signing_key"):
            text = text.replace(f'{key} = "<base64 from the platform>"', line)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o640)
    return path


def test_setting_keys_of_several_tables_keeps_every_other_line_and_comment(config: Path) -> None:
    original = config.read_text(encoding="utf-8").splitlines()
    audit = MemoryAuditTrail()

    SettingsFile(config).save(
        {"terminal.hotline": "0571-12345", "devices.printer.paper": "58mm", "ui.voice": "off"},
        "T001",
        audit,
    )

    settings = load_settings(config)
    assert settings.terminal.hotline == "0571-12345"
    assert settings.devices.printer.paper == "58mm"
    assert settings.ui.voice is False
    assert settings.terminal.id == "GZ0001" and settings.ui.thanks_timeout_s == 20
    written = config.read_text(encoding="utf-8").splitlines()
    assert [line for line in original if line.lstrip().startswith("#")] == [
        line for line in written if line.lstrip().startswith("#")
    ]
    assert len(written) == len(original) + 1  # [ui] had no voice line: one was added
    assert 'hotline = "0571-12345"' in written
    assert stat.S_IMODE(config.stat().st_mode) == 0o640  # the mode is kept


def test_every_change_is_audited_with_key_old_and_new_value(config: Path) -> None:
    audit = MemoryAuditTrail()
    saved = SettingsFile(config).save(
        {"ui.idle_timeout_s": "120", "terminal.hotline": "12345"}, "T001", audit
    )
    assert [change.key for change in saved.changes] == ["ui.idle_timeout_s"]  # hotline was 12345
    [recorded] = audit.events
    assert recorded.event is AuditEvent.CONFIG_CHANGED and recorded.actor == "T001"
    assert recorded.details == {
        "key": "ui.idle_timeout_s",
        "old": "90",
        "new": "120",
        "applies": "live",
    }


@pytest.mark.parametrize(
    ("texts", "named", "says"),
    [
        ({"ui.idle_timeot_s": "120"}, "ui.idle_timeot_s", "unknown setting"),
        ({"ui.idle_timeout_s": "soon"}, "ui.idle_timeout_s", "whole number from 15 to 1800"),
        ({"ui.idle_timeout_s": "5"}, "ui.idle_timeout_s", "greater than or equal to 15"),
        ({"devices.printer.paper": "A4"}, "devices.printer.paper", "one of: 58mm, 80mm"),
        ({"ui.voice": "maybe"}, "ui.voice", "true or false"),
        ({"platform.url": "http://10.0.0.1"}, "platform.url", "must be https://"),
        ({"terminal.hotline": "call us"}, "terminal.hotline", "should match pattern"),
    ],
    ids=[
        "unknown",
        "wrong-type",
        "out-of-bounds",
        "no-such-choice",
        "not-a-switch",
        "url",
        "hotline",
    ],
)
def test_a_refused_change_names_the_key_and_leaves_the_file_byte_identical(
    config: Path, texts: dict[str, str], named: str, says: str
) -> None:
    before = config.read_bytes()
    audit = MemoryAuditTrail()
    with pytest.raises(SettingsRefused) as refusal:
        SettingsFile(config).save({"terminal.hotline": "96110", **texts}, "T001", audit)
    assert refusal.value.problems[0][0] == named
    assert says in refusal.value.problems[0][1]
    assert named in str(refusal.value)
    assert config.read_bytes() == before
    assert [p.name for p in config.parent.iterdir()] == ["kiosk.toml"]  # no temporary left
    assert audit.events == []


def test_an_optional_setting_given_empty_is_taken_out_of_the_file(config: Path) -> None:
    SettingsFile(config).save({"platform.ca_bundle": ""}, "T001", MemoryAuditTrail())
    assert load_settings(config).platform.ca_bundle is None
    assert "ca_bundle =" not in config.read_text(encoding="utf-8")


def test_secrets_are_masked_in_what_is_shown_and_audited(config: Path) -> None:
    audit = MemoryAuditTrail()
    SettingsFile(config).save({"platform.terminal_key": "/etc/kiosk/keys/t.key"}, "T001", audit)
    assert audit.events[0].details["new"] == MASK
    sealing = TEST_PLATFORM.kiosk_settings()["sealing_key"]
    assert shown("platform.sealing_key", sealing) == MASK
    assert shown("platform.client_key", Path("/x")) == MASK
    assert shown("terminal.hotline", "12345") == "12345"


def test_the_replacement_is_atomic_a_failed_write_leaves_the_old_file(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = config.read_bytes()

    def power_cut(source: str, target: str) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="disk went away"):
        SettingsFile(config).save({"terminal.hotline": "96110"}, "T001", MemoryAuditTrail())
    assert config.read_bytes() == before
    assert [p.name for p in config.parent.iterdir()] == ["kiosk.toml"]


def test_keys_of_no_table_go_before_the_first_table(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("# a kiosk\n[ui]\nvoice = true\n", encoding="utf-8")
    set_keys(path, {"log_level": "DEBUG", "ui.voice": False}, lambda values: None)
    assert path.read_text(encoding="utf-8") == (
        '# a kiosk\nlog_level = "DEBUG"\n[ui]\nvoice = false\n'
    )


def test_a_key_written_as_a_dotted_key_is_refused_rather_than_duplicated(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[devices]\nprinter.uri = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="set them by hand"):
        set_keys(path, {"devices.printer.paper": "58mm"}, lambda values: None)
    assert path.read_text(encoding="utf-8") == '[devices]\nprinter.uri = ""\n'


def test_the_console_offers_what_the_declaration_marks_with_types_from_the_model() -> None:
    camera = {"devices": {"qr_scanner": {"kind": "camera", "source": 0}}}
    keys = [setting.key for setting in console_settings(camera)]
    assert keys == [
        "terminal.id",
        "terminal.hall_name",
        "terminal.hotline",
        "devices.id_reader.port",
        "devices.printer.uri",
        "devices.printer.paper",
        "devices.qr_scanner.source",
        "platform.url",
        "platform.ca_bundle",
        "ui.language",
        "ui.idle_timeout_s",
        "ui.idle_warning_s",
        "ui.voice",
    ]
    timeout = setting_named("ui.idle_timeout_s")
    assert timeout.editor is Editor.WHOLE
    assert (timeout.minimum, timeout.maximum, timeout.applies) == (15, 1800, Applies.LIVE)
    paper = setting_named("devices.printer.paper")
    assert paper.choices == ("58mm", "80mm")
    assert paper.applies is Applies.AFTER_APP_RESTART
    assert setting_named("platform.url").applies is Applies.AFTER_AGENT_RESTART
    assert "devices.qr_scanner.source" not in [s.key for s in console_settings({})]
    assert not any(is_secret(setting.key) for setting in console_settings(camera))  # shown in clear


def test_the_holder_applies_live_changes_and_tells_its_listeners(config: Path) -> None:
    holder = SettingsHolder(load_settings(config))
    heard: list[str] = []
    holder.subscribe(lambda settings: heard.append(settings.terminal.hotline))
    saved = SettingsFile(config).save(
        {"terminal.hotline": "96110", "devices.printer.paper": "58mm"}, "T001", MemoryAuditTrail()
    )
    holder.apply(saved.live())
    assert heard == ["96110"]
    assert holder.current.devices.printer.paper == "80mm"  # not in force until a restart
    assert [change.key for change in saved.after_restart()] == ["devices.printer.paper"]
