"""Moving cases through their handling statuses (办件状态), for demos and tests.

A case goes received → accepted (受理) → in_review (审查中) → finished (办结), or is rejected
(不予受理) from any status before finished. Each step is an event with a sequence number, which
is what kiosks page through at /cases/updates; a move of several steps records each one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract import CaseStatus
from sync.platform.db import lock_event_sequence
from sync.platform.tables import CaseEventRow, CaseRow

FORWARD = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.FINISHED)
FINAL = frozenset({CaseStatus.FINISHED, CaseStatus.REJECTED})


class IllegalMove(Exception):
    """The case cannot go to that status from where it is."""


class UnknownCase(Exception):
    """No case with that id."""


def steps_to(current: CaseStatus, target: CaseStatus) -> tuple[CaseStatus, ...]:
    """Each status a case passes through on its way to `target`; IllegalMove if none."""
    if current in FINAL:
        raise IllegalMove(f"the case is already {current.value}; it cannot move")
    if target is CaseStatus.REJECTED:
        return (target,)
    here, there = FORWARD.index(current), FORWARD.index(target)
    if there <= here:
        raise IllegalMove(f"a case cannot go back from {current.value} to {target.value}")
    return FORWARD[here + 1 : there + 1]


def move_case(
    session: Session, case_id: str, target: CaseStatus, now: datetime, note: str | None = None
) -> tuple[CaseStatus, ...]:
    """Move one case to `target`, recording every step; the note goes with the last."""
    lock_event_sequence(session)
    case = session.get(CaseRow, case_id, with_for_update=True)
    if case is None:
        raise UnknownCase(f"no case {case_id}")
    steps = steps_to(CaseStatus(case.status), target)
    _record(session, case, steps, now, note)
    return steps


def move_all(session: Session, target: CaseStatus, now: datetime, note: str | None = None) -> int:
    """Move every case that may go to `target`; how many moved."""
    lock_event_sequence(session)
    moved = 0
    for case in _open_cases(session):
        try:
            steps = steps_to(CaseStatus(case.status), target)
        except IllegalMove:
            continue
        _record(session, case, steps, now, note)
        moved += 1
    return moved


def advance_all_one_step(session: Session, now: datetime, note: str | None = None) -> int:
    """Move every open case one step forward (a demo's passing of time); how many moved."""
    lock_event_sequence(session)
    moved = 0
    for case in _open_cases(session):
        current = CaseStatus(case.status)
        _record(session, case, (FORWARD[FORWARD.index(current) + 1],), now, note)
        moved += 1
    return moved


def _open_cases(session: Session) -> list[CaseRow]:
    return list(
        session.scalars(
            select(CaseRow)
            .where(CaseRow.status.not_in([status.value for status in FINAL]))
            .order_by(CaseRow.received_at, CaseRow.case_id)
            .with_for_update()
        )
    )


def _record(
    session: Session,
    case: CaseRow,
    steps: tuple[CaseStatus, ...],
    now: datetime,
    note: str | None,
) -> None:
    for position, status in enumerate(steps, start=1):
        session.add(
            CaseEventRow(
                case_id=case.case_id,
                terminal_id=case.terminal_id,
                status=status.value,
                at=now,
                note=note if position == len(steps) else None,
            )
        )
    case.status = steps[-1].value
