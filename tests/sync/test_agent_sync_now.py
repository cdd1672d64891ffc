"""Staff's "sync now": the agent takes the request at its next turn and runs a whole pass,
even while it waits out a backoff."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kiosk.console.sync_now import SyncRequests
from sync.agent import AgentClock
from sync.failures import TransientFailure
from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk, settings_for
from tests.helpers.platform.fake_platform import FakePlatform, FakeTime

MINUTE = 60.0


@pytest.fixture
def fake() -> FakePlatform:
    return FakePlatform()


@contextmanager
def kiosk_on(fake: FakePlatform, time: FakeTime) -> Iterator[AgentKiosk]:
    clock = AgentClock(monotonic=time.monotonic, wait=time.wait, jitter=lambda: 0.999)
    with agent_kiosk(
        None,
        settings=settings_for("http://127.0.0.1:9"),
        clock=clock,
        around_platform=lambda _: fake,
    ) as kiosk:
        yield kiosk


def test_a_request_wakes_the_agent_for_a_whole_pass(fake: FakePlatform) -> None:
    time = FakeTime(until=5 * MINUTE)
    with kiosk_on(fake, time) as kiosk:
        requests = SyncRequests(kiosk.settings.data_dir)
        catalog_checks: list[float] = []
        fake.on_call = lambda method: (
            catalog_checks.append(time.now - 1000.0) if method == "current_catalog" else None
        )
        time.at(90.0, requests.request)

        kiosk.agent.run_forever(threading.Event())

        # Checked at start and every 10 minutes, but once more right after the request.
        assert len(catalog_checks) == 2
        assert 90.0 <= catalog_checks[1] <= 90.0 + kiosk.settings.sync.poll_interval_s
        assert not requests.pending


def test_a_request_cuts_a_long_backoff_short(fake: FakePlatform) -> None:
    time = FakeTime(until=10 * MINUTE)
    with kiosk_on(fake, time) as kiosk:
        requests = SyncRequests(kiosk.settings.data_dir)
        case_number = kiosk.submit()
        fake.fail("deliver_submissions", TransientFailure("HTTP 503", 3600.0))
        tries: list[float] = []
        fake.on_call = lambda method: (
            tries.append(time.now - 1000.0) if method == "deliver_submissions" else None
        )
        time.at(60.0, requests.request)

        kiosk.agent.run_forever(threading.Event())

        assert tries[0] == 0.0
        assert 60.0 <= tries[1] <= 90.0  # not an hour later, as the platform asked
        assert kiosk.state(case_number).value == "delivered"
