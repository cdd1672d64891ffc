"""Setting keys in a kiosk's TOML settings file in place: `kiosk config set`, the console's
configuration page and `kiosk platform init --kiosk-config` all write through here.

TOML allows a table once per file, so appending a second `[platform]` table to a config that
has one (as the shipped example does) makes the file invalid. Here each key is written into
its existing table instead (a key of no table goes before the first one), keeping every
other line and comment (a replaced line's own trailing comment goes with it); a key set to
None is taken out, which is how TOML says "not set". The result is checked (valid TOML, the
values read back, then the caller's validation of the whole file) before it replaces the file
in one rename, so a reader sees the old file or the new one and never half of it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.atomic_file import replace_atomically
from kiosk.config_error import ConfigError

# What a setting's value is written as: TOML's string, boolean, integer, float or array.
TomlValue = str | bool | int | float | Sequence[Any]

_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def set_platform_keys(path: Path, values: Mapping[str, str]) -> None:
    """Write `values` as keys of the [platform] table of the TOML file at `path` (created if
    missing); ConfigError, with the file untouched, when that cannot be done cleanly or the
    resulting settings would be invalid."""
    from kiosk.config import settings_from_values

    set_keys(
        path,
        {f"platform.{key}": value for key, value in values.items()},
        lambda table: settings_from_values(table, path),
    )


def set_keys(
    path: Path,
    changes: Mapping[str, TomlValue | None],
    validate: Callable[[dict[str, Any]], object],
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
) -> None:
    """Set each dotted key (`devices.printer.paper`) of the TOML file at `path` (created if
    missing) to its value, or take it out for None; `validate` sees the whole resulting file
    and raises ConfigError to refuse it. On any refusal the file is left as it was. Two
    editors at once (the console and `kiosk config set`) take turns, so neither loses the
    other's change. `mode` and `owner` are the file's (kiosk.atomic_file.replace_atomically)."""
    with _editing(path.parent):
        updated = edited_text(path, changes)
        validate(tomllib.loads(updated))
        replace_atomically(path, updated, mode, owner)


@contextmanager
def _editing(directory: Path) -> Iterator[None]:
    """An exclusive lock on the file's directory (not on the file, which the rename
    replaces; and no lock file is left beside it)."""
    folder = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # releases the lock


def edited_text(path: Path, changes: Mapping[str, TomlValue | None]) -> str:
    """The file's text with `changes` made, checked to read back as intended."""
    text = read_valid_toml(path)
    for table, keys in _by_table(changes).items():
        text = _with_keys(text, table, keys)
    _check(path, text, changes)
    return text


def read_valid_toml(path: Path) -> str:
    """The file's text ("" if there is none yet); ConfigError if it is not valid TOML."""
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


def toml_value(value: TomlValue) -> str:
    """A value as TOML writes it (a JSON string is a TOML basic string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(toml_value(item) for item in value) + "]"


def _by_table(changes: Mapping[str, TomlValue | None]) -> dict[str, dict[str, TomlValue | None]]:
    tables: dict[str, dict[str, TomlValue | None]] = {}
    for dotted, value in changes.items():
        table, _, key = dotted.rpartition(".")
        tables.setdefault(table, {})[key] = value
    return tables


def _header_of(table: str) -> re.Pattern[str]:
    parts = r"\s*\.\s*".join(re.escape(part) for part in table.split("."))
    return re.compile(rf"^\s*\[\s*{parts}\s*\]\s*(#.*)?$")


def _with_keys(text: str, table: str, values: Mapping[str, TomlValue | None]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    written = {
        key: f"{key} = {toml_value(value)}\n" for key, value in values.items() if value is not None
    }
    if table:
        header = next((i for i, line in enumerate(lines) if _header_of(table).match(line)), None)
        if header is None:
            if not written:
                return "".join(lines)
            gap = ["\n"] if lines and lines[-1].strip() else []
            return "".join([*lines, *gap, f"[{table}]\n", *written.values()])
    else:
        header = -1  # the keys of no table come before the first header
    end = next((i for i in range(header + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    last_key = header if table else _after_opening_comments(lines, end)
    missing = dict(written)
    for i in range(header + 1, end):
        key = _KEY_LINE.match(lines[i])
        if key is None:
            continue
        last_key = i
        name = key.group(1)
        if name in values and values[name] is None:
            lines[i] = ""
        elif name in missing:
            lines[i] = missing.pop(name)
    lines[last_key + 1 : last_key + 1] = list(missing.values())
    return "".join(lines)


def _after_opening_comments(lines: list[str], end: int) -> int:
    """Where a key of no table goes when there is none yet: after the comments that open the
    file, before a blank line or the first table (the line before that index)."""
    return next((i for i in range(end) if not lines[i].strip()), end) - 1


def _check(path: Path, text: str, changes: Mapping[str, TomlValue | None]) -> None:
    """The edit did what it should, or the file is left as it was."""
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: {', '.join(changes)} cannot be set cleanly ({exc}); set them by hand"
        ) from exc
    for dotted, value in changes.items():
        if _read_back(values, dotted) != _normalised(value):
            table = dotted.rpartition(".")[0] or "top"
            raise ConfigError(
                f"{path}: its [{table}] settings are written in a form this edit does not "
                "handle (a dotted or inline table?); set them by hand"
            )


_ABSENT = object()


def _read_back(values: Mapping[str, Any], dotted: str) -> object:
    found: object = values
    for part in dotted.split("."):
        if not isinstance(found, Mapping) or part not in found:
            return _ABSENT
        found = found[part]
    return found


def _normalised(value: TomlValue | None) -> object:
    if value is None:
        return _ABSENT
    if isinstance(value, str | bool | int | float):
        return value
    return [_normalised(item) for item in value]
