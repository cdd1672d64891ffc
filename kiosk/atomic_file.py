"""Replacing a small file whole or not at all: the kiosk's state files (the service switch, the
start record, the staff roster and lockout, the housekeeping record) and its settings file.
A power cut or a crash mid-write leaves the old file or the new one, never half of either."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600  # the kiosk's own user alone: PIN hashes, lockouts


def replace_atomically(
    path: Path, text: str, mode: int | None = None, owner: tuple[int, int] | None = None
) -> None:
    """Write `text` to a temporary file beside `path`, flushed to disk, and rename it over
    `path`; the directory is flushed too, so the rename itself survives a power cut. The file
    gets `mode`, or else the old file's mode (0644 for a new file), and `owner` (uid, gid)
    when given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    directory = path.parent.resolve()
    if mode is None:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        os.fchmod(handle, mode)  # before any byte is written: a private file is never readable
        if owner is not None:
            os.fchown(handle, *owner)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def replace_json(path: Path, data: object, mode: int | None = None) -> None:
    """`replace_atomically` with `data` as JSON."""
    replace_atomically(path, json.dumps(data, ensure_ascii=False), mode)
