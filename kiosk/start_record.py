"""Remembers how the touchscreen app's recent runs ended, so a restart can tell a crash loop
from a crash.

Each start is written to a small file in the data dir before anything else is built, and
marked clean when the app exits the ordinary way (SIGTERM from systemd, a restart asked for
at the console). A start never marked clean ended in a crash, a kill (the watchdog's SIGABRT,
SIGKILL) or a power cut. The file holds times and flags only: nothing about residents.
Written atomically (temp file, fsync, rename): a crash mid-write leaves the previous record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.atomic_file import replace_json

START_FILE = "starts.json"
KEPT_STARTS = 10  # enough to judge any window the guard uses; the file stays tiny


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Start:
    at: datetime
    clean: bool


class StartRecord:
    """The app's recent starts and whether each ended cleanly, plus whether the crash-loop
    guard is holding the kiosk out of service (kiosk/crash_loop.py)."""

    def __init__(self, data_dir: Path, now: Callable[[], datetime] = _utc_now) -> None:
        self._path = data_dir / START_FILE
        self._now = now

    def begin(self) -> list[Start]:
        """Record this start (unclean until `end_cleanly`); the starts before it, oldest first."""
        starts, held = self._read()
        self._write([*starts, Start(self._now(), clean=False)][-KEPT_STARTS:], held)
        return starts

    def end_cleanly(self) -> None:
        """The run that began last is ending the ordinary way."""
        starts, held = self._read()
        if starts:
            self._write([*starts[:-1], Start(starts[-1].at, clean=True)], held)

    @property
    def held_since(self) -> datetime | None:
        return self._read()[1]

    def hold(self) -> None:
        starts, held = self._read()
        self._write(starts, held or self._now())

    def release(self) -> None:
        starts, _ = self._read()
        self._write(starts, None)

    def _read(self) -> tuple[list[Start], datetime | None]:
        """The record; an unreadable one counts as empty, so a damaged file never keeps a
        working kiosk closed."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            starts = [
                Start(datetime.fromisoformat(item["at"]), bool(item["clean"]))
                for item in data["starts"]
            ]
            held = datetime.fromisoformat(data["held_since"]) if data.get("held_since") else None
        except (OSError, ValueError, KeyError, TypeError):
            return [], None
        return starts, held

    def _write(self, starts: list[Start], held_since: datetime | None) -> None:
        data = {
            "starts": [{"at": start.at.isoformat(), "clean": start.clean} for start in starts],
            "held_since": held_since.isoformat() if held_since else None,
        }
        replace_json(self._path, data)


def unclean_within(starts: list[Start], window: timedelta, now: datetime) -> int:
    """How many of `starts` ended uncleanly and began within `window` before `now`. A start
    stamped after `now` (the clock was set back) is not counted: the guard errs on serving."""
    return sum(
        1 for start in starts if not start.clean and timedelta(0) <= now - start.at <= window
    )
