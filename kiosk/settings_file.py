"""Setting keys in a kiosk's TOML settings file in place, for `kiosk platform init
--kiosk-config`.

TOML allows a table once per file, so appending a second `[platform]` table to a config that
has one (as the shipped example does) makes the file invalid. Here the keys are written into
the existing table instead, keeping every other line and comment (a replaced line's own
trailing comment goes with it). The result is checked (valid TOML, the values read back, the
[platform] section valid) before it replaces the file in one rename, so a reader sees the
old file or the new one and never half of it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from kiosk.config import PlatformSettings
from kiosk.config_error import ConfigError

_HEADER = re.compile(r"^\s*\[")
_PLATFORM_HEADER = re.compile(r"^\s*\[\s*platform\s*\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def set_platform_keys(path: Path, values: Mapping[str, str]) -> None:
    """Write `values` as keys of the [platform] table of the TOML file at `path` (created if
    missing); ConfigError, with the file untouched, when that cannot be done cleanly."""
    original = _read(path)
    updated = _with_keys(original, values)
    _check(path, updated, values)
    _replace(path, updated)


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} cannot be read: {exc}") from exc
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); fix it first") from exc
    return text


def _with_keys(text: str, values: Mapping[str, str]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    written = {
        key: f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()
    }
    header = next((i for i, line in enumerate(lines) if _PLATFORM_HEADER.match(line)), None)
    if header is None:
        gap = ["\n"] if lines and lines[-1].strip() else []
        return "".join([*lines, *gap, "[platform]\n", *written.values()])
    end = next((i for i in range(header + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    last_key = header
    missing = dict(written)
    for i in range(header + 1, end):
        key = _KEY_LINE.match(lines[i])
        if key is None:
            continue
        last_key = i
        if key.group(1) in missing:
            lines[i] = missing.pop(key.group(1))
    lines[last_key + 1 : last_key + 1] = list(missing.values())
    return "".join(lines)


def _check(path: Path, text: str, values: Mapping[str, str]) -> None:
    """The edit did what it should, or the file is left as it was."""
    try:
        table = tomllib.loads(text).get("platform")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: the [platform] keys cannot be set cleanly ({exc}); set them by hand"
        ) from exc
    if not isinstance(table, dict) or any(table.get(k) != v for k, v in values.items()):
        raise ConfigError(
            f"{path}: its [platform] settings are written in a form this edit does not handle "
            "(a dotted or inline table?); set them by hand"
        )
    try:
        PlatformSettings.model_validate(table)
    except ValidationError as exc:
        problems = "\n".join(
            f"  platform.{'.'.join(str(p) for p in error['loc'])}: "
            + error["msg"].removeprefix("Value error, ")
            for error in exc.errors()
        )
        raise ConfigError(f"{path}: the [platform] table would be invalid:\n{problems}") from exc


def _replace(path: Path, text: str) -> None:
    directory = path.parent.resolve()
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)
