"""The few settings the attract screen needs at start-up, read without the settings model.

Validating the whole configuration imports pydantic and every section's rules, a good part of
a second on a kiosk's CPU; the attract screen is painted before that. It needs only the hall's
name and hotline, the font, whether the pointer is hidden, the language, whether the voice guide
starts on, and the log level; these are read here from the same file and the same
KIOSK_<SECTION>__<KEY> variables as `kiosk.config.load_settings` reads, with the same defaults
(a test holds the two together).
Nothing here is checked: whatever cannot be read falls back to its default, and the full
settings, validated right after the first paint, report the problem and stop the kiosk.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# As kiosk.config reads them (kept equal by tests/kiosk/test_attract_settings.py).
_CONFIG_ENV = "KIOSK_CONFIG"
_SYSTEM_CONFIG = Path("/etc/kiosk/kiosk.toml")
_ENV_PREFIX = "KIOSK_"
_NESTED = "__"
_TRUE = frozenset({"1", "true", "yes", "on", "t", "y"})
_FALSE = frozenset({"0", "false", "no", "off", "f", "n"})
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_LANGUAGES = ("zh_CN", "en_US")


@dataclass(frozen=True)
class AttractSettings:
    hall_name: str = "市民服务中心 24小时自助服务区"
    hotline: str = "12345"
    font_family: str = "Noto Sans CJK SC"
    hide_cursor: bool = True
    language: str = "zh_CN"
    voice: bool = True
    log_level: str = "INFO"


def read_attract_settings(explicit: Path | None = None) -> AttractSettings:
    """The attract screen's settings from --config (or $KIOSK_CONFIG, or /etc/kiosk/kiosk.toml)
    and the environment; defaults for anything missing or unreadable."""
    values = _file_values(_config_path(explicit))
    values.update(_environment_values(os.environ))
    defaults = AttractSettings()
    return AttractSettings(
        hall_name=_text(values.get("terminal.hall_name"), defaults.hall_name),
        hotline=_text(values.get("terminal.hotline"), defaults.hotline),
        font_family=_text(values.get("ui.font_family"), defaults.font_family),
        hide_cursor=_flag(values.get("ui.hide_cursor"), defaults.hide_cursor),
        language=_choice(values.get("ui.language"), _LANGUAGES, defaults.language),
        voice=_flag(values.get("ui.voice"), defaults.voice),
        log_level=_choice(values.get("log_level"), _LOG_LEVELS, defaults.log_level),
    )


def settings_file_to_write(explicit: Path | None = None) -> Path:
    """The file kiosk.config.file_to_change names, found without the settings model: an
    unprovisioned kiosk is one where it does not exist."""
    return _config_path(explicit) or _SYSTEM_CONFIG


def _config_path(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    if from_env := os.environ.get(_CONFIG_ENV):
        return Path(from_env)
    return _SYSTEM_CONFIG if _SYSTEM_CONFIG.is_file() else None


def _file_values(source: Path | None) -> dict[str, object]:
    """The file's keys as dotted names (`terminal.hall_name`); nothing if it cannot be read."""
    if source is None:
        return {}
    try:
        document = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return dict(_flattened(document))


def _flattened(table: Mapping[str, object], prefix: str = "") -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            pairs += _flattened(value, f"{prefix}{key}.")
        else:
            pairs.append((f"{prefix}{key}", value))
    return pairs


def _environment_values(environ: Mapping[str, str]) -> dict[str, object]:
    """KIOSK_TERMINAL__HALL_NAME as `terminal.hall_name`, matched without regard to case."""
    return {
        name[len(_ENV_PREFIX) :].lower().replace(_NESTED, "."): raw
        for name, raw in environ.items()
        if name.upper().startswith(_ENV_PREFIX)
    }


def _text(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def _choice(value: object, choices: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in choices else default


def _flag(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return default
