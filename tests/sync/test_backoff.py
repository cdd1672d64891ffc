"""Waiting after transient failures: growth, cap, jitter, and the platform's Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from sync.backoff import RETRY_AFTER_CAP_S, Backoff, parse_retry_after


def test_waits_double_with_each_failure_until_the_maximum() -> None:
    backoff = Backoff(2.0, 60.0, random=lambda: 1.0)
    waits = [backoff.failed() for _ in range(7)]
    assert waits == [4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]


def test_jitter_stays_between_the_initial_delay_and_the_current_ceiling() -> None:
    assert Backoff(2.0, 60.0, random=lambda: 0.0).failed() == 2.0
    halfway = Backoff(2.0, 60.0, random=lambda: 0.5)
    assert [halfway.failed() for _ in range(3)] == [3.0, 5.0, 9.0]


def test_jitter_spreads_kiosks_that_failed_together() -> None:
    generator = random.Random(7)
    waits = {round(Backoff(2.0, 300.0, random=generator.random).failed(), 3) for _ in range(50)}
    assert len(waits) > 40
    assert all(2.0 <= wait <= 4.0 for wait in waits)


def test_success_starts_the_growth_again() -> None:
    backoff = Backoff(1.0, 100.0, random=lambda: 1.0)
    for _ in range(5):
        backoff.failed()
    backoff.succeeded()
    assert backoff.failures == 0
    assert backoff.failed() == 2.0


def test_many_failures_do_not_overflow() -> None:
    backoff = Backoff(1.0, 300.0, random=lambda: 1.0)
    for _ in range(5000):
        wait = backoff.failed()
    assert wait == 300.0


def test_retry_after_makes_the_wait_at_least_that_long() -> None:
    backoff = Backoff(2.0, 60.0, random=lambda: 0.0)
    assert backoff.failed(retry_after_s=120.0) == 120.0
    assert backoff.failed(retry_after_s=1.0) == 2.0  # the backoff is longer already


def test_retry_after_is_capped() -> None:
    backoff = Backoff(2.0, 60.0, random=lambda: 0.0)
    assert backoff.failed(retry_after_s=7 * 24 * 3600) == RETRY_AFTER_CAP_S


def test_retry_after_in_seconds() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 0 ") == 0.0


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(header, now) == 90.0


def test_retry_after_in_the_past_means_now() -> None:
    now = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    header = format_datetime(now - timedelta(minutes=5), usegmt=True)
    assert parse_retry_after(header, now) == 0.0


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5e3"])
def test_unreadable_retry_after_is_ignored(value: str | None) -> None:
    assert parse_retry_after(value) is None
