"""The sync agent feeds systemd's watchdog: ready at its first pass, a ping on every turn of
its loop and between batches, and no wait long enough for an idle agent to look stuck."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from sync.agent import AgentClock
from sync.failures import TransientFailure
from tests.helpers.network.ports import free_port
from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk, settings_for
from tests.helpers.platform.fake_platform import FakePlatform, FakeTime
from tests.helpers.platform_keys import TEST_PLATFORM
from tests.helpers.systemd.notify_socket import NotifySocket

MINUTE = 60.0
PING_EVERY_S = 15.0


class RecordingNotifier:
    """What the agent tells systemd, stamped with the agent's own (simulated) time."""

    def __init__(self, time: FakeTime) -> None:
        self._time = time
        self.sent: list[tuple[str, float]] = []

    def _send(self, message: str) -> None:
        self.sent.append((message, self._time.now))

    def ready(self) -> None:
        self._send("READY=1")

    def ping(self) -> None:
        self._send("WATCHDOG=1")

    def status(self, text: str) -> None:
        self._send(f"STATUS={text}")

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def ping_times(self) -> list[float]:
        return [at for message, at in self.sent if message == "WATCHDOG=1"]


@pytest.fixture
def kiosks() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def slow_kiosk(kiosks: ExitStack, fake: FakePlatform, time: FakeTime) -> AgentKiosk:
    """An agent that polls only every 5 minutes and backs off up to 10: waits far longer than
    the watchdog's ping interval, unless the agent bounds them."""
    settings = settings_for("http://127.0.0.1:9")
    pacing = settings.sync.model_copy(
        update={
            "poll_interval_s": 300.0,
            "heartbeat_interval_s": 3600.0,
            "status_interval_s": 3600.0,
            "backoff_initial_s": 60.0,
            "backoff_max_s": 600.0,
            "batch_size": 1,
        }
    )
    clock = AgentClock(monotonic=time.monotonic, wait=time.wait, jitter=lambda: 0.999)
    return kiosks.enter_context(
        agent_kiosk(
            None,
            settings=settings.model_copy(update={"sync": pacing}),
            clock=clock,
            around_platform=lambda _client: fake,
        )
    )


def longest_gap(times: list[float]) -> float:
    """The longest stretch without a ping, less float noise from adding up the waits."""
    gap = max(later - earlier for earlier, later in itertools.pairwise(times))
    return round(gap, 6)


def test_an_idle_agent_says_ready_then_pings_within_the_interval_until_it_stops(
    kiosks: ExitStack,
) -> None:
    time = FakeTime(until=30 * MINUTE)
    kiosk = slow_kiosk(kiosks, FakePlatform(), time)
    systemd = RecordingNotifier(time)

    kiosk.agent.run_forever(threading.Event(), systemd, PING_EVERY_S)

    assert systemd.sent[0][0] == "READY=1"
    assert systemd.sent[-1][0] == "STOPPING=1"
    pings = systemd.ping_times()
    assert len(pings) >= 30 * MINUTE / PING_EVERY_S
    assert longest_gap(pings) <= PING_EVERY_S
    assert max(time.waits) <= PING_EVERY_S


def test_a_long_backoff_after_failures_still_pings(kiosks: ExitStack) -> None:
    fake = FakePlatform()
    fake.fail("send_heartbeat", *[TransientFailure("platform down")] * 20)
    time = FakeTime(until=60 * MINUTE)
    kiosk = slow_kiosk(kiosks, fake, time)
    systemd = RecordingNotifier(time)

    kiosk.agent.run_forever(threading.Event(), systemd, PING_EVERY_S)

    assert fake.calls["send_heartbeat"] < 20  # it really was backing off, minutes at a time
    assert longest_gap(systemd.ping_times()) <= PING_EVERY_S


def test_a_backlog_delivered_batch_by_batch_pings_between_batches(kiosks: ExitStack) -> None:
    fake = FakePlatform()
    time = FakeTime(until=1.0)
    kiosk = slow_kiosk(kiosks, fake, time)
    for _ in range(3):
        kiosk.submit()
    systemd = RecordingNotifier(time)
    fake.on_call = lambda method: systemd.sent.append((method, time.now))

    kiosk.agent.run_forever(threading.Event(), systemd, PING_EVERY_S)

    order = [message for message, _ in systemd.sent]
    deliveries = [i for i, message in enumerate(order) if message == "deliver_submissions"]
    assert len(deliveries) == 3
    for earlier, later in itertools.pairwise(deliveries):
        assert "WATCHDOG=1" in order[earlier:later]


def test_the_agent_command_speaks_to_systemds_socket(tmp_path: Path) -> None:
    config = tmp_path / "agent.toml"
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens: every pass fails
    config.write_text(
        '[devices.printer]\nuri = ""\n\n'
        + TEST_PLATFORM.kiosk_config()
        + f'url = "{nowhere}"\ntimeout_s = 1\n',
        encoding="utf-8",
    )
    with NotifySocket(tmp_path / "notify") as systemd:
        env = dict(os.environ, **systemd.environment(watchdog_usec=2_000_000))
        agent = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli.main", "sync-agent", "--config", str(config)],
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            systemd.wait_for("READY=1", timeout_s=60)
            first = systemd.wait_for("WATCHDOG=1", timeout_s=10)
            second = systemd.wait_for("WATCHDOG=1", timeout_s=10)
            assert second.at - first.at <= 1.5  # every second at the latest (half of 2 s)
        finally:
            agent.send_signal(signal.SIGTERM)
            agent.wait(timeout=60)
        systemd.wait_for("STOPPING=1", timeout_s=5)
    assert agent.returncode == 0
