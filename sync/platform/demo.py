"""Demo progress: every few seconds each open case moves one status forward, so a kiosk's
progress lookup (办件查询) visibly changes during a demonstration."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from sync.platform.statuses import advance_all_one_step

log = logging.getLogger(__name__)


class DemoProgress:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        interval_s: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._interval_s = interval_s
        self._clock = clock
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-progress", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def step(self) -> int:
        """Move every open case one status on; how many moved."""
        with self._sessions() as session, session.begin():
            return advance_all_one_step(session, self._clock(), note="演示进度 / demo progress")

    def _run(self) -> None:
        while not self._stopping.wait(self._interval_s):
            try:
                moved = self.step()
            except Exception:  # a database hiccup must not end the demo
                log.exception("demo progress step failed")
                continue
            if moved:
                log.info("demo progress", extra={"cases_moved": moved})
