"""Upgrading a kiosk that stored applications in clear (schema 0004): its rows join the
sealed queue, and once the platform key is configured the clear data leaves the disk."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import Session

from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import head_revision, schema_revision, upgrade_to, upgrade_to_head
from kiosk.storage.tables import RatingRow
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.sealing import SealingUnavailable
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import ELDERLY_ID, ELDERLY_NAME, elderly_json
from tests.helpers.kiosk_db import raw_bytes, rows
from tests.helpers.sealed import TEST_SEALER, opened_payload

ADDRESS = elderly_json()["answers"]["address"]


def legacy_kiosk(path: Path) -> Engine:
    """A database as a kiosk at schema 0004 left it: payloads in clear, and no secure_delete
    when its earlier upgrades copied the tables, so freed pages still hold clear data."""
    engine = open_engine(path)
    event.listen(
        engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA secure_delete = OFF")
    )
    upgrade_to(engine, "0001")
    with engine.begin() as connection:
        for number, state in ((1, "queued"), (2, "delivered")):
            connection.execute(
                text(
                    "INSERT INTO submissions (id, idempotency_key, case_number, matter_code,"
                    " catalog_version, state, created_at, payload, applicant_name_masked,"
                    " applicant_id_masked, receipt_state) VALUES (:id, :key, :case, 'M-1', 'v1',"
                    " :state, '2026-11-20 01:00:00', :payload, '王**', '110***', 'pending')"
                ),
                {
                    "id": number,
                    "key": str(uuid.uuid4()),
                    "case": f"T1-20261120-00000{number}",
                    "state": state,
                    "payload": json.dumps(elderly_json(), ensure_ascii=False),
                },
            )
        connection.execute(
            text(
                "INSERT INTO submission_events (submission_id, at, state, detail) VALUES"
                " (2, '2026-11-20 01:00:00', 'queued', NULL),"
                " (2, '2026-11-21 09:00:00', 'delivered', NULL)"
            )
        )
    upgrade_to(engine, "0004")
    with engine.begin() as connection:
        # A later write leaves the first copy of the row behind in the page's free space.
        connection.execute(text("UPDATE submissions SET receipt_state = 'printed'"))
        connection.execute(
            text(
                "INSERT INTO evaluations (case_number, level, reasons, comment,"
                " needs_follow_up, created_at, state) VALUES"
                " ('T1-20261120-000001', 'SATISFIED', '[]', '', 0,"
                " '2026-11-20 01:05:00', 'queued'),"
                " ('T1-20261120-000002', 'DISSATISFIED', '[\"其他\"]', '', 1,"
                " '2026-11-20 01:06:00', 'queued')"
            )
        )
    engine.dispose()
    return open_engine(path)


@pytest.fixture
def upgraded(tmp_path: Path) -> Engine:
    engine = legacy_kiosk(tmp_path / "kiosk.db")
    upgrade_to_head(engine)
    return engine


def test_clear_rows_join_the_queue_with_their_history_and_times(upgraded: Engine) -> None:
    queued, delivered = rows(upgraded)
    assert schema_revision(upgraded)[0] == head_revision()
    assert (queued.attempts, queued.sealed_payload, queued.payload is not None) == (0, None, True)
    assert queued.state_changed_at == queued.created_at  # no events: when it was made
    assert str(delivered.state_changed_at) == "2026-11-21 09:00:00"  # its last event
    assert delivered.delivered_at == delivered.state_changed_at
    assert [e.case_number for e in SubmissionQueue(upgraded).entries()] == [
        queued.case_number,
        delivered.case_number,
    ]


def test_every_existing_rating_gets_its_own_idempotency_key(upgraded: Engine) -> None:
    with Session(upgraded) as session:
        keys = [row.idempotency_key for row in session.scalars(select(RatingRow))]
    assert len(keys) == len(set(keys)) == 2
    assert all(uuid.UUID(key).version == 4 for key in keys)


def test_clear_payloads_are_sealed_to_the_platform_and_leave_the_disk(
    upgraded: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "kiosk.db"
    before: list[dict[str, Any]] = [json.loads(row.payload or "") for row in rows(upgraded)]
    assert ELDERLY_NAME.encode() in raw_bytes(path)

    store = SubmissionStore(upgraded, "T1", TEST_SEALER)
    assert store.seal_clear_payloads() == 2
    assert store.seal_clear_payloads() == 0

    after = rows(upgraded)
    assert [row.payload for row in after] == [None, None]
    assert [opened_payload(row) for row in after] == before
    disk = raw_bytes(path)
    for secret in (ELDERLY_NAME, ELDERLY_ID, ELDERLY_ID[:17], ADDRESS, "13800138000"):
        assert secret.encode() not in disk, secret


def test_without_a_platform_key_clear_payloads_cannot_be_sealed(upgraded: Engine) -> None:
    with pytest.raises(SealingUnavailable):
        SubmissionStore(upgraded, "T1", None).seal_clear_payloads()
