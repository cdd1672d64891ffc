"""Quarantined cases and ratings (those the platform refused for good), listed with what names
them and why, and put back in the queue once staff fixed the cause: the console's "retry"
and `kiosk queue retry` both go through here to the delivery queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from kiosk.console.outcome import ActionOutcome
from kiosk.i18n import msg
from kiosk.rating_queue import RatingQueue
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.states import SubmissionState


class ItemKind(Enum):
    SUBMISSION = "submission"
    RATING = "rating"


@dataclass(frozen=True)
class QuarantinedItem:
    kind: ItemKind
    case_number: str
    reason: str | None  # the platform's refusal, personal data already masked
    since: datetime | None  # aware, UTC


@dataclass(frozen=True)
class Retried:
    submissions: list[str] = field(default_factory=list)  # case numbers queued again
    ratings: list[str] = field(default_factory=list)  # case numbers of ratings queued again
    refused: dict[str, str] = field(default_factory=dict)  # case number -> why not


class QuarantineDesk:
    def __init__(self, submissions: SubmissionQueue, ratings: RatingQueue) -> None:
        self._submissions = submissions
        self._ratings = ratings

    def items(self) -> list[QuarantinedItem]:
        """Every quarantined submission, then every quarantined rating, oldest first."""
        cases = [
            QuarantinedItem(
                ItemKind.SUBMISSION, entry.case_number, entry.last_error, entry.state_changed_at
            )
            for entry in self._submissions.entries(SubmissionState.QUARANTINED)
        ]
        ratings = [
            QuarantinedItem(ItemKind.RATING, aside.label, aside.reason, aside.since)
            for aside in self._ratings.quarantined()
        ]
        return cases + ratings

    def retry(self, case_numbers: Sequence[str] | None, actor: str) -> Retried:
        """Queue again the submissions named, or with None every quarantined submission and
        rating; `actor` (a staff number) is audited with each."""
        cases = self._submissions.retry(case_numbers, actor)
        ratings = self._ratings.retry(None, actor).retried if case_numbers is None else []
        return Retried(cases.retried, ratings, cases.refused)

    def retry_item(self, item: QuarantinedItem, actor: str) -> ActionOutcome:
        """Queue one listed item again."""
        queue = self._submissions if item.kind is ItemKind.SUBMISSION else self._ratings
        result = queue.retry([item.case_number], actor)
        if item.kind is ItemKind.SUBMISSION:
            return retry_outcome(Retried(result.retried, [], result.refused))
        return retry_outcome(Retried([], result.retried, result.refused))

    def retry_all(self, actor: str) -> ActionOutcome:
        return retry_outcome(self.retry(None, actor))


def retry_outcome(retried: Retried) -> ActionOutcome:
    """The retry told in words: how many go out again, and what could not."""
    count = len(retried.submissions) + len(retried.ratings)
    if retried.refused:
        return ActionOutcome(
            False,
            msg(
                "有 {count} 项未能重新发送（可能已被处理），请刷新列表后再看。",
                "{count} item(s) could not be queued again (perhaps already handled); refresh "
                "the list and look again.",
                count=len(retried.refused),
            ),
        )
    if count == 0:
        return ActionOutcome(
            True,
            msg("没有被退回的办件或评价。", "No case or rating is waiting for a retry."),
        )
    return ActionOutcome(
        True,
        msg(
            "已重新排队 {count} 项，同步程序会在下一轮发送；可按「立即同步」马上发送。",
            "{count} item(s) queued again; the sync agent sends them on its next turn, or "
            "press Sync now.",
            count=count,
        ),
    )
