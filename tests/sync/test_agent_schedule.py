"""How the agent paces itself over time: deliveries as soon as something is queued, the
periodic steps on their intervals, backoff after failures, and a prompt stop."""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from kiosk.housekeeping.backup import backups_in, check_backup
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.states import SubmissionState
from sync.agent import AgentClock
from sync.failures import AuthRefused, TransientFailure
from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk, settings_for
from tests.helpers.platform.fake_platform import FakePlatform, FakeTime

MINUTE = 60.0


@pytest.fixture
def fake() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def kiosks() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def run(kiosks: ExitStack, fake: FakePlatform, time: FakeTime | None) -> AgentKiosk:
    """A kiosk whose agent talks to `fake` on simulated time (real time when None), with
    the default pacing and jitter drawn at its top (the longest waits)."""
    settings = settings_for("http://127.0.0.1:9")
    pacing = settings.sync.model_copy(update={"backoff_initial_s": 2.0, "backoff_max_s": 300.0})
    clock = (
        AgentClock(monotonic=time.monotonic, wait=time.wait, jitter=lambda: 0.999) if time else None
    )
    return kiosks.enter_context(
        agent_kiosk(
            None,
            settings=settings.model_copy(update={"sync": pacing}),
            clock=clock,
            around_platform=lambda _client: fake,
        )
    )


def test_an_idle_agent_polls_beats_every_minute_and_never_spins(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    time = FakeTime(until=10 * MINUTE)
    kiosk = run(kiosks, fake, time)
    kiosk.agent.run_forever(threading.Event())
    assert fake.calls["send_heartbeat"] == 10
    assert fake.calls["case_updates"] == 10
    assert fake.calls["current_catalog"] == 1
    assert fake.calls["deliver_submissions"] == 0  # nothing queued, nothing sent
    assert max(time.waits) <= kiosk.settings.sync.poll_interval_s
    assert min(time.waits) > 0


def test_what_cannot_be_sent_yet_starts_no_empty_passes(
    fake: FakePlatform, kiosks: ExitStack, caplog: pytest.LogCaptureFixture
) -> None:
    time = FakeTime(until=10 * MINUTE)
    kiosk = run(kiosks, fake, time)
    case_number = kiosk.submit()
    kiosk.rate(case_number)  # waits for its case
    # The case waits too: kept in clear from before sealing, it is sent once sealed.
    with kiosk.services.engine.begin() as connection:
        connection.execute(update(SubmissionRow).values(sealed_payload=None, payload="{}"))
    with caplog.at_level(logging.DEBUG, logger="sync.agent"):
        kiosk.agent.run_forever(threading.Event())
    passes = [r for r in caplog.records if r.getMessage().startswith("sync pass")]
    assert len(passes) == fake.calls["case_updates"] == 10  # the status rounds, no more
    assert fake.calls["deliver_submissions"] == fake.calls["deliver_ratings"] == 0
    assert kiosk.state(case_number) is SubmissionState.QUEUED


def test_a_submission_queued_while_running_goes_within_one_poll(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    time = FakeTime(until=MINUTE)
    kiosk = run(kiosks, fake, time)
    numbers: list[str] = []
    time.at(30.0, lambda: numbers.append(kiosk.submit()))
    delivered_at: list[float] = []
    fake.on_call = lambda method: (
        delivered_at.append(time.now - 1000.0) if method == "deliver_submissions" else None
    )
    kiosk.agent.run_forever(threading.Event())
    assert kiosk.state(numbers[0]) is SubmissionState.DELIVERED
    assert delivered_at and 30.0 <= delivered_at[0] <= 30.0 + kiosk.settings.sync.poll_interval_s


def test_retry_after_is_honoured_before_the_next_try(fake: FakePlatform, kiosks: ExitStack) -> None:
    time = FakeTime(until=10 * MINUTE)
    kiosk = run(kiosks, fake, time)
    case_number = kiosk.submit()
    fake.fail("deliver_submissions", TransientFailure("HTTP 503 unavailable", 120.0))
    tries: list[float] = []
    fake.on_call = lambda method: (
        tries.append(time.now - 1000.0) if method == "deliver_submissions" else None
    )
    kiosk.agent.run_forever(threading.Event())
    assert tries[0] == 0.0
    assert tries[1] >= 120.0
    assert kiosk.state(case_number) is SubmissionState.DELIVERED
    assert kiosk.row(case_number).attempts == 1


def test_waits_grow_while_the_platform_stays_down_and_reset_when_it_is_back(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    time = FakeTime(until=60 * MINUTE)
    kiosk = run(kiosks, fake, time)
    case_number = kiosk.submit()
    down = [TransientFailure("cannot connect") for _ in range(8)]
    fake.fail("deliver_submissions", *down)
    tries: list[float] = []
    fake.on_call = lambda method: (
        tries.append(time.now - 1000.0) if method == "deliver_submissions" else None
    )
    kiosk.agent.run_forever(threading.Event())
    gaps = [round(later - earlier) for earlier, later in itertools.pairwise(tries)]
    assert gaps == [4, 8, 16, 32, 64, 128, 256, 300]  # doubling from 2 s, capped at 300 s
    assert kiosk.state(case_number) is SubmissionState.DELIVERED
    # Back to normal pacing: heartbeats resumed once a pass succeeded.
    assert fake.calls["send_heartbeat"] >= 1


def test_an_auth_refusal_is_retried_and_never_quarantines(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    time = FakeTime(until=10 * MINUTE)
    kiosk = run(kiosks, fake, time)
    case_number = kiosk.submit()
    fake.fail("deliver_submissions", *[AuthRefused("not enrolled", "unknown_terminal")] * 3)
    kiosk.agent.run_forever(threading.Event())
    assert kiosk.state(case_number) is SubmissionState.DELIVERED
    assert kiosk.row(case_number).attempts == 3


def test_a_stop_ends_a_long_backoff_at_once(fake: FakePlatform, kiosks: ExitStack) -> None:
    kiosk = run(kiosks, fake, None)
    kiosk.submit()
    waiting = threading.Event()
    fake.fail("deliver_submissions", TransientFailure("HTTP 503", 3600.0))
    fake.on_call = lambda method: waiting.set() if method == "deliver_submissions" else None
    stop = threading.Event()
    worker = threading.Thread(target=kiosk.agent.run_forever, args=(stop,))
    worker.start()
    assert waiting.wait(10)
    stop.set()
    worker.join(5)
    assert not worker.is_alive()


def test_an_agent_restarted_after_a_power_cut_sends_what_was_in_flight(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    kiosk = run(kiosks, fake, FakeTime(until=0))
    case_number = kiosk.submit()
    kiosk.services.queue.claim_batch(10)  # the agent that claimed it lost power mid-send
    assert kiosk.state(case_number) is SubmissionState.SENDING
    summary = kiosk.agent.run_once()
    assert summary.delivered == 1
    assert kiosk.state(case_number) is SubmissionState.DELIVERED


def test_housekeeping_runs_once_at_the_quiet_hour_and_keeps_a_checked_backup(
    fake: FakePlatform, kiosks: ExitStack
) -> None:
    # Simulated wall time follows the simulated monotonic clock: 02:30 to 05:30 in Shanghai.
    start = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)
    time = FakeTime(until=180 * MINUTE)
    settings = settings_for("http://127.0.0.1:9")
    clock = AgentClock(
        now=lambda: start + timedelta(seconds=time.monotonic() - 1000.0),
        monotonic=time.monotonic,
        wait=time.wait,
        jitter=lambda: 0.0,
    )
    kiosk = kiosks.enter_context(
        agent_kiosk(
            None, settings=settings, clock=clock, around_platform=lambda _c: fake, housekept=False
        )
    )
    kiosk.submit()
    kiosk.agent.run_forever(threading.Event())
    backups = backups_in(kiosk.settings.data_dir / "backups")
    assert [path.name for path in backups] == ["kiosk-20261207T030000.db"]
    assert check_backup(backups[0]) == []
    report = json.loads((kiosk.settings.data_dir / "housekeeping.json").read_text())
    assert report["integrity"] == "ok"
    assert datetime.fromisoformat(report["ran_at"]) == start + timedelta(minutes=30)
