"""Takes a health report: asks every source in turn, each guarded, so one check that breaks
shows as its own fault line instead of hiding the others."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.health.report import HealthLine, HealthReport, Status, line
from kiosk.i18n import Message, msg

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HealthSource:
    """One check: the topic and title it reports under, and what produces its lines."""

    topic: str
    title: Message
    lines: Callable[[], Sequence[HealthLine]]


def collect(
    sources: Sequence[HealthSource], now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> HealthReport:
    taken_at = now()
    lines: list[HealthLine] = []
    for source in sources:
        try:
            lines.extend(source.lines())
        except Exception:  # a broken check is itself something for staff to report
            log.exception("health check failed", extra={"topic": source.topic})
            lines.append(
                line(
                    source.topic,
                    source.title,
                    Status.FAULT,
                    msg("无法检查这一项", "This could not be checked"),
                    msg(
                        "请重启本机；仍然如此请联系技术人员，并导出诊断信息给他",
                        "Restart the kiosk; if it stays so, call a technician and give them "
                        "a diagnostics export",
                    ),
                )
            )
    return HealthReport.of(taken_at, lines)
