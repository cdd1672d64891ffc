"""Upgrading a kiosk at schema 0005 to one delivery queue: every submission and rating keeps
its key, state and payload and gains its history, and the sync agent afterwards sends exactly
what was still due, once, under the same keys."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.config import KioskSettings, load_settings
from kiosk.delivery_queue.states import DeliveryState
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import open_database, upgrade_to
from kiosk.storage.tables import DeliveryEvent, RatingRow, SubmissionRow
from sync.ports import PlatformApi
from sync.wiring import build_agent
from tests.helpers.platform.fake_platform import FakePlatform
from tests.helpers.sealed import TEST_SEALER

FOUND = "state as the upgrade to schema 0006 found it"
# Every state a submission could be in at 0005; those marked True were still to be sent.
SUBMISSION_STATES = {
    "queued": True,
    "sending": True,  # an agent stopped mid-send: sent again under the same key
    "delivered": False,
    "accepted": False,
    "in_review": False,
    "finished": False,
    "rejected": False,
    "quarantined": False,
}


@dataclass(frozen=True)
class Before:
    """What the kiosk at 0005 held: state by key, and which keys were still due."""

    submissions: dict[str, str]
    ratings: dict[str, str]
    due_submissions: set[str]
    due_ratings: set[str]
    rating_payloads: dict[str, tuple[str, str, str, str, bool]]


def kiosk_at_0005(path: Path) -> Before:
    engine = open_engine(path)
    upgrade_to(engine, "0005")
    submissions: dict[str, str] = {}
    case_of: dict[str, str] = {}
    with engine.begin() as connection:
        for number, state in enumerate(SUBMISSION_STATES, start=1):
            key, case = str(uuid.uuid4()), f"T1-20261201-{number:06d}"
            delivered = state not in ("queued", "sending", "quarantined")
            connection.execute(
                text(
                    "INSERT INTO submissions (id, idempotency_key, case_number, matter_code,"
                    " catalog_version, state, created_at, sealed_payload, applicant_name_masked,"
                    " applicant_id_masked, receipt_state, platform_case_id, attempts,"
                    " last_error, state_changed_at, delivered_at) VALUES (:id, :key, :case,"
                    " 'M-1', 'v1', :state, '2026-12-01 01:00:00', :sealed, '王**', '110***',"
                    " 'printed', :platform_case, :attempts, :error, '2026-12-01 02:00:00',"
                    " :delivered_at)"
                ),
                {
                    "id": number,
                    "key": key,
                    "case": case,
                    "state": state,
                    "sealed": TEST_SEALER.seal({"answers": {}}, key, case, "M-1"),
                    "platform_case": f"P-{case}" if delivered else None,
                    "attempts": 1 if state == "queued" else 0,
                    "error": "refused: unknown_matter" if state == "quarantined" else None,
                    "delivered_at": "2026-12-01 02:00:00" if delivered else None,
                },
            )
            connection.execute(
                text(
                    "INSERT INTO submission_events (submission_id, at, state, detail) VALUES"
                    " (:id, '2026-12-01 01:00:00', 'queued', NULL),"
                    " (:id, '2026-12-01 02:00:00', :state, 'before the upgrade')"
                ),
                {"id": number, "state": state},
            )
            submissions[key] = state
            case_of[state] = case
        ratings: dict[str, str] = {}
        payloads: dict[str, tuple[str, str, str, str, bool]] = {}
        due: set[str] = set()
        # (rating state, the state of the case it rates, still to be sent)
        for number, (state, of_case, still_due) in enumerate(
            [
                ("queued", "delivered", True),
                ("sending", "finished", True),
                ("queued", "queued", True),  # sent once its case is, in the same pass
                ("delivered", "accepted", False),
                ("quarantined", "in_review", False),
                ("queued", "quarantined", False),  # its case never reached the platform
            ],
            start=1,
        ):
            key = str(uuid.uuid4())
            payload = (case_of[of_case], "DISSATISFIED", '["其他"]', f"第{number}条", True)
            connection.execute(
                text(
                    "INSERT INTO evaluations (id, case_number, level, reasons, comment,"
                    " needs_follow_up, created_at, state, idempotency_key, delivered_at,"
                    " last_error) VALUES (:id, :case, :level, :reasons, :comment, :follow_up,"
                    " '2026-12-01 03:00:00', :state, :key, :delivered_at, :error)"
                ),
                {
                    "id": number,
                    "case": payload[0],
                    "level": payload[1],
                    "reasons": payload[2],
                    "comment": payload[3],
                    "follow_up": payload[4],
                    "state": state,
                    "key": key,
                    "delivered_at": "2026-12-01 04:00:00" if state == "delivered" else None,
                    "error": "unknown_case: no such case" if state == "quarantined" else None,
                },
            )
            ratings[key], payloads[key] = state, payload
            if still_due:
                due.add(key)
    engine.dispose()
    due_submissions = {key for key, state in submissions.items() if SUBMISSION_STATES[state]}
    return Before(submissions, ratings, due_submissions, due, payloads)


@pytest.fixture
def settings() -> KioskSettings:
    """The test kiosk's settings, its platform anywhere: the agent talks to a recorder."""
    loaded = load_settings()
    loaded.database_path.parent.mkdir(parents=True, exist_ok=True)
    platform = loaded.platform.model_copy(update={"url": "http://127.0.0.1:9"})
    return loaded.model_copy(update={"platform": platform})


def test_every_item_keeps_its_key_state_and_payload_and_gains_its_history(
    settings: KioskSettings,
) -> None:
    before = kiosk_at_0005(settings.database_path)
    engine = open_database(settings.database_path)  # as every kiosk process opens it
    try:
        with Session(engine) as session:
            submissions = {
                row.idempotency_key: row.state for row in session.scalars(select(SubmissionRow))
            }
            ratings = list(session.scalars(select(RatingRow).order_by(RatingRow.id)))
            events = list(session.scalars(select(DeliveryEvent).order_by(DeliveryEvent.id)))
    finally:
        engine.dispose()
    assert submissions == before.submissions
    assert {row.idempotency_key: row.state for row in ratings} == before.ratings
    assert {
        row.idempotency_key: (
            row.case_number,
            row.level,
            row.reasons,
            row.comment,
            row.needs_follow_up,
        )
        for row in ratings
    } == before.rating_payloads
    history: dict[tuple[str, int], list[tuple[str, str | None]]] = {}
    for event in events:
        history.setdefault((event.kind, event.item_id), []).append((event.state, event.detail))
    for row in ratings:
        expected = [("queued", None)] + ([(row.state, FOUND)] if row.state != "queued" else [])
        assert history[("rating", row.id)] == expected
        assert row.attempts == 0
    assert history[("submission", 1)] == [("queued", None), ("queued", "before the upgrade")]
    assert len([kind for kind, _ in history if kind == "submission"]) == len(SUBMISSION_STATES)


def test_the_agent_then_sends_exactly_what_was_due_once_under_the_same_keys(
    settings: KioskSettings,
) -> None:
    before = kiosk_at_0005(settings.database_path)
    platform = FakePlatform()

    def around(_client: PlatformApi) -> PlatformApi:
        return platform

    runtime = build_agent(settings, around_platform=around)
    try:
        first = runtime.agent.run_once()
        second = runtime.agent.run_once()
    finally:
        runtime.close()
    assert first.ok and second.ok, (first.error, second.error)
    assert sorted(platform.sent_submissions) == sorted(before.due_submissions)
    assert sorted(platform.sent_ratings) == sorted(before.due_ratings)
    assert (second.delivered, second.ratings_delivered) == (0, 0)
    engine = open_engine(settings.database_path)
    try:
        with Session(engine) as session:
            waiting = session.scalars(
                select(RatingRow.state).where(RatingRow.state != DeliveryState.DELIVERED)
            ).all()
    finally:
        engine.dispose()
    assert sorted(waiting) == ["quarantined", "queued"]  # refused, and the one whose case was
