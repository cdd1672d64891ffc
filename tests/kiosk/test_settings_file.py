"""Writing the platform's keys into a kiosk settings file in place (`kiosk platform init
--kiosk-config`): the shipped example already has a [platform] table, which appending a
second one would make invalid TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.config_error import ConfigError
from kiosk.settings_file import set_platform_keys
from tests.helpers.platform_keys import TEST_PLATFORM

SHIPPED_EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "config" / "kiosk.toml"
URL = "http://127.0.0.1:8443"


def platform_values(**extra: str) -> dict[str, str]:
    table = tomllib.loads(TEST_PLATFORM.kiosk_config())["platform"]
    return {**table, **extra}


def test_appending_the_keys_to_the_shipped_example_is_invalid_toml() -> None:
    appended = SHIPPED_EXAMPLE.read_text(encoding="utf-8") + TEST_PLATFORM.kiosk_config()
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(appended)


def test_the_keys_go_into_the_shipped_examples_platform_table(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    original = SHIPPED_EXAMPLE.read_text(encoding="utf-8")
    config.write_text(original, encoding="utf-8")
    set_platform_keys(config, platform_values(url=URL))
    settings = load_settings(config)
    assert settings.platform.url == URL
    assert settings.platform.sealing_key == platform_values()["sealing_key"]
    assert settings.platform.catalog_signing_key == platform_values()["catalog_signing_key"]
    assert settings.terminal.id == "GZ0001"  # the rest is as it was
    written = config.read_text(encoding="utf-8")
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert all(comment in written.splitlines() for comment in comments)
    assert [line for line in written.splitlines() if line == "[platform]"] == ["[platform]"]


def test_a_file_without_a_platform_table_gets_one_and_a_missing_file_is_created(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[devices.printer]\nuri = ""', encoding="utf-8")  # no final newline
    set_platform_keys(config, platform_values())
    assert load_settings(config).devices.printer.uri == ""
    assert load_settings(config).platform.sealing_key == platform_values()["sealing_key"]
    fresh = tmp_path / "new.toml"
    set_platform_keys(fresh, platform_values(url=URL))
    assert load_settings(fresh).platform.url == URL


def test_running_it_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(SHIPPED_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    set_platform_keys(config, platform_values(url=URL))
    once = config.read_text(encoding="utf-8")
    set_platform_keys(config, platform_values(url=URL))
    assert config.read_text(encoding="utf-8") == once


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[platform\nurl = 1\n", "is not valid TOML"),
        ('platform.url = "https://a.example"\n', "set them by hand"),
        ('[platform]\nurl = "http://10.0.0.1"\n', "platform.url: must be https://"),
    ],
    ids=["broken-file", "dotted-keys", "invalid-result"],
)
def test_a_file_it_cannot_edit_cleanly_is_left_untouched(
    tmp_path: Path, text: str, problem: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        set_platform_keys(config, platform_values())
    assert config.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]  # no temporary left behind
