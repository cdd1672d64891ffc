"""Faults between the sync agent and the platform, injected by a proxy of our own on loopback.

Each test queues submissions on a kiosk, puts one network or platform fault in the agent's
way, lets the agent try, clears the fault and lets it finish. Whatever happened on the way,
the invariant afterwards is the same: every submission is on the platform (PostgreSQL)
exactly once, under the case id the kiosk recorded, and nothing on the kiosk is lost.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import pytest

from kiosk.submissions.states import SubmissionState
from sync.agent import AgentClock
from sync.contract import SUBMISSIONS_PATH
from tests.helpers.network.fault_proxy import (
    DropResponse,
    Duplicate,
    FaultProxy,
    HangBeforeForward,
    ResetMidRequest,
    Respond,
    Trickle,
)
from tests.helpers.platform.agent_kiosk import (
    AgentKiosk,
    address_of,
    agent_kiosk,
    platform_cases,
    settings_for,
)
from tests.helpers.platform.fake_platform import FakeTime
from tests.helpers.platform.reference import RunningPlatform, running_platform

SUBMISSIONS = 5
# Short enough that a hung request fails fast; long enough for a loaded CI machine to answer.
AGENT_TIMEOUT_S = 1.0


class PlatformProcess:
    """The platform on one database, which a test can stop and start again."""

    def __init__(self, database_url: str) -> None:
        self._database_url = database_url
        self._serving = ExitStack()
        self.running = self._serve()

    def _serve(self) -> RunningPlatform:
        self._serving = ExitStack()
        return self._serving.enter_context(running_platform(self._database_url, prepare=False))

    def stop(self) -> None:
        self._serving.close()

    def restart(self) -> RunningPlatform:
        self.running = self._serve()
        return self.running


@dataclass
class Rig:
    process: PlatformProcess
    proxy: FaultProxy
    kiosk: AgentKiosk
    case_numbers: list[str]

    @property
    def platform(self) -> RunningPlatform:
        return self.process.running

    def pass_until_drained(self, most: int = 6) -> None:
        """Run passes until nothing is left to send, as the agent's loop would."""
        for _ in range(most):
            summary = self.kiosk.agent.run_once()
            if summary.ok and not summary.queue.get(SubmissionState.QUEUED.value):
                return
        raise AssertionError(f"queue not drained after {most} passes: {summary.to_json()}")


@contextmanager
def rigged(platform_url: str, clock: AgentClock | None = None) -> Iterator[Rig]:
    process = PlatformProcess(platform_url)
    try:
        with FaultProxy(address_of(process.running.url)) as proxy:
            settings = settings_for(proxy.url, timeout_s=AGENT_TIMEOUT_S)
            # Batches of two, so a fault on one request leaves other batches to go through.
            batches = settings.sync.model_copy(update={"batch_size": 2})
            settings = settings.model_copy(update={"sync": batches})
            with agent_kiosk(process.running, settings=settings, clock=clock) as kiosk:
                numbers = [kiosk.submit() for _ in range(SUBMISSIONS)]
                yield Rig(process, proxy, kiosk, numbers)
    finally:
        process.stop()


@pytest.fixture
def rig(platform_url: str) -> Iterator[Rig]:
    with rigged(platform_url) as built:
        yield built


def assert_exactly_once(rig: Rig) -> None:
    held = platform_cases(rig.platform)
    keys = Counter(case["idempotency_key"] for case in held)
    assert all(count == 1 for count in keys.values()), keys
    assert sorted(case["case_number"] for case in held) == sorted(rig.case_numbers)
    by_number = {case["case_number"]: case for case in held}
    for number in rig.case_numbers:
        row = rig.kiosk.row(number)  # nothing on the kiosk is lost
        assert row.state == SubmissionState.DELIVERED, (number, row.state, row.last_error)
        assert row.platform_case_id == by_number[number]["case_id"]
        assert row.idempotency_key == by_number[number]["idempotency_key"]
        assert row.sealed_payload is not None  # kept until the retention has passed


def test_connection_refused(rig: Rig) -> None:
    with rig.proxy.refusing():
        summary = rig.kiosk.agent.run_once()
        assert not summary.ok
        assert summary.delivered == 0
        assert summary.queue[SubmissionState.QUEUED.value] == SUBMISSIONS
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_reset_in_the_middle_of_a_request(rig: Rig) -> None:
    rig.proxy.inject(ResetMidRequest(), path_prefix=SUBMISSIONS_PATH)
    assert not rig.kiosk.agent.run_once().ok
    rig.pass_until_drained()
    assert_exactly_once(rig)
    assert rig.proxy.log[0].upstream_statuses == ()  # the platform never saw the first batch


def test_timeout_before_the_platform_commits(rig: Rig) -> None:
    rig.proxy.inject(HangBeforeForward(AGENT_TIMEOUT_S * 3), path_prefix=SUBMISSIONS_PATH)
    summary = rig.kiosk.agent.run_once()
    assert not summary.ok
    assert summary.released == 2
    assert platform_cases(rig.platform) == []
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_timeout_after_the_platform_commits_the_lost_acknowledgement(rig: Rig) -> None:
    rig.proxy.inject(DropResponse(hang_s=AGENT_TIMEOUT_S * 3), path_prefix=SUBMISSIONS_PATH)
    first = rig.kiosk.agent.run_once()
    assert not first.ok
    assert len(platform_cases(rig.platform)) == 2  # committed, but the kiosk never heard
    assert all(rig.kiosk.state(n) == SubmissionState.QUEUED for n in rig.case_numbers[:2])
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_lost_acknowledgement_by_reset(rig: Rig) -> None:
    rig.proxy.inject(DropResponse(), path_prefix=SUBMISSIONS_PATH, times=2)
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_server_error(rig: Rig) -> None:
    rig.proxy.inject(Respond(500), path_prefix=SUBMISSIONS_PATH)
    summary = rig.kiosk.agent.run_once()
    assert not summary.ok
    assert "500" in (summary.error or "")
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_unavailable_with_retry_after_is_honoured(platform_url: str) -> None:
    time = FakeTime(until=60.0)
    clock = AgentClock(monotonic=time.monotonic, wait=time.wait, jitter=lambda: 0.0)
    with rigged(platform_url, clock) as rig:
        unavailable = {"error": {"code": "unavailable", "message": "maintenance"}}
        rig.proxy.inject(
            Respond.json(503, unavailable, headers={"Retry-After": "7"}),
            path_prefix=SUBMISSIONS_PATH,
        )
        rig.kiosk.agent.run_forever(threading.Event())
        # The first wait after the 503 is the platform's, though the backoff alone is 10 ms.
        assert 7.0 in time.waits
        assert_exactly_once(rig)


def test_permanent_refusal_quarantines_until_staff_retry(rig: Rig) -> None:
    refusal = {"error": {"code": "malformed", "message": "schema changed"}}
    rig.proxy.inject(Respond.json(400, refusal), path_prefix=SUBMISSIONS_PATH, times=None)
    summary = rig.kiosk.agent.run_once()
    assert len(summary.quarantined) == SUBMISSIONS
    assert all("400" in q.reason for q in summary.quarantined)
    assert platform_cases(rig.platform) == []
    rig.proxy.clear_faults()  # the platform is fixed
    rig.kiosk.agent.run_once()
    assert all(rig.kiosk.state(n) == SubmissionState.QUARANTINED for n in rig.case_numbers)
    retried = rig.kiosk.services.queue.retry(None)
    assert sorted(retried.retried) == sorted(rig.case_numbers)
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_slow_trickle_within_the_timeout_still_delivers(rig: Rig) -> None:
    rig.proxy.inject(
        Trickle(bytes_per_chunk=32, delay_s=0.01, direction="both"),
        path_prefix=SUBMISSIONS_PATH,
        times=None,
    )
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_trickle_slower_than_the_timeout_is_a_lost_acknowledgement(rig: Rig) -> None:
    rig.proxy.inject(
        Trickle(bytes_per_chunk=8, delay_s=AGENT_TIMEOUT_S), path_prefix=SUBMISSIONS_PATH
    )
    assert not rig.kiosk.agent.run_once().ok
    rig.pass_until_drained()
    assert_exactly_once(rig)


def test_platform_restart(rig: Rig) -> None:
    rig.kiosk.agent.run_once()  # delivered before the platform goes down
    rig.process.stop()
    rig.case_numbers += [rig.kiosk.submit() for _ in range(3)]  # accepted while it is down
    assert not rig.kiosk.agent.run_once().ok
    # Back on another port behind the same address, as a restart looks to the kiosk.
    rig.proxy.upstream = address_of(rig.process.restart().url)
    rig.pass_until_drained()
    assert_exactly_once(rig)


@pytest.mark.parametrize(
    "duplicate",
    [Duplicate(), Duplicate(concurrent=True), Duplicate(relay="second")],
    ids=["sequential", "concurrent", "second-answer-relayed"],
)
def test_duplicated_request(rig: Rig, duplicate: Duplicate) -> None:
    rig.proxy.inject(duplicate, path_prefix=SUBMISSIONS_PATH, times=2)
    rig.pass_until_drained()
    assert_exactly_once(rig)
    assert rig.proxy.log[0].forwarded == 2
