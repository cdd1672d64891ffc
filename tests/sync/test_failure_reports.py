"""What the agent says when delivery fails: a connection that never opened ("cannot connect",
nothing sent) is told apart from a request that went out and whose answer was lost (the
platform may have stored it; it is sent again under the same idempotency key).

The faults come from the fault proxy between the agent and a platform on SQLite.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.contract import SUBMISSIONS_PATH
from sync.summary import PassSummary
from tests.helpers.network.fault_proxy import DropResponse, FaultProxy, ResetMidRequest
from tests.helpers.platform.agent_kiosk import (
    AgentKiosk,
    address_of,
    agent_kiosk,
    platform_cases,
    platform_on_sqlite,
)
from tests.helpers.platform.reference import RunningPlatform

AGENT_TIMEOUT_S = 1.0


@dataclass
class Rig:
    platform: RunningPlatform
    proxy: FaultProxy
    kiosk: AgentKiosk


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    with (
        platform_on_sqlite(tmp_path / "platform") as platform,
        FaultProxy(address_of(platform.url)) as proxy,
        agent_kiosk(platform, url=proxy.url, timeout_s=AGENT_TIMEOUT_S) as kiosk,
    ):
        kiosk.submit()
        yield Rig(platform, proxy, kiosk)


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Each record's message with the reason or error it carries."""
    return [
        f"{record.getMessage()} {getattr(record, 'reason', '')} {getattr(record, 'error', '')}"
        for record in caplog.records
    ]


def assert_reported_as_lost_answer(summary: PassSummary, lines: list[str]) -> None:
    assert summary.error is not None
    assert "sent, but" in summary.error
    assert "may have stored the 1 submission(s)" in summary.error
    assert "same idempotency keys" in summary.error
    assert "cannot connect" not in summary.error
    assert f"stopped early: {summary.error}" in summary.describe()
    assert any("answer was lost" in line and "same idempotency keys" in line for line in lines)
    assert not any("cannot connect" in line for line in lines)


def test_an_answer_lost_by_a_reset_after_the_platform_stored_it_says_so(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.proxy.inject(DropResponse(), path_prefix=SUBMISSIONS_PATH)
    with caplog.at_level(logging.INFO):
        summary = rig.kiosk.agent.run_once()
    assert len(platform_cases(rig.platform)) == 1  # stored, though the kiosk never heard
    assert_reported_as_lost_answer(summary, logged(caplog))
    assert "the connection closed before an answer" in (summary.error or "")


def test_an_answer_lost_by_a_timeout_after_the_platform_stored_it_says_so(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.proxy.inject(DropResponse(hang_s=AGENT_TIMEOUT_S * 3), path_prefix=SUBMISSIONS_PATH)
    with caplog.at_level(logging.INFO):
        summary = rig.kiosk.agent.run_once()
    assert len(platform_cases(rig.platform)) == 1
    assert_reported_as_lost_answer(summary, logged(caplog))
    assert f"no answer within {AGENT_TIMEOUT_S:g} s" in (summary.error or "")


def test_a_reset_while_sending_may_have_reached_the_platform_so_it_is_not_cannot_connect(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.proxy.inject(ResetMidRequest(), path_prefix=SUBMISSIONS_PATH)
    with caplog.at_level(logging.INFO):
        summary = rig.kiosk.agent.run_once()
    assert_reported_as_lost_answer(summary, logged(caplog))


def test_a_refused_connection_is_cannot_connect_with_nothing_sent(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO), rig.proxy.refusing():
        summary = rig.kiosk.agent.run_once()
    assert summary.error is not None
    assert "cannot connect (ConnectionRefusedError" in summary.error
    assert "nothing was sent" in summary.error
    assert "sent, but" not in summary.error
    assert f"stopped early: {summary.error}" in summary.describe()
    lines = logged(caplog)
    assert any("sync pass stopped early" in line and "cannot connect" in line for line in lines)
    assert not any("answer was lost" in line for line in lines)
    assert platform_cases(rig.platform) == []
