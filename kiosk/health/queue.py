"""Health lines for the local queue: submissions and ratings per state, and how long the
oldest case not yet delivered has waited (its case number, never who applied)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.delivery_queue.states import DeliveryState
from kiosk.health.durations import duration
from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import Message, msg
from kiosk.storage.sqlite import Database, from_column, transaction
from kiosk.submissions.counts import count_by_state

SUBMISSIONS_TITLE = msg("待上传的申请", "Applications to upload")
RATINGS_TITLE = msg("待上传的评价", "Ratings to upload")
# The agent sends within seconds when the platform answers; an hour's wait means delivery
# has stopped, a day's that cases are late for the departments.
WARN_AFTER = timedelta(hours=1)
FAULT_AFTER = timedelta(hours=24)
_UNDELIVERED = (DeliveryState.QUEUED.value, DeliveryState.SENDING.value)


@dataclass(frozen=True)
class QueueFacts:
    by_state: dict[str, int]
    oldest_case: str | None
    oldest_created_at: datetime | None
    ratings_by_state: dict[str, int]


def read_queue_facts(database: Database) -> QueueFacts:
    """Counts and the oldest waiting case, from one read snapshot."""
    with transaction(database, write=False) as cursor:
        by_state = count_by_state(cursor)
        oldest = cursor.execute(
            "SELECT case_number, created_at FROM submissions WHERE state IN (?, ?) "
            "ORDER BY created_at LIMIT 1",
            _UNDELIVERED,
        ).fetchone()
        ratings = dict(
            cursor.execute("SELECT state, count(*) FROM ratings GROUP BY state").fetchall()
        )
    created = from_column(oldest[1]) if oldest else None
    return QueueFacts(
        by_state=by_state,
        oldest_case=oldest[0] if oldest else None,
        oldest_created_at=created.replace(tzinfo=UTC) if created else None,
        ratings_by_state={state.value: ratings.get(state.value, 0) for state in DeliveryState},
    )


def submissions_line(facts: QueueFacts, now: datetime) -> HealthLine:
    counts = facts.by_state
    waiting = sum(counts.get(state, 0) for state in _UNDELIVERED)
    refused = counts.get(DeliveryState.QUARANTINED.value, 0)
    summary = _per_state(counts)
    if refused:
        return line(
            "queue",
            SUBMISSIONS_TITLE,
            Status.FAULT,
            msg(
                "平台拒收了 {refused} 件申请（{summary}）",
                "The platform refused {refused} application(s) ({summary})",
                refused=refused,
                summary=summary,
            ),
            msg(
                "请联系技术人员查明原因；原因解决后，在控制台重新发送这些申请",
                "Call a technician to find the cause; once fixed, send them again from the console",
            ),
        )
    if waiting and facts.oldest_created_at is not None:
        waited = now - facts.oldest_created_at
        if waited >= WARN_AFTER:
            return line(
                "queue",
                SUBMISSIONS_TITLE,
                Status.FAULT if waited >= FAULT_AFTER else Status.WARNING,
                msg(
                    "{waiting} 件申请还没上传；最早的一件 {case} 已等了 {age}（{summary}）",
                    "{waiting} application(s) not uploaded; the oldest, {case}, has waited "
                    "{age} ({summary})",
                    waiting=waiting,
                    case=facts.oldest_case,
                    age=duration(waited),
                    summary=summary,
                ),
                msg(
                    "申请都保存在本机，不会丢失；请查看上面“网络”和“同步”两行，按其提示处理",
                    "They are kept safely here; see the network and sync lines and do what they "
                    "say",
                ),
            )
    return line(
        "queue",
        SUBMISSIONS_TITLE,
        Status.OK,
        msg(
            "{waiting} 件等待上传（{summary}）",
            "{waiting} waiting ({summary})",
            waiting=waiting,
            summary=summary,
        ),
    )


def ratings_line(facts: QueueFacts) -> HealthLine:
    counts = facts.ratings_by_state
    waiting = sum(counts.get(state, 0) for state in _UNDELIVERED)
    refused = counts.get(DeliveryState.QUARANTINED.value, 0)
    if refused:
        return line(
            "ratings",
            RATINGS_TITLE,
            Status.WARNING,
            msg(
                "{waiting} 条等待上传，平台拒收了 {refused} 条",
                "{waiting} waiting, {refused} refused by the platform",
                waiting=waiting,
                refused=refused,
            ),
            msg(
                "请联系技术人员查明原因，解决后在控制台重新发送",
                "Call a technician to find the cause, then send them again from the console",
            ),
        )
    return line(
        "ratings",
        RATINGS_TITLE,
        Status.OK,
        msg("{waiting} 条等待上传", "{waiting} waiting", waiting=waiting),
    )


# Each state's name for staff; a state the table holds that is not named here shows as stored.
_STATE_NAMES = {
    "queued": ("待上传", "to upload"),
    "sending": ("上传中", "uploading"),
    "delivered": ("已上传", "uploaded"),
    "accepted": ("已受理", "accepted"),
    "in_review": ("审查中", "in review"),
    "finished": ("已办结", "finished"),
    "rejected": ("不予受理", "rejected"),
    "quarantined": ("被拒收", "refused"),
}


def _per_state(counts: dict[str, int]) -> Message:
    """The states that hold any case, as 待上传 2、已上传 5 (zero states left out)."""
    held = [(state, count) for state, count in counts.items() if count]
    if not held:
        return msg("0", "0")
    zh = "、".join(f"{_STATE_NAMES.get(s, (s, s))[0]} {n}" for s, n in held)
    en = ", ".join(f"{_STATE_NAMES.get(s, (s, s))[1]} {n}" for s, n in held)
    return Message(
        zh.replace("{", "{{").replace("}", "}}"), en.replace("{", "{{").replace("}", "}}")
    )
