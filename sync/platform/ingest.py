"""Ingesting batches from a terminal: exactly once per idempotency key, one answer per item.

A key seen before from the same terminal with the same content is a duplicate (the kiosk
never heard our answer): it gets the same case id and nothing new is stored. The same key
with other content, or from another terminal, is refused and recorded for someone to look
into; the answer tells nothing of the other terminal's case. A whole batch is one
transaction; when two copies of one request race, the loser's unique violation sends it
round again, where it finds the winner's case and answers "duplicate".
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.catalog import Catalog
from sync.contract import (
    BatchResult,
    CaseStatus,
    ItemOutcome,
    ItemResult,
    RatingBatch,
    RatingItem,
    RefusalCode,
    SubmissionBatch,
    SubmissionItem,
)
from sync.platform.applications import Refusal, open_submission
from sync.platform.catalogs import CatalogCache
from sync.platform.db import lock_event_sequence
from sync.platform.keys import PlatformKeys
from sync.platform.tables import CaseEventRow, CaseRow, IdempotencyConflictRow, RatingRow

# A race loses at most once per competing copy; three rounds cover a request sent thrice.
_ATTEMPTS = 3


@dataclass(frozen=True)
class _Known:
    case_id: str
    digest: str
    terminal_id: str  # whose request stored it


def content_digest(keys: PlatformKeys, item: BaseModel) -> str:
    """The suite's digest of the item's canonical JSON: equal for equal content, however
    the kiosk happened to format it."""
    canonical = json.dumps(
        item.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return keys.suite.digest(canonical.encode("utf-8"))


def new_case_id(local_now: datetime) -> str:
    """The platform's own case id: GD, the local date, and 12 random hex digits."""
    return f"GD{local_now:%Y%m%d}{secrets.token_hex(6).upper()}"


class Ingestor:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        keys: PlatformKeys,
        catalogs: CatalogCache,
        timezone: ZoneInfo,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._keys = keys
        self._catalogs = catalogs
        self._timezone = timezone
        self._clock = clock

    def submissions(self, terminal_id: str, batch: SubmissionBatch) -> BatchResult:
        return _retrying_races(lambda: self._submissions_once(terminal_id, batch.items))

    def ratings(self, terminal_id: str, batch: RatingBatch) -> BatchResult:
        return _retrying_races(lambda: self._ratings_once(terminal_id, batch.items))

    def _submissions_once(self, terminal_id: str, items: Sequence[SubmissionItem]) -> BatchResult:
        now = self._clock()
        with self._sessions() as session, session.begin():
            replies = _Replies(self._keys, "submission", terminal_id, now)
            replies.know(_known_cases(session, [item.idempotency_key for item in items]))
            catalogs: dict[str, Catalog | None] = {}

            def catalog_of(version: str) -> Catalog | None:
                if version not in catalogs:
                    catalogs[version] = self._catalogs.get(session, version)
                return catalogs[version]

            new_cases: dict[str, CaseRow] = {}
            for item in items:
                digest = content_digest(self._keys, item)
                if replies.answer_repeat(item.idempotency_key, digest):
                    continue
                opened = open_submission(item, terminal_id, catalog_of, self._keys, self._timezone)
                if isinstance(opened, Refusal):
                    replies.refuse(item.idempotency_key, opened)
                    continue
                case = self._case_row(terminal_id, item, digest, opened, now)
                new_cases[item.idempotency_key] = case
                replies.stored(item.idempotency_key, case.case_id, digest)
            if new_cases:
                lock_event_sequence(session)
                # Copies of this request may have committed while we checked ours.
                for key, known in _known_cases(session, list(new_cases)).items():
                    replies.replace_with_repeat(key, known, new_cases.pop(key).content_digest)
                session.add_all(new_cases.values())
                session.flush()  # cases first: the events refer to them
                session.add_all(
                    CaseEventRow(
                        case_id=case.case_id,
                        terminal_id=terminal_id,
                        status=CaseStatus.RECEIVED.value,
                        at=now,
                        note=None,
                    )
                    for case in new_cases.values()
                )
            session.add_all(replies.conflicts)
            return BatchResult(results=replies.results)

    def _ratings_once(self, terminal_id: str, items: Sequence[RatingItem]) -> BatchResult:
        now = self._clock()
        with self._sessions() as session, session.begin():
            replies = _Replies(self._keys, "rating", terminal_id, now)
            replies.know(_known_ratings(session, [item.idempotency_key for item in items]))
            case_ids = _case_ids_of(session, terminal_id, [item.case_number for item in items])
            for item in items:
                digest = content_digest(self._keys, item)
                if replies.answer_repeat(item.idempotency_key, digest):
                    continue
                case_id = case_ids.get(item.case_number)
                if case_id is None:
                    replies.refuse(
                        item.idempotency_key,
                        Refusal(
                            RefusalCode.UNKNOWN_CASE,
                            f"本平台没有终端 {terminal_id} 的办件 {item.case_number} / "
                            f"no case {item.case_number} from terminal {terminal_id}",
                        ),
                    )
                    continue
                session.add(
                    RatingRow(
                        idempotency_key=item.idempotency_key,
                        case_id=case_id,
                        terminal_id=terminal_id,
                        level=item.level,
                        reasons=list(item.reasons),
                        comment=item.comment,
                        needs_follow_up=item.needs_follow_up,
                        rated_at=item.rated_at,
                        received_at=now,
                        content_digest=digest,
                    )
                )
                replies.stored(item.idempotency_key, case_id, digest)
            session.add_all(replies.conflicts)
            return BatchResult(results=replies.results)

    def _case_row(
        self,
        terminal_id: str,
        item: SubmissionItem,
        digest: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> CaseRow:
        return CaseRow(
            case_id=new_case_id(now.astimezone(self._timezone)),
            idempotency_key=item.idempotency_key,
            content_digest=digest,
            terminal_id=terminal_id,
            case_number=item.case_number,
            matter_code=item.matter_code,
            catalog_version=item.catalog_version,
            bundle_id=item.bundle_id,
            bundle_code=item.bundle_code,
            submitted_at=item.submitted_at,
            received_at=now,
            status=CaseStatus.RECEIVED.value,
            payload=payload,
        )


class _Replies:
    """The answers to one batch, in item order, and the conflicts they reveal."""

    def __init__(self, keys: PlatformKeys, kind: str, terminal_id: str, now: datetime) -> None:
        self._keys = keys
        self._kind = kind
        self._terminal_id = terminal_id
        self._now = now
        self._known: dict[str, _Known] = {}
        self._positions: dict[str, int] = {}
        self.results: list[ItemResult] = []
        self.conflicts: list[IdempotencyConflictRow] = []

    def know(self, known: dict[str, _Known]) -> None:
        self._known.update(known)

    def answer_repeat(self, key: str, digest: str) -> bool:
        """Answer a key already held (stored before, or earlier in this batch)."""
        known = self._known.get(key)
        if known is None:
            return False
        self.results.append(self._repeat(key, known, digest))
        return True

    def replace_with_repeat(self, key: str, known: _Known, digest: str) -> None:
        self._known[key] = known
        self.results[self._positions[key]] = self._repeat(key, known, digest)

    def stored(self, key: str, case_id: str, digest: str) -> None:
        self._known[key] = _Known(case_id, digest, self._terminal_id)
        self._positions[key] = len(self.results)
        self.results.append(
            ItemResult(idempotency_key=key, outcome=ItemOutcome.STORED, case_id=case_id)
        )

    def refuse(self, key: str, refusal: Refusal) -> None:
        self.results.append(
            ItemResult(
                idempotency_key=key,
                outcome=ItemOutcome.REFUSED,
                code=refusal.code,
                message=refusal.message,
            )
        )

    def _repeat(self, key: str, known: _Known, digest: str) -> ItemResult:
        mine = known.terminal_id == self._terminal_id
        if mine and known.digest == digest:
            return ItemResult(
                idempotency_key=key, outcome=ItemOutcome.DUPLICATE, case_id=known.case_id
            )
        self.conflicts.append(
            IdempotencyConflictRow(
                kind=self._kind,
                idempotency_key=key,
                terminal_id=self._terminal_id,
                first_digest=known.digest,
                new_digest=digest,
                at=self._now,
            )
        )
        message = (
            "此幂等键此前已随其他内容提交，已上报 / "
            "this idempotency key was delivered before with other content; reported"
            if mine
            else "此幂等键已被其他终端使用，已上报 / "
            "this idempotency key was delivered before by another terminal; reported"
        )
        return ItemResult(
            idempotency_key=key,
            outcome=ItemOutcome.REFUSED,
            code=RefusalCode.IDEMPOTENCY_CONFLICT,
            message=message,
        )


def _retrying_races(attempt: Callable[[], BatchResult]) -> BatchResult:
    for round_number in range(1, _ATTEMPTS + 1):
        try:
            return attempt()
        except IntegrityError:
            if round_number == _ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _known_cases(session: Session, keys: list[str]) -> dict[str, _Known]:
    """The keys already held, from any terminal: a key is unique across the platform."""
    rows = session.execute(
        select(
            CaseRow.idempotency_key, CaseRow.case_id, CaseRow.content_digest, CaseRow.terminal_id
        ).where(CaseRow.idempotency_key.in_(set(keys)))
    )
    return {key: _Known(case_id, digest, terminal) for key, case_id, digest, terminal in rows}


def _known_ratings(session: Session, keys: list[str]) -> dict[str, _Known]:
    rows = session.execute(
        select(
            RatingRow.idempotency_key,
            RatingRow.case_id,
            RatingRow.content_digest,
            RatingRow.terminal_id,
        ).where(RatingRow.idempotency_key.in_(set(keys)))
    )
    return {key: _Known(case_id, digest, terminal) for key, case_id, digest, terminal in rows}


def _case_ids_of(session: Session, terminal_id: str, case_numbers: list[str]) -> dict[str, str]:
    """The case id of each of these case numbers among the terminal's own cases, in one
    query; should a number repeat, the case received first."""
    rows = session.execute(
        select(CaseRow.case_number, CaseRow.case_id)
        .where(CaseRow.terminal_id == terminal_id, CaseRow.case_number.in_(set(case_numbers)))
        .order_by(CaseRow.received_at)
    )
    case_ids: dict[str, str] = {}
    for case_number, case_id in rows:
        case_ids.setdefault(case_number, case_id)
    return case_ids
