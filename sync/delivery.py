"""Delivering a queue to the platform in batches, oldest first, each item exactly once.

The platform answers per item (stored / duplicate / refused), so a refused item is
quarantined alone and the rest of its batch goes through. When the platform refuses a whole
request instead (HTTP 400/413/422), the batch is split in halves and each half sent again,
until the one item at fault stands alone and is quarantined: one poison submission never
holds back the others. A transient failure puts the batch back in the queue untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from pydantic import ValidationError

from kiosk.help_queue import HelpQueue, OutgoingHelpRequest, queue_resolutions_again
from kiosk.privacy import redact_personal_data
from kiosk.rating_queue import OutgoingRating, RatingQueue
from kiosk.submissions.queue import Acknowledgement, OutgoingSubmission, SubmissionQueue
from sync.contract import (
    BatchResult,
    HelpRequestItem,
    ItemOutcome,
    ItemResult,
    RatingItem,
    Sealed,
    SubmissionItem,
)
from sync.failures import AnswerLost, PermanentFailure, TransientFailure
from sync.ports import PlatformApi
from sync.summary import Quarantined

log = logging.getLogger(__name__)

Item = TypeVar("Item", OutgoingSubmission, OutgoingRating, OutgoingHelpRequest)
Wire = TypeVar("Wire", SubmissionItem, RatingItem, HelpRequestItem)


class Outbox(Protocol[Item, Wire]):
    """One local queue as the deliverer sees it."""

    kind: str  # for log lines: "submission", "rating", "help request"

    def claim(self, limit: int) -> list[Item]: ...

    def label(self, item: Item) -> str:
        """What staff and log lines name the item by (a case number), never personal data."""
        ...

    def wire(self, item: Item) -> Wire:
        """The item as the platform receives it; pydantic's ValidationError for a damaged
        row that cannot even be put on the wire."""
        ...

    def send(self, items: Sequence[Wire]) -> BatchResult: ...

    def acknowledges(self, result: ItemResult) -> bool:
        """Whether the answer holds what recording the delivery needs."""
        ...

    def delivered(self, acknowledged: Sequence[tuple[Item, ItemResult]]) -> None:
        """Record a batch's acknowledgements together (one local transaction)."""
        ...

    def release(self, items: Sequence[Item], reason: str) -> None: ...

    def quarantine(self, item: Item, reason: str) -> None: ...


@dataclass
class DeliveryTally:
    delivered: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    released: int = 0
    failure: TransientFailure | None = None


class Deliverer(Generic[Item, Wire]):
    def __init__(
        self,
        outbox: Outbox[Item, Wire],
        batch_size: int,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self._outbox: Outbox[Item, Wire] = outbox
        # Each claimed item's wire form, made once however often a split resends it.
        self._wires: dict[str, Wire] = {}
        self._batch_size = batch_size
        self._stopping = stopping

    def deliver_all(self) -> DeliveryTally:
        """Send batches until the queue is empty, a transient failure stops us, or the agent
        is asked to stop (between batches: a long backlog must not delay a shutdown)."""
        tally = DeliveryTally()
        while not self._stopping() and (claimed := self._outbox.claim(self._batch_size)):
            batch = []
            self._wires.clear()
            for item in claimed:
                try:
                    self._wires[item.idempotency_key] = self._outbox.wire(item)
                except ValidationError as exc:
                    self._quarantine(item, f"cannot be sent: {_first_problem(exc)}", tally)
                else:
                    batch.append(item)
            if not batch:
                continue
            try:
                self._send(batch, tally)
            except TransientFailure as failure:
                tally.failure = failure
                break
        return tally

    def _send(self, batch: Sequence[Item], tally: DeliveryTally) -> None:
        try:
            result = self._outbox.send([self._wires[item.idempotency_key] for item in batch])
        except AnswerLost as lost:
            reason = (
                f"{lost.reason}: it may have stored the {len(batch)} {self._outbox.kind}(s), "
                "which go back to the queue and will be sent again under the same idempotency "
                "keys (stored once whatever happened)"
            )
            log.warning(
                "%s batch sent but its answer was lost",
                self._outbox.kind,
                extra={"count": len(batch), "reason": reason},
            )
            self._release(batch, reason, tally)
            raise AnswerLost(reason) from lost
        except TransientFailure as failure:
            self._release(batch, failure.reason, tally)
            raise
        except PermanentFailure as failure:
            if len(batch) == 1:
                self._quarantine(batch[0], str(failure), tally)
                return
            half = len(batch) // 2
            try:
                self._send(batch[:half], tally)
            except TransientFailure as later:
                self._release(batch[half:], later.reason, tally)
                raise
            self._send(batch[half:], tally)
            return
        self._apply(batch, result, tally)

    def _apply(self, batch: Sequence[Item], result: BatchResult, tally: DeliveryTally) -> None:
        answers = {answer.idempotency_key: answer for answer in result.results}
        unanswered = []
        acknowledged = []
        for item in batch:
            answer = answers.get(item.idempotency_key)
            if answer is None:
                unanswered.append(item)
            elif answer.outcome is ItemOutcome.REFUSED:
                code = answer.code.value if answer.code else "refused"
                self._quarantine(item, f"{code}: {answer.message or 'no reason given'}", tally)
            elif self._outbox.acknowledges(answer):
                acknowledged.append((item, answer))
            else:
                unanswered.append(item)
        if acknowledged:
            self._outbox.delivered(acknowledged)
            tally.delivered += len(acknowledged)
            tally.duplicates += sum(a.outcome is ItemOutcome.DUPLICATE for _, a in acknowledged)
        if unanswered:
            # The platform's answer is incomplete: something is wrong on its side. The items
            # go back to the queue and the agent backs off rather than ask again at once.
            reason = f"the platform's answer left out {len(unanswered)} {self._outbox.kind}(s)"
            self._release(unanswered, reason, tally)
            raise TransientFailure(reason)

    def _release(self, items: Sequence[Item], reason: str, tally: DeliveryTally) -> None:
        self._outbox.release(items, reason)
        tally.released += len(items)

    def _quarantine(self, item: Item, refusal: str, tally: DeliveryTally) -> None:
        # The platform's words are kept, shown to staff and logged: no personal data in them.
        reason = redact_personal_data(refusal)
        self._outbox.quarantine(item, reason)
        label = self._outbox.label(item)
        tally.quarantined.append(Quarantined(label, reason))
        log.warning(
            "%s refused by the platform",
            self._outbox.kind,
            extra={"case_number": label, "reason": reason},
        )


class SubmissionOutbox:
    kind = "submission"

    def __init__(self, queue: SubmissionQueue, platform: PlatformApi) -> None:
        self._queue = queue
        self._platform = platform

    def claim(self, limit: int) -> list[OutgoingSubmission]:
        return self._queue.claim_batch(limit)

    def label(self, item: OutgoingSubmission) -> str:
        return item.case_number

    def wire(self, item: OutgoingSubmission) -> SubmissionItem:
        return submission_item(item)

    def send(self, items: Sequence[SubmissionItem]) -> BatchResult:
        return self._platform.deliver_submissions(items)

    def acknowledges(self, result: ItemResult) -> bool:
        return bool(result.case_id)

    def delivered(self, acknowledged: Sequence[tuple[OutgoingSubmission, ItemResult]]) -> None:
        self._queue.mark_all_delivered(
            [
                Acknowledgement(
                    item.idempotency_key,
                    result.case_id or "",
                    duplicate=result.outcome is ItemOutcome.DUPLICATE,
                )
                for item, result in acknowledged
            ]
        )
        for item, result in acknowledged:
            log.info(
                "submission delivered",
                extra={
                    "case_number": item.case_number,
                    "platform_case_id": result.case_id,
                    "duplicate": result.outcome is ItemOutcome.DUPLICATE,
                },
            )

    def release(self, items: Sequence[OutgoingSubmission], reason: str) -> None:
        self._queue.release([i.idempotency_key for i in items], reason)

    def quarantine(self, item: OutgoingSubmission, reason: str) -> None:
        self._queue.quarantine(item.idempotency_key, reason)


class RatingOutbox:
    kind = "rating"

    def __init__(self, queue: RatingQueue, platform: PlatformApi) -> None:
        self._queue = queue
        self._platform = platform

    def claim(self, limit: int) -> list[OutgoingRating]:
        return self._queue.claim_batch(limit)

    def label(self, item: OutgoingRating) -> str:
        return item.case_number

    def wire(self, item: OutgoingRating) -> RatingItem:
        return rating_item(item)

    def send(self, items: Sequence[RatingItem]) -> BatchResult:
        return self._platform.deliver_ratings(items)

    def acknowledges(self, result: ItemResult) -> bool:
        return True

    def delivered(self, acknowledged: Sequence[tuple[OutgoingRating, ItemResult]]) -> None:
        self._queue.mark_all_delivered([item.idempotency_key for item, _ in acknowledged])
        for item, _ in acknowledged:
            log.info("rating delivered", extra={"case_number": item.case_number})

    def release(self, items: Sequence[OutgoingRating], reason: str) -> None:
        self._queue.release([i.idempotency_key for i in items], reason)

    def quarantine(self, item: OutgoingRating, reason: str) -> None:
        self._queue.quarantine(item.idempotency_key, reason)


class HelpRequestOutbox:
    kind = "help request"

    def __init__(self, queue: HelpQueue, platform: PlatformApi) -> None:
        self._queue = queue
        self._platform = platform

    def claim(self, limit: int) -> list[OutgoingHelpRequest]:
        return self._queue.claim_batch(limit)

    def label(self, item: OutgoingHelpRequest) -> str:
        return f"help request from {item.screen}"

    def wire(self, item: OutgoingHelpRequest) -> HelpRequestItem:
        return HelpRequestItem(
            idempotency_key=item.idempotency_key,
            screen=item.screen,
            requested_at=item.requested_at,
            resolved_at=item.resolved_at,
        )

    def send(self, items: Sequence[HelpRequestItem]) -> BatchResult:
        return self._platform.deliver_help_requests(items)

    def acknowledges(self, result: ItemResult) -> bool:
        return True

    def delivered(self, acknowledged: Sequence[tuple[OutgoingHelpRequest, ItemResult]]) -> None:
        keys = [item.idempotency_key for item, _ in acknowledged]
        self._queue.mark_all_delivered(keys)
        # Staff may have dealt with a request while it was on its way as still open.
        sent_open = [item.idempotency_key for item, _ in acknowledged if item.resolved_at is None]
        queue_resolutions_again(self._queue, sent_open)
        for item, _ in acknowledged:
            log.info(
                "help request delivered",
                extra={"screen": item.screen, "resolved": item.resolved_at is not None},
            )

    def release(self, items: Sequence[OutgoingHelpRequest], reason: str) -> None:
        self._queue.release([i.idempotency_key for i in items], reason)

    def quarantine(self, item: OutgoingHelpRequest, reason: str) -> None:
        self._queue.quarantine(item.idempotency_key, reason)


def submission_item(outgoing: OutgoingSubmission) -> SubmissionItem:
    """The wire form; the sealed envelope goes as stored, the kiosk cannot open it."""
    return SubmissionItem(
        idempotency_key=outgoing.idempotency_key,
        case_number=outgoing.case_number,
        matter_code=outgoing.matter_code,
        catalog_version=outgoing.catalog_version,
        submitted_at=outgoing.submitted_at,
        bundle_id=outgoing.bundle_id,
        bundle_code=outgoing.bundle_code,
        sealed=Sealed.model_validate(outgoing.sealed),
    )


def rating_item(outgoing: OutgoingRating) -> RatingItem:
    return RatingItem.model_validate(
        {
            "idempotency_key": outgoing.idempotency_key,
            "case_number": outgoing.case_number,
            "level": outgoing.level,
            "reasons": outgoing.reasons,
            "comment": outgoing.comment,
            "needs_follow_up": outgoing.needs_follow_up,
            "rated_at": outgoing.rated_at,
        }
    )


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}"
