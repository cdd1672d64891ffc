"""A health report: lines of (topic, status, what is wrong, what to do), faults first.

Every text is a kiosk.i18n `Message`, so the console shows it in the staff member's language
and the diagnostics bundle in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from kiosk.i18n import Message, msg


class Status(Enum):
    """How urgent a line is; `rank` orders a report, the most urgent first."""

    FAULT = "fault"  # something does not work: act now
    WARNING = "warning"  # works, but will not for long or only partly: act soon
    OK = "ok"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Status.FAULT: 0, Status.WARNING: 1, Status.OK: 2}
NOTHING_TO_DO = msg("", "")


@dataclass(frozen=True)
class HealthLine:
    """One part of the kiosk: `topic` names it (a stable key such as "printer"), `title` is
    its name for people, `message` says how it is, `todo` what to do (empty when ok)."""

    topic: str
    title: Message
    status: Status
    message: Message
    todo: Message = NOTHING_TO_DO

    def as_json(self) -> dict[str, str]:
        return {
            "topic": self.topic,
            "status": self.status.value,
            "title": self.title.render("zh_CN"),
            "message": self.message.render("zh_CN"),
            "todo": self.todo.render("zh_CN"),
            "message_en": self.message.render("en_US"),
            "todo_en": self.todo.render("en_US"),
        }


def line(
    topic: str, title: Message, status: Status, message: Message, todo: Message = NOTHING_TO_DO
) -> HealthLine:
    return HealthLine(topic, title, status, message, todo)


@dataclass(frozen=True)
class HealthReport:
    taken_at: datetime
    lines: tuple[HealthLine, ...]

    @classmethod
    def of(cls, taken_at: datetime, lines: Sequence[HealthLine]) -> HealthReport:
        return cls(taken_at, tuple(lines))

    def ordered(self) -> list[HealthLine]:
        """Faults first, then warnings, then what works; in collection order within each."""
        return sorted(self.lines, key=lambda each: each.status.rank)

    @property
    def worst(self) -> Status:
        return min((each.status for each in self.lines), key=lambda s: s.rank, default=Status.OK)

    def as_text(self, locale: str = "zh_CN") -> str:
        """The report as a person reads it, one line per part with what to do."""
        rows = [f"{self.taken_at.isoformat(timespec='seconds')}"]
        for each in self.ordered():
            row = f"[{each.status.value.upper():7}] {each.title.render(locale)}: "
            row += each.message.render(locale)
            if todo := each.todo.render(locale):
                row += f" -> {todo}"
            rows.append(row)
        return "\n".join(rows) + "\n"

    def as_json(self) -> dict[str, object]:
        return {
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "worst": self.worst.value,
            "lines": [each.as_json() for each in self.ordered()],
        }
