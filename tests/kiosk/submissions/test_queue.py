"""The delivery queue: every move a submission makes, recorded; no move a bug could invent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.delivery_queue.queue import INTERRUPTED, RETRIED_BY_STAFF
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.storage.sqlite import Database, SqliteDatabase
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.queue import (
    PURGED,
    OutgoingSubmission,
    StatusUpdate,
    SubmissionQueue,
)
from kiosk.submissions.sealing import unseal_payload
from kiosk.submissions.states import SubmissionState
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.data import FIXED_NOW
from tests.helpers.kiosk_db import raw_bytes
from tests.helpers.platform_keys import PlatformKeys
from tests.helpers.sealed import TEST_SEALER

S = SubmissionState
DAY = date(2026, 11, 23)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@dataclass
class Kiosk:
    engine: Engine
    store: SubmissionStore
    queue: SubmissionQueue
    clock: Clock
    path: Path

    def submit(self, count: int = 1) -> list[str]:
        """Case numbers of `count` newly accepted submissions."""
        cases = [
            NewSubmission("M-0001", "v1", {"answers": {"name": f"申请人{i}"}}, "申**", "110***")
            for i in range(count)
        ]
        return [stored.case_number for stored in self.store.add(cases, DAY)]

    def row(self, case_number: str) -> SubmissionRow:
        with Session(self.engine) as session:
            return session.scalars(
                select(SubmissionRow).where(SubmissionRow.case_number == case_number)
            ).one()

    def key(self, case_number: str) -> str:
        return self.row(case_number).idempotency_key

    def state(self, case_number: str) -> SubmissionState:
        return SubmissionState(self.row(case_number).state)

    def last_synced(self, case_number: str) -> datetime | None:
        """When progress lookup says the case's status was last confirmed."""
        stored = self.store.get(case_number)
        assert stored is not None
        return stored.last_synced_at

    def states(self, case_number: str) -> list[SubmissionState]:
        return [state for _, state, _ in self.queue.history(case_number)]

    def sending(self, count: int = 1) -> list[OutgoingSubmission]:
        """`count` new submissions, claimed (call while nothing else is queued)."""
        self.submit(count)
        return self.queue.claim_batch(count)

    def delivered(self) -> str:
        (item,) = self.sending()
        self.queue.mark_delivered(item.idempotency_key, "P-1")
        return item.case_number


@pytest.fixture(params=["engine", "sqlite3"])
def kiosk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Kiosk]:
    """The store writes through the shared engine, or through the bare sqlite3 connections of
    `kiosk submit`; the queue, the agent's side, always runs on the engine."""
    path = tmp_path / "kiosk.db"
    engine = open_engine(path)
    upgrade_to_head(engine)
    clock = Clock()
    database: Database = engine if request.param == "engine" else SqliteDatabase(path)
    yield Kiosk(
        engine,
        SubmissionStore(database, "T1", TEST_SEALER, clock=clock),
        SubmissionQueue(engine, clock=clock),
        clock,
        path,
    )
    if isinstance(database, SqliteDatabase):
        database.close()
    engine.dispose()


def update(
    key: str, state: SubmissionState, case_id: str = "P-1", note: str | None = None
) -> StatusUpdate:
    return StatusUpdate(key, case_id, state, FIXED_NOW, note)


# -- sending ---------------------------------------------------------------------------------


def test_a_claim_takes_the_oldest_queued_first_and_marks_them_sending(kiosk: Kiosk) -> None:
    cases = kiosk.submit(3)
    claimed = kiosk.queue.claim_batch(2)
    assert [item.case_number for item in claimed] == cases[:2]
    assert [kiosk.state(case) for case in cases] == [S.SENDING, S.SENDING, S.QUEUED]
    assert [item.case_number for item in kiosk.queue.claim_batch(5)] == cases[2:]
    assert kiosk.queue.claim_batch(5) == []


def test_there_is_something_to_claim_exactly_when_a_claim_would_take_it(kiosk: Kiosk) -> None:
    assert not kiosk.queue.has_claimable()
    waiting, unsealed = kiosk.submit(2)
    assert kiosk.queue.has_claimable()
    # Kept in clear from before sealing: nothing to send until it is sealed.
    with Session(kiosk.engine) as session, session.begin():
        row = session.scalars(
            select(SubmissionRow).where(SubmissionRow.case_number == unsealed)
        ).one()
        row.sealed_payload, row.payload = None, "{}"
    assert [item.case_number for item in kiosk.queue.claim_batch(5)] == [waiting]
    assert not kiosk.queue.has_claimable()
    assert kiosk.state(unsealed) is S.QUEUED


def test_a_claimed_submission_carries_what_the_platform_needs_and_opens_there(
    kiosk: Kiosk, platform_keys: PlatformKeys
) -> None:
    (case,) = kiosk.submit()
    (item,) = kiosk.queue.claim_batch(1)
    assert (item.case_number, item.matter_code, item.catalog_version) == (case, "M-0001", "v1")
    assert item.submitted_at == FIXED_NOW
    assert item.submitted_at.tzinfo is UTC
    assert item.bundle_id is None
    opened = unseal_payload(
        platform_keys.suite,
        platform_keys.sealing.private,
        item.sealed,
        idempotency_key=item.idempotency_key,
        case_number=item.case_number,
        matter_code=item.matter_code,
    )
    assert opened == {"answers": {"name": "申请人0"}}


def test_an_acknowledgement_marks_the_case_delivered_with_the_platforms_id(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    kiosk.clock.advance(timedelta(minutes=1))
    kiosk.queue.mark_delivered(item.idempotency_key, "P-42")
    row = kiosk.row(item.case_number)
    assert (row.state, row.platform_case_id) == ("delivered", "P-42")
    assert (
        row.delivered_at
        == row.state_changed_at
        == (FIXED_NOW + timedelta(minutes=1)).replace(tzinfo=None)
    )
    assert kiosk.states(item.case_number) == [S.QUEUED, S.SENDING, S.DELIVERED]
    assert kiosk.queue.history(item.case_number)[-1][2] == "platform case P-42"


def test_a_duplicate_acknowledgement_says_so_in_the_history(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    kiosk.queue.mark_delivered(item.idempotency_key, "P-42", duplicate=True)
    assert "already held" in (kiosk.queue.history(item.case_number)[-1][2] or "")


def test_the_same_acknowledgement_twice_is_recorded_once(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    kiosk.queue.mark_delivered(item.idempotency_key, "P-42")
    kiosk.queue.mark_delivered(item.idempotency_key, "P-42")
    assert kiosk.states(item.case_number) == [S.QUEUED, S.SENDING, S.DELIVERED]
    with pytest.raises(ValueError, match="already platform case P-42"):
        kiosk.queue.mark_delivered(item.idempotency_key, "P-43")


def test_a_released_batch_is_queued_again_counting_the_attempt(kiosk: Kiosk) -> None:
    items = kiosk.sending(2)
    kiosk.queue.release([item.idempotency_key for item in items], "HTTP 503")
    for item in items:
        row = kiosk.row(item.case_number)
        assert (row.state, row.attempts, row.last_error) == ("queued", 1, "HTTP 503")
    assert len(kiosk.queue.claim_batch(5)) == 2


def test_a_refused_submission_is_quarantined_with_the_reason(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    kiosk.queue.quarantine(item.idempotency_key, "unknown_matter: M-0001")
    (entry,) = kiosk.queue.entries(S.QUARANTINED)
    assert (entry.case_number, entry.last_error) == (item.case_number, "unknown_matter: M-0001")
    assert kiosk.queue.claim_batch(5) == []


def test_moves_a_state_does_not_allow_are_refused_and_change_nothing(kiosk: Kiosk) -> None:
    delivered = kiosk.delivered()
    (queued,) = kiosk.submit()
    key = kiosk.key(queued)
    with pytest.raises(ValueError, match="cannot move from queued to quarantined"):
        kiosk.queue.quarantine(key, "refused")
    with pytest.raises(ValueError, match="cannot move from queued to queued"):
        kiosk.queue.release([key], "timeout")
    with pytest.raises(ValueError, match="cannot move from delivered"):
        kiosk.queue.release([kiosk.key(delivered)], "timeout")
    assert kiosk.states(queued) == [S.QUEUED]
    assert kiosk.state(delivered) == S.DELIVERED


def test_a_release_naming_one_bad_key_releases_nothing(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    (queued,) = kiosk.submit()
    with pytest.raises(ValueError, match="cannot move"):
        kiosk.queue.release([item.idempotency_key, kiosk.key(queued)], "timeout")
    assert kiosk.state(item.case_number) == S.SENDING


def test_an_unknown_idempotency_key_is_a_bug(kiosk: Kiosk) -> None:
    with pytest.raises(ValueError, match="no submission"):
        kiosk.queue.mark_delivered("00000000-0000-0000-0000-000000000000", "P-1")


def test_what_a_stopped_agent_was_sending_is_queued_again(kiosk: Kiosk) -> None:
    items = kiosk.sending(2)
    assert kiosk.queue.recover_interrupted() == 2
    assert kiosk.queue.recover_interrupted() == 0
    for item in items:
        assert kiosk.queue.history(item.case_number)[-1][1:] == (S.QUEUED, INTERRUPTED)
    assert [i.case_number for i in kiosk.queue.claim_batch(5)] == [i.case_number for i in items]


# -- staff retries ---------------------------------------------------------------------------


def quarantined(kiosk: Kiosk, count: int) -> list[str]:
    items = kiosk.sending(count)
    for item in items:
        kiosk.queue.quarantine(item.idempotency_key, "invalid_application")
    return [item.case_number for item in items]


def test_staff_retry_named_quarantined_cases(kiosk: Kiosk) -> None:
    first, second = quarantined(kiosk, 2)
    result = kiosk.queue.retry([first])
    assert (result.retried, result.refused) == ([first], {})
    row = kiosk.row(first)
    assert (row.state, row.last_error, row.attempts) == ("queued", None, 0)
    assert kiosk.queue.history(first)[-1][1:] == (S.QUEUED, RETRIED_BY_STAFF)
    assert kiosk.state(second) == S.QUARANTINED


def test_retrying_everything_takes_every_quarantined_case(kiosk: Kiosk) -> None:
    cases = quarantined(kiosk, 2)
    kiosk.submit()
    assert kiosk.queue.retry(None).retried == cases
    assert kiosk.queue.retry(None).retried == []


def test_a_retry_says_why_each_other_case_was_not_retried(kiosk: Kiosk) -> None:
    (bad,) = quarantined(kiosk, 1)
    (waiting,) = kiosk.submit()
    result = kiosk.queue.retry([bad, waiting, "NOPE-20261123-000009"])
    assert result.retried == [bad]
    assert result.refused == {
        waiting: "not quarantined (it is queued)",
        "NOPE-20261123-000009": "unknown case",
    }


# -- the platform's status -------------------------------------------------------------------


def test_status_updates_move_a_case_forward_with_the_platforms_note(kiosk: Kiosk) -> None:
    case = kiosk.delivered()
    key = kiosk.key(case)
    changed = kiosk.queue.apply_updates(
        [update(key, S.ACCEPTED), update(key, S.IN_REVIEW, note="材料审查")]
    )
    assert changed == 1
    assert kiosk.states(case)[-2:] == [S.ACCEPTED, S.IN_REVIEW]
    assert "材料审查" in (kiosk.queue.history(case)[-1][2] or "")
    assert kiosk.row(case).last_synced_at == FIXED_NOW.replace(tzinfo=None)


def test_a_status_reported_late_or_twice_never_moves_a_case_back(kiosk: Kiosk) -> None:
    case = kiosk.delivered()
    key = kiosk.key(case)
    kiosk.queue.apply_updates([update(key, S.IN_REVIEW)])
    assert kiosk.queue.apply_updates([update(key, S.ACCEPTED), update(key, S.IN_REVIEW)]) == 0
    assert kiosk.state(case) == S.IN_REVIEW


def test_a_finished_or_rejected_case_stays_so(kiosk: Kiosk) -> None:
    finished, rejected = kiosk.delivered(), kiosk.delivered()
    kiosk.queue.apply_updates(
        [update(kiosk.key(finished), S.FINISHED), update(kiosk.key(rejected), S.REJECTED)]
    )
    later = [update(kiosk.key(finished), S.REJECTED), update(kiosk.key(rejected), S.FINISHED)]
    assert kiosk.queue.apply_updates(later) == 0
    assert (kiosk.state(finished), kiosk.state(rejected)) == (S.FINISHED, S.REJECTED)


@pytest.mark.parametrize("where", ["queued", "sending", "quarantined"])
def test_a_lost_acknowledgement_is_learned_from_the_status(kiosk: Kiosk, where: str) -> None:
    (case,) = kiosk.submit()
    if where != "queued":
        kiosk.queue.claim_batch(1)
    if where == "quarantined":
        kiosk.queue.quarantine(kiosk.key(case), "invalid_application")
    assert kiosk.queue.apply_updates([update(kiosk.key(case), S.ACCEPTED, "P-7")]) == 1
    row = kiosk.row(case)
    assert (row.state, row.platform_case_id, row.last_error) == ("accepted", "P-7", None)
    assert row.delivered_at is not None
    assert kiosk.states(case)[-2:] == [S.DELIVERED, S.ACCEPTED]


def test_updates_for_keys_this_kiosk_never_issued_are_ignored(kiosk: Kiosk) -> None:
    stranger = update("00000000-0000-0000-0000-000000000000", S.FINISHED)
    assert kiosk.queue.apply_updates([stranger]) == 0


def test_a_status_update_can_only_report_a_state_the_platform_holds() -> None:
    with pytest.raises(ValueError, match="holds"):
        update("k", S.QUARANTINED)


def test_a_confirmed_sync_is_the_last_sync_of_every_open_delivered_case(kiosk: Kiosk) -> None:
    open_case, finished = kiosk.delivered(), kiosk.delivered()
    (queued,) = kiosk.submit()
    kiosk.queue.apply_updates([update(kiosk.key(finished), S.FINISHED)])
    kiosk.clock.advance(timedelta(hours=1))
    kiosk.queue.mark_synced()
    assert kiosk.last_synced(open_case) == FIXED_NOW + timedelta(hours=1)
    assert kiosk.last_synced(finished) == FIXED_NOW  # its last word came with its update
    assert kiosk.last_synced(queued) is None
    # One stored time serves every open case: no case's row is written.
    assert kiosk.row(open_case).last_synced_at is None


def test_a_case_updated_after_the_last_sync_shows_its_own_later_time(kiosk: Kiosk) -> None:
    updated, quiet = kiosk.delivered(), kiosk.delivered()
    kiosk.queue.mark_synced()
    kiosk.clock.advance(timedelta(minutes=5))
    kiosk.queue.apply_updates([update(kiosk.key(updated), S.ACCEPTED)])
    assert kiosk.last_synced(updated) == FIXED_NOW + timedelta(minutes=5)
    assert kiosk.last_synced(quiet) == FIXED_NOW


def test_the_status_cursor_starts_at_zero_and_moves_with_the_updates(kiosk: Kiosk) -> None:
    case = kiosk.delivered()
    assert kiosk.queue.status_cursor() == 0
    kiosk.queue.apply_updates([update(kiosk.key(case), S.ACCEPTED)], cursor=41)
    kiosk.queue.apply_updates([update(kiosk.key(case), S.ACCEPTED)], cursor=42)
    assert SubmissionQueue(kiosk.engine).status_cursor() == 42
    assert kiosk.states(case)[-1] == S.ACCEPTED


# -- retention -------------------------------------------------------------------------------


def test_sealed_payloads_are_purged_only_after_the_retention(kiosk: Kiosk) -> None:
    old = kiosk.delivered()
    kiosk.clock.advance(timedelta(days=10))
    recent = kiosk.delivered()
    (waiting,) = kiosk.submit()
    kiosk.clock.advance(timedelta(days=20))
    assert kiosk.queue.purge_delivered(timedelta(days=30)) == 1
    assert kiosk.row(old).sealed_payload is None
    assert kiosk.row(recent).sealed_payload is not None
    assert kiosk.row(waiting).sealed_payload is not None
    assert kiosk.queue.history(old)[-1][1:] == (S.DELIVERED, PURGED)
    assert kiosk.queue.purge_delivered(timedelta(days=30)) == 0
    assert {e.case_number: e.sealed for e in kiosk.queue.entries()} == {
        old: False,
        recent: True,
        waiting: True,
    }


def test_purged_bytes_leave_the_database_file(kiosk: Kiosk) -> None:
    case = kiosk.delivered()
    sealed = json.loads(kiosk.row(case).sealed_payload or "")
    ciphertext = sealed["ciphertext"].encode("ascii")
    assert ciphertext in raw_bytes(kiosk.path)
    kiosk.clock.advance(timedelta(days=31))
    kiosk.queue.purge_delivered(timedelta(days=30))
    assert ciphertext not in raw_bytes(kiosk.path)


# -- for staff -------------------------------------------------------------------------------


def test_entries_show_masked_data_oldest_first_and_filter_by_state(kiosk: Kiosk) -> None:
    first, second = kiosk.submit(2)
    kiosk.queue.claim_batch(1)
    entries = kiosk.queue.entries()
    assert [e.case_number for e in entries] == [first, second]
    assert (entries[0].state, entries[0].attempts, entries[0].sealed) == (S.SENDING, 0, True)
    assert (entries[0].applicant_name_masked, entries[0].applicant_id_masked) == ("申**", "110***")
    assert entries[0].state_changed_at == FIXED_NOW
    assert [e.case_number for e in kiosk.queue.entries(S.QUEUED)] == [second]


def test_history_is_timestamped_and_empty_for_an_unknown_case(kiosk: Kiosk) -> None:
    (item,) = kiosk.sending()
    kiosk.clock.advance(timedelta(seconds=5))
    kiosk.queue.mark_delivered(item.idempotency_key, "P-1")
    times = [at for at, _, _ in kiosk.queue.history(item.case_number)]
    assert times == [FIXED_NOW, FIXED_NOW, FIXED_NOW + timedelta(seconds=5)]
    assert kiosk.queue.history("NOPE-20261123-000001") == []


def test_queue_counts_cover_every_state(kiosk: Kiosk) -> None:
    kiosk.delivered()
    kiosk.submit()
    counts = kiosk.store.counts_by_state()
    assert list(counts) == [state.value for state in SubmissionState]
    assert (counts["delivered"], counts["queued"], counts["finished"]) == (1, 1, 0)
