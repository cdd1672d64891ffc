"""The local submission queue in SQLite: every accepted submission is stored here first,
its personal data sealed to the platform's key before the row is written."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.storage.engine import READ_ONLY, rewrite_file
from kiosk.storage.tables import MetaValue, SubmissionEvent, SubmissionRow
from kiosk.submissions.case_numbers import (
    allocate_sequence,
    format_case_number,
    terminal_id_for,
    terminal_of,
)
from kiosk.submissions.lookup_keys import lookup_key, lookup_secret
from kiosk.submissions.queue import STATUSES_SYNCED_KEY
from kiosk.submissions.sealing import PayloadSealer, SealingUnavailable
from kiosk.submissions.states import DELIVERED_STATES, FINAL_STATES, ReceiptState, SubmissionState

# The platform holds these cases and may still move them: each status pull covers them.
_OPEN_STATES = DELIVERED_STATES - FINAL_STATES


@dataclass(frozen=True)
class NewSubmission:
    matter_code: str
    catalog_version: str
    payload: dict[str, Any]
    applicant_name_masked: str
    applicant_id_masked: str
    # Only its keyed hash is stored, for lookup by ID card.
    applicant_id_number: str = field(repr=False, default="")


@dataclass(frozen=True)
class StoredSubmission:
    case_number: str
    idempotency_key: str
    matter_code: str
    state: SubmissionState
    receipt_state: ReceiptState
    created_at: datetime
    bundle_id: str | None
    # When the platform last confirmed this state: the case's own last update, or for an
    # open delivered case the last completed status pull if that is later.
    last_synced_at: datetime | None = None

    @property
    def terminal_id(self) -> str:
        return terminal_of(self.case_number)


class SubmissionStore:
    def __init__(
        self,
        engine: Engine,
        configured_terminal_id: str | None,
        sealer: PayloadSealer | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Without a sealer (no platform key configured) the store takes no submission."""
        self._engine = engine
        self._configured_terminal_id = configured_terminal_id
        self._sealer = sealer
        self._clock = clock

    def terminal_id(self) -> str:
        with Session(self._engine) as session, session.begin():
            return terminal_id_for(session, self._configured_terminal_id)

    def add(
        self, cases: Sequence[NewSubmission], local_day: date, bundle_code: str | None = None
    ) -> list[StoredSubmission]:
        """Store the cases, each with its own case number, in one committed transaction.

        Several cases come from one bundle (一事联办) and share a bundle id: all are stored
        or none is. Each case's payload is sealed with its own key, bound to that case.
        Raises SealingUnavailable, before writing anything, when there is no platform key.
        """
        sealer = self._require_sealer()
        now = self._clock().astimezone(UTC).replace(tzinfo=None)
        bundle_id = str(uuid.uuid4()) if bundle_code else None
        rows = []
        with Session(self._engine, expire_on_commit=False) as session, session.begin():
            terminal_id = terminal_id_for(session, self._configured_terminal_id)
            secret = lookup_secret(session)
            for new in cases:
                sequence = allocate_sequence(session, terminal_id, local_day)
                key = str(uuid.uuid4())
                case_number = format_case_number(terminal_id, local_day, sequence)
                row = SubmissionRow(
                    idempotency_key=key,
                    case_number=case_number,
                    matter_code=new.matter_code,
                    catalog_version=new.catalog_version,
                    state=SubmissionState.QUEUED,
                    created_at=now,
                    state_changed_at=now,
                    attempts=0,
                    payload=None,
                    sealed_payload=sealer.seal(new.payload, key, case_number, new.matter_code),
                    applicant_name_masked=new.applicant_name_masked,
                    applicant_id_masked=new.applicant_id_masked,
                    receipt_state=ReceiptState.PENDING,
                    receipt_problem=None,
                    bundle_id=bundle_id,
                    bundle_code=bundle_code,
                    applicant_lookup_key=(
                        lookup_key(secret, new.applicant_id_number)
                        if new.applicant_id_number
                        else None
                    ),
                )
                row.events.append(
                    SubmissionEvent(at=now, state=SubmissionState.QUEUED, detail=None)
                )
                session.add(row)
                rows.append(row)
        return [_stored(row) for row in rows]

    def seal_clear_payloads(self) -> int:
        """Seal the payloads of rows stored in clear before sealing existed, empty the clear
        column, and rewrite the file so the clear bytes leave the disk. Returns how many."""
        sealer = self._require_sealer()
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            waiting = session.scalar(select(func.count()).where(SubmissionRow.payload.is_not(None)))
        if not waiting:
            return 0
        with Session(self._engine) as session, session.begin():
            rows = session.scalars(select(SubmissionRow).where(SubmissionRow.payload.is_not(None)))
            sealed = 0
            for row in rows:
                if row.sealed_payload is None:
                    clear = json.loads(row.payload or "{}")
                    row.sealed_payload = sealer.seal(
                        clear, row.idempotency_key, row.case_number, row.matter_code
                    )
                    sealed += 1
                row.payload = None
        rewrite_file(self._engine)
        return sealed

    def _require_sealer(self) -> PayloadSealer:
        if self._sealer is None:
            raise SealingUnavailable("no platform sealing key is configured (platform.sealing_key)")
        return self._sealer

    def record_receipt(
        self,
        case_numbers: Sequence[str],
        printed: bool,
        problem: str | None,
        receipt_json: str | None = None,
    ) -> None:
        """Whether the receipt printed; the receipt itself is kept for a reprint."""
        with Session(self._engine) as session, session.begin():
            rows = session.scalars(
                select(SubmissionRow).where(SubmissionRow.case_number.in_(case_numbers))
            )
            for row in rows:
                row.receipt_state = ReceiptState.PRINTED if printed else ReceiptState.NOT_PRINTED
                row.receipt_problem = problem
                if receipt_json is not None:
                    row.receipt_json = receipt_json

    def stored_receipt(self, case_number: str) -> str | None:
        """The receipt JSON kept for this case, or None (unknown case, or none kept)."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return session.scalar(
                select(SubmissionRow.receipt_json).where(SubmissionRow.case_number == case_number)
            )

    def get(self, case_number: str) -> StoredSubmission | None:
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            row = session.scalars(
                select(SubmissionRow).where(SubmissionRow.case_number == case_number)
            ).one_or_none()
            return None if row is None else _stored(row, _statuses_synced_at(session))

    def find_by_applicant(self, id_number: str) -> list[StoredSubmission]:
        """The cases applied for with this ID number on this kiosk, newest first."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            key = lookup_key(lookup_secret(session), id_number)
            rows = session.scalars(
                select(SubmissionRow)
                .where(SubmissionRow.applicant_lookup_key == key)
                .order_by(SubmissionRow.id.desc())
            )
            synced_at = _statuses_synced_at(session)
            return [_stored(row, synced_at) for row in rows]

    def counts_by_state(self) -> dict[str, int]:
        """Every state with its count, zero included, for `kiosk queue status`."""
        counts = {state.value: 0 for state in SubmissionState}
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            rows = session.execute(
                select(SubmissionRow.state, func.count()).group_by(SubmissionRow.state)
            )
            for state, count in rows:
                counts[state] = count
        return counts


def _statuses_synced_at(session: Session) -> datetime | None:
    """When a status pull last completed (kiosk.submissions.queue.mark_synced), if ever."""
    value = session.scalar(select(MetaValue.value).where(MetaValue.key == STATUSES_SYNCED_KEY))
    return datetime.fromisoformat(value) if value else None


def _stored(row: SubmissionRow, statuses_synced_at: datetime | None = None) -> StoredSubmission:
    state = SubmissionState(row.state)
    last_synced_at = row.last_synced_at.replace(tzinfo=UTC) if row.last_synced_at else None
    later_pull = statuses_synced_at is not None and (
        last_synced_at is None or statuses_synced_at > last_synced_at
    )
    if state in _OPEN_STATES and later_pull:
        last_synced_at = statuses_synced_at
    return StoredSubmission(
        case_number=row.case_number,
        idempotency_key=row.idempotency_key,
        matter_code=row.matter_code,
        state=state,
        receipt_state=ReceiptState(row.receipt_state),
        created_at=row.created_at.replace(tzinfo=UTC),
        bundle_id=row.bundle_id,
        last_synced_at=last_synced_at,
    )
