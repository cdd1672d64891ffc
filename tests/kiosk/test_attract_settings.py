"""The attract screen's light settings read agrees with the validated settings it stands in for."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.attract_settings import AttractSettings, read_attract_settings
from kiosk.config import KioskSettings, load_settings


def attract_part(settings: KioskSettings) -> AttractSettings:
    return AttractSettings(
        hall_name=settings.terminal.hall_name,
        hotline=settings.terminal.hotline,
        font_family=settings.ui.font_family,
        hide_cursor=settings.ui.hide_cursor,
        language=settings.ui.language,
        voice=settings.ui.voice,
        log_level=settings.log_level,
    )


def test_without_a_file_the_defaults_are_those_of_the_settings_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KIOSK_CONFIG")
    assert read_attract_settings() == attract_part(load_settings()) == AttractSettings()


def test_the_file_and_the_environment_are_read_as_the_settings_model_reads_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "hall.toml"
    config.write_text(
        'log_level = "WARNING"\n'
        '[terminal]\nhall_name = "天河区政务服务中心"\nhotline = "020-12345"\n'
        '[ui]\nlanguage = "en_US"\nvoice = false\nhide_cursor = false\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("kiosk_terminal__hotline", "96345")  # names match whatever their case
    monkeypatch.setenv("KIOSK_UI__VOICE", "true")

    light = read_attract_settings(config)

    assert light == attract_part(load_settings(config))
    assert not light.hide_cursor
    assert (light.hall_name, light.hotline, light.language, light.voice, light.log_level) == (
        "天河区政务服务中心",
        "96345",
        "en_US",
        True,
        "WARNING",
    )


def test_a_file_that_cannot_be_read_gives_the_defaults_for_the_full_settings_to_report(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[terminal\nhall_name = ", encoding="utf-8")

    assert read_attract_settings(broken) == AttractSettings()
    assert read_attract_settings(tmp_path / "missing.toml") == AttractSettings()
