"""Demo progress moves open cases along on its own, one status per tick."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.platform.db import session_factory
from sync.platform.demo import DemoProgress
from sync.platform.ingest import Ingestor
from sync.platform.tables import CaseEventRow
from tests.helpers.platform.builders import batch, sealed_item


def test_demo_progress_moves_open_cases_one_status_per_tick(
    ingestor: Ingestor, engine: Engine
) -> None:
    case_id = ingestor.submissions("GZ0001", batch(sealed_item())).results[0].case_id
    ticks: list[datetime] = []
    two_ticks = threading.Event()

    def clock() -> datetime:
        ticks.append(datetime.now(UTC))
        if len(ticks) >= 2:
            two_ticks.set()
        return ticks[-1]

    demo = DemoProgress(session_factory(engine), 0.01, clock)
    demo.start()
    assert two_ticks.wait(30)
    demo.stop()

    with Session(engine) as session:
        statuses = session.scalars(
            select(CaseEventRow.status)
            .where(CaseEventRow.case_id == case_id)
            .order_by(CaseEventRow.sequence)
        ).all()
    assert statuses[:3] == ["received", "accepted", "in_review"]
