"""The local submission queue in SQLite: every accepted submission is stored here first,
its personal data sealed to the platform's key before the row is written.

Written in plain SQL over a kiosk.storage.sqlite.Database, so the same store runs on the
engine the touchscreen and the sync agent share and on the bare sqlite3 connection of
`kiosk submit`, which then does not import the ORM. The tables are those declared in
kiosk/storage/tables.py and created by the migrations; rows written here read back through
the ORM (kiosk.submissions.queue) exactly like rows it wrote itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import RESIDENT, TransactionalAuditTrail
from kiosk.storage.sqlite import Cursor, Database, from_column, rewrite_file, to_column, transaction
from kiosk.submissions.case_numbers import (
    allocate_sequence,
    format_case_number,
    meta_value,
    terminal_id_for,
    terminal_of,
)
from kiosk.submissions.counts import count_by_state
from kiosk.submissions.lookup_keys import lookup_key, lookup_secret, stored_lookup_secret
from kiosk.submissions.sealing import PayloadSealer, SealingUnavailable
from kiosk.submissions.states import (
    DELIVERED_STATES,
    FINAL_STATES,
    SUBMISSION_KIND,
    ReceiptState,
    SubmissionState,
)

# When a status pull last completed (ISO, UTC): every open delivered case was current then.
# Written by kiosk.submissions.queue.mark_synced.
STATUSES_SYNCED_KEY = "statuses_synced_at"

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
        database: Database,
        configured_terminal_id: str | None,
        sealer: PayloadSealer | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        audit: TransactionalAuditTrail | None = None,
    ) -> None:
        """Without a sealer (no platform key configured) the store takes no submission. Each
        case accepted and each receipt printed is appended to `audit` in the transaction
        that stores it."""
        self._database = database
        self._configured_terminal_id = configured_terminal_id
        self._sealer = sealer
        self._clock = clock
        self._audit = audit

    def terminal_id(self) -> str:
        with transaction(self._database) as cursor:
            return terminal_id_for(cursor, self._configured_terminal_id)

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
        stored = []
        with transaction(self._database) as cursor:
            terminal_id = terminal_id_for(cursor, self._configured_terminal_id)
            secret = lookup_secret(cursor)
            for new in cases:
                sequence = allocate_sequence(cursor, terminal_id, local_day)
                key = str(uuid.uuid4())
                case_number = format_case_number(terminal_id, local_day, sequence)
                cursor.execute(
                    _INSERT_SUBMISSION,
                    (
                        key,
                        case_number,
                        new.matter_code,
                        new.catalog_version,
                        SubmissionState.QUEUED.value,
                        to_column(now),
                        to_column(now),
                        sealer.seal(new.payload, key, case_number, new.matter_code),
                        new.applicant_name_masked,
                        new.applicant_id_masked,
                        ReceiptState.PENDING.value,
                        bundle_id,
                        bundle_code,
                        lookup_key(secret, new.applicant_id_number)
                        if new.applicant_id_number
                        else None,
                    ),
                )
                cursor.execute(
                    "INSERT INTO delivery_events (kind, item_id, at, state, detail) "
                    "VALUES (?, ?, ?, ?, NULL)",
                    (
                        SUBMISSION_KIND,
                        cursor.lastrowid,
                        to_column(now),
                        SubmissionState.QUEUED.value,
                    ),
                )
                self._record(
                    cursor,
                    AuditEvent.SUBMISSION_ACCEPTED,
                    RESIDENT,
                    {"case_number": case_number, "matter_code": new.matter_code},
                )
                stored.append(
                    StoredSubmission(
                        case_number=case_number,
                        idempotency_key=key,
                        matter_code=new.matter_code,
                        state=SubmissionState.QUEUED,
                        receipt_state=ReceiptState.PENDING,
                        created_at=now.replace(tzinfo=UTC),
                        bundle_id=bundle_id,
                    )
                )
        return stored

    def seal_clear_payloads(self) -> int:
        """Seal the payloads of rows stored in clear before sealing existed, empty the clear
        column, and rewrite the file so the clear bytes leave the disk. Returns how many."""
        sealer = self._require_sealer()
        with transaction(self._database, write=False) as cursor:
            waiting = cursor.execute(
                "SELECT count(*) FROM submissions WHERE payload IS NOT NULL"
            ).fetchone()[0]
        if not waiting:
            return 0
        sealed = 0
        with transaction(self._database) as cursor:
            rows = cursor.execute(
                "SELECT id, payload, sealed_payload, idempotency_key, case_number, matter_code "
                "FROM submissions WHERE payload IS NOT NULL"
            ).fetchall()
            for row_id, payload, already_sealed, key, case_number, matter_code in rows:
                envelope = already_sealed
                if envelope is None:
                    clear = json.loads(payload or "{}")
                    envelope = sealer.seal(clear, key, case_number, matter_code)
                    sealed += 1
                cursor.execute(
                    "UPDATE submissions SET sealed_payload = ?, payload = NULL WHERE id = ?",
                    (envelope, row_id),
                )
        rewrite_file(self._database)
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
        *,
        reprinted_by: str | None = None,
    ) -> None:
        """Whether the receipt printed; the receipt itself is kept for a reprint. A printed
        receipt is audited: as reprinted by `reprinted_by`, or printed for the resident."""
        state = ReceiptState.PRINTED if printed else ReceiptState.NOT_PRINTED
        places = ", ".join("?" * len(case_numbers))
        with transaction(self._database) as cursor:
            cursor.execute(
                "UPDATE submissions SET receipt_state = ?, receipt_problem = ?, "
                f"receipt_json = coalesce(?, receipt_json) WHERE case_number IN ({places})",
                (state.value, problem, receipt_json, *case_numbers),
            )
            if printed:
                cases = {"case_numbers": ",".join(case_numbers)}
                if reprinted_by is None:
                    self._record(cursor, AuditEvent.RECEIPT_PRINTED, RESIDENT, cases)
                else:
                    self._record(cursor, AuditEvent.RECEIPT_REPRINTED, reprinted_by, cases)

    def _record(
        self, cursor: Cursor, event: AuditEvent, actor: str, details: dict[str, str]
    ) -> None:
        if self._audit is not None:
            self._audit.record_in(cursor, event, actor, details)

    def stored_receipt(self, case_number: str) -> str | None:
        """The receipt JSON kept for this case, or None (unknown case, or none kept)."""
        with transaction(self._database, write=False) as cursor:
            row = cursor.execute(
                "SELECT receipt_json FROM submissions WHERE case_number = ?", (case_number,)
            ).fetchone()
        return None if row is None else row[0]

    def get(self, case_number: str) -> StoredSubmission | None:
        with transaction(self._database, write=False) as cursor:
            row = cursor.execute(
                f"SELECT {_STORED_COLUMNS} FROM submissions WHERE case_number = ?", (case_number,)
            ).fetchone()
            return None if row is None else _stored(row, _statuses_synced_at(cursor))

    def find_by_applicant(self, id_number: str) -> list[StoredSubmission]:
        """The cases applied for with this ID number on this kiosk, newest first."""
        with transaction(self._database, write=False) as cursor:
            secret = stored_lookup_secret(cursor)
            if secret is None:
                return []
            rows = cursor.execute(
                f"SELECT {_STORED_COLUMNS} FROM submissions WHERE applicant_lookup_key = ? "
                "ORDER BY id DESC",
                (lookup_key(secret, id_number),),
            ).fetchall()
            synced_at = _statuses_synced_at(cursor)
        return [_stored(row, synced_at) for row in rows]

    def counts_by_state(self) -> dict[str, int]:
        """Every state with its count, zero included, for `kiosk queue status`."""
        with transaction(self._database, write=False) as cursor:
            return count_by_state(cursor)


# Every column a new case sets; the rest start NULL (attempts at 0, as in the migrations).
_INSERT_SUBMISSION = (
    "INSERT INTO submissions (idempotency_key, case_number, matter_code, catalog_version, "
    "state, created_at, state_changed_at, attempts, payload, sealed_payload, "
    "applicant_name_masked, applicant_id_masked, receipt_state, receipt_problem, bundle_id, "
    "bundle_code, applicant_lookup_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, NULL, ?, ?, ?)"
)
_STORED_COLUMNS = (
    "case_number, idempotency_key, matter_code, state, receipt_state, created_at, bundle_id, "
    "last_synced_at"
)


def _statuses_synced_at(cursor: Cursor) -> datetime | None:
    """When a status pull last completed (kiosk.submissions.queue.mark_synced), if ever."""
    value = meta_value(cursor, STATUSES_SYNCED_KEY)
    return datetime.fromisoformat(value) if value else None


def _stored(row: Sequence[Any], statuses_synced_at: datetime | None = None) -> StoredSubmission:
    case_number, key, matter_code, state_value, receipt_state, created, bundle_id, synced = row
    state = SubmissionState(state_value)
    last_synced = from_column(synced)
    last_synced_at = last_synced.replace(tzinfo=UTC) if last_synced else None
    later_pull = statuses_synced_at is not None and (
        last_synced_at is None or statuses_synced_at > last_synced_at
    )
    if state in _OPEN_STATES and later_pull:
        last_synced_at = statuses_synced_at
    return StoredSubmission(
        case_number=case_number,
        idempotency_key=key,
        matter_code=matter_code,
        state=state,
        receipt_state=ReceiptState(receipt_state),
        created_at=datetime.fromisoformat(created).replace(tzinfo=UTC),
        bundle_id=bundle_id,
        last_synced_at=last_synced_at,
    )
