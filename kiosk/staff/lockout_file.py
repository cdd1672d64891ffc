"""The PIN entry's lockout kept in the data dir, so that restarting the app (or its crash)
does not give a guesser five fresh tries."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from kiosk.atomic_file import PRIVATE_MODE, replace_json
from kiosk.staff.access import Lockout

LOCKOUT_FILE = "staff-lockout.json"
log = logging.getLogger(__name__)


class LockoutFile:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / LOCKOUT_FILE

    def load(self) -> Lockout:
        """The lockout last saved; none if never saved. A damaged file counts as the first
        lock, not as a clean slate: editing it must not reset a guesser's count."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Lockout()
        except (OSError, ValueError):
            log.warning(
                "staff lockout file unreadable; treated as locked", extra={"path": str(self._path)}
            )
            return _DAMAGED
        try:
            until = data["locked_until"]
            return Lockout(
                int(data["wrong_attempts"]), datetime.fromisoformat(until) if until else None
            )
        except (KeyError, TypeError, ValueError):
            log.warning(
                "staff lockout file unreadable; treated as locked", extra={"path": str(self._path)}
            )
            return _DAMAGED

    def save(self, lockout: Lockout) -> None:
        until = lockout.locked_until.isoformat() if lockout.locked_until else None
        data = {"wrong_attempts": lockout.wrong_attempts, "locked_until": until}
        replace_json(self._path, data, PRIVATE_MODE)


# Five wrong PINs already, not yet locked: the next wrong one locks.
_DAMAGED = Lockout(wrong_attempts=5)
