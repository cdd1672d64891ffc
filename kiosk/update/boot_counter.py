"""How many boots GRUB counted for a slot since it was last marked good (X_TRY in grubenv).

RAUC's status says only good or bad; the count is what tells a slot already committed this
boot (0) from one on trial (1 or more), so a second commit is a no-op. The environment block
is the file RAUC's system.conf names ([system] grubenv): plain KEY=value lines padded with #.
"""

from __future__ import annotations

import configparser
from pathlib import Path

SYSTEM_CONF = Path("/etc/rauc/system.conf")


def grubenv_path(system_conf: Path = SYSTEM_CONF) -> Path:
    """The environment block RAUC writes, as its configuration names it."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(system_conf.read_text(encoding="utf-8"))
        return Path(parser["system"]["grubenv"])
    except (OSError, KeyError, configparser.Error) as exc:
        raise FileNotFoundError(f"{system_conf} names no [system] grubenv: {exc}") from exc


def attempts(grubenv: Path, bootname: str) -> int | None:
    """`bootname`'s counted boots, or None when the block does not say."""
    try:
        text = grubenv.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for entry in text.splitlines():
        key, sep, value = entry.partition("=")
        if sep and key == f"{bootname}_TRY":
            return int(value) if value.strip().isdigit() else None
    return None
