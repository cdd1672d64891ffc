"""Ratings of a case by the resident (好差评): five levels, reasons for a bad one.

Levels are kept by name: platforms number them differently (GB/T 39046 uses 1 for 非常满意,
some provincial APIs the reverse), so numeric codes belong to the platform adapter. The two
bad levels require a reason and flag the case for follow-up (整改, usually within 15 working
days).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import Engine

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import RESIDENT, TransactionalAuditTrail
from kiosk.catalog.models import Localized
from kiosk.i18n import Message, msg
from kiosk.rating_queue import rating_queue
from kiosk.storage.tables import RatingRow

MAX_COMMENT_LENGTH = 200


class Satisfaction(Enum):
    VERY_SATISFIED = Localized(zh="非常满意", en="Very satisfied")
    SATISFIED = Localized(zh="满意", en="Satisfied")
    BASICALLY_SATISFIED = Localized(zh="基本满意", en="Basically satisfied")
    DISSATISFIED = Localized(zh="不满意", en="Dissatisfied")
    VERY_DISSATISFIED = Localized(zh="非常不满意", en="Very dissatisfied")

    @property
    def is_bad(self) -> bool:
        return self in (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)


BAD_REASONS: tuple[Localized, ...] = (
    Localized(zh="办事指南看不懂", en="The guide was hard to understand"),
    Localized(zh="操作步骤太多", en="Too many steps"),
    Localized(zh="设备故障或太慢", en="The kiosk failed or was slow"),
    Localized(zh="材料要求不合理", en="Unreasonable material requirements"),
    Localized(zh="办理时间太长", en="It takes too long"),
    Localized(zh="没有人帮忙", en="Nobody was there to help"),
    Localized(zh="其他", en="Other"),
)


class InvalidRating(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


@dataclass(frozen=True)
class Rating:
    case_numbers: tuple[str, ...]
    level: Satisfaction
    reasons: tuple[str, ...] = ()
    comment: str = ""


class RatingStore:
    """Ratings are queued locally like submissions (kiosk.rating_queue); the sync agent
    delivers them."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        audit: TransactionalAuditTrail | None = None,
    ) -> None:
        """Each rating kept is appended to `audit` in the transaction that queues it."""
        self._engine = engine
        self._clock = clock
        self._audit = audit

    def record(self, rating: Rating) -> None:
        problem = rating_problem(rating)
        if problem is not None:
            raise InvalidRating(problem)
        now = self._clock().astimezone(UTC).replace(tzinfo=None)
        rows = [
            RatingRow(
                case_number=case_number,
                level=rating.level.name,
                reasons=json.dumps(list(rating.reasons), ensure_ascii=False),
                comment=rating.comment.strip(),
                needs_follow_up=rating.level.is_bad,
                created_at=now,
                idempotency_key=str(uuid.uuid4()),
            )
            for case_number in rating.case_numbers
        ]
        queue = rating_queue(self._engine, self._clock, audit=self._audit, actor=RESIDENT)
        with queue.moving() as moves:
            moves.add_queued(rows)
            moves.audit(
                AuditEvent.RATING_RECORDED,
                {"case_numbers": ",".join(rating.case_numbers), "level": rating.level.name},
            )


def rating_problem(rating: Rating) -> Message | None:
    known = {reason.zh for reason in BAD_REASONS}
    if not rating.case_numbers:
        return msg("没有可评价的办件", "There is no case to rate")
    if rating.level.is_bad and not rating.reasons:
        return msg(
            "请选择不满意的原因，我们会跟进整改", "Please choose why, so that we can follow up"
        )
    if any(reason not in known for reason in rating.reasons):
        return msg("请从列出的原因中选择", "Choose from the reasons listed")
    if len(rating.comment) > MAX_COMMENT_LENGTH:
        return msg(
            "补充说明不能超过{n}个字",
            "The comment cannot be longer than {n} characters",
            n=MAX_COMMENT_LENGTH,
        )
    return None
