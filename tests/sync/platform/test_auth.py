"""Authenticating requests against the platform's own clock, with nonces shared in the
database (so every worker would refuse a replay) and swept once they can no longer matter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.contract import SUBMISSIONS_PATH, ErrorCode
from sync.platform.auth import Authenticator, AuthRefused
from sync.platform.db import session_factory
from sync.platform.tables import NonceRow
from sync.signing import ALLOWED_SKEW_S
from tests.helpers.platform.builders import KioskTerminal
from tests.helpers.platform.reference import enrol


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def nonces(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(NonceRow)) or 0


def test_the_platform_clock_not_the_terminals_decides_what_is_stale(engine: Engine) -> None:
    terminal = enrol(engine, KioskTerminal.new())
    clock = Clock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    authenticator = Authenticator(session_factory(engine), clock)
    stamp = int(clock.now.timestamp())
    headers = terminal.headers("POST", SUBMISSIONS_PATH, b"{}", timestamp=stamp)
    clock.now += timedelta(seconds=ALLOWED_SKEW_S + 1)
    with pytest.raises(AuthRefused) as refused:
        authenticator.authenticate(
            method="POST", path=SUBMISSIONS_PATH, headers=headers, body=b"{}"
        )
    assert refused.value.code is ErrorCode.STALE_TIMESTAMP
    assert refused.value.platform_time == clock.now


def test_nonces_are_remembered_until_they_cannot_matter_then_swept(engine: Engine) -> None:
    terminal = enrol(engine, KioskTerminal.new())
    clock = Clock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    authenticator = Authenticator(session_factory(engine), clock)

    def accepted_at(moment: datetime) -> str:
        clock.now = moment
        headers = terminal.headers(
            "POST", SUBMISSIONS_PATH, b"{}", timestamp=int(moment.timestamp())
        )
        return authenticator.authenticate(
            method="POST", path=SUBMISSIONS_PATH, headers=headers, body=b"{}"
        )

    start = clock.now
    assert accepted_at(start) == terminal.terminal_id
    assert accepted_at(start + timedelta(seconds=10)) == terminal.terminal_id
    assert nonces(engine) == 2
    accepted_at(start + timedelta(seconds=2 * ALLOWED_SKEW_S + 120))
    assert nonces(engine) == 1  # only the newest is still worth remembering
