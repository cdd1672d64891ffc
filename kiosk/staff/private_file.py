"""Writes the staff's small state files (the roster, the lockout) whole or not at all, readable
by the kiosk's own user only: a crash mid-write must never leave half a roster, and nobody else
on the machine may read PIN hashes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def write_private_json(path: Path, data: object) -> None:
    """Replace `path` with `data` as JSON, atomically, with mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(handle, PRIVATE_MODE)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=1)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
