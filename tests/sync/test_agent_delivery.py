"""The sync agent against the real reference platform: submissions and ratings arrive exactly
once, and what the platform decides comes back to the kiosk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.crypto.suite import encode_key
from kiosk.submissions.states import SubmissionState
from sync.contract import (
    SUBMISSIONS_PATH,
    BatchResult,
    CaseStatus,
    SubmissionBatch,
    SubmissionItem,
)
from sync.failures import PermanentFailure
from sync.platform.heartbeats import latest_heartbeats
from sync.platform.keys import PlatformKeys
from sync.platform.statuses import move_case
from sync.platform.tables import RatingRow
from sync.ports import PlatformApi
from tests.helpers.data import ELDERLY_ID
from tests.helpers.network.fault_proxy import DropResponse, FaultProxy
from tests.helpers.platform.agent_kiosk import (
    AgentKiosk,
    PoisonPlatform,
    address_of,
    agent_kiosk,
    now,
    platform_case,
    platform_cases,
)
from tests.helpers.platform.fake_platform import FakePlatform
from tests.helpers.platform.reference import RunningPlatform, running_platform


def test_a_submission_reaches_the_platform_once_and_is_delivered_with_its_case_id(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()
    summary = kiosk.agent.run_once()
    assert summary.ok, summary.error
    assert summary.delivered == 1
    held = platform_cases(platform)
    assert [case["case_number"] for case in held] == [case_number]
    row = kiosk.row(case_number)
    assert row.state == SubmissionState.DELIVERED
    assert row.platform_case_id == held[0]["case_id"]
    assert kiosk.agent.run_once().delivered == 0  # nothing is sent twice
    assert len(platform_cases(platform)) == 1


def test_a_lost_acknowledgement_is_answered_as_a_duplicate_with_the_same_case_id(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()
    with FaultProxy(address_of(platform.url)) as proxy:
        proxy.inject(DropResponse(), path_prefix=SUBMISSIONS_PATH)
        with agent_kiosk(platform, settings=kiosk.settings, url=proxy.url, enrol=False) as via:
            first = via.agent.run_once()
            assert not first.ok
            assert first.released == 1
            assert kiosk.state(case_number) is SubmissionState.QUEUED
            (held,) = platform_cases(platform)  # the platform did store it
            second = via.agent.run_once()
    assert (second.delivered, second.duplicates) == (1, 1)
    assert kiosk.row(case_number).platform_case_id == held["case_id"]
    assert len(platform_cases(platform)) == 1


def test_many_submissions_go_in_batches_oldest_first(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    numbers = [kiosk.submit() for _ in range(7)]
    small = kiosk.settings.sync.model_copy(update={"batch_size": 3})
    settings = kiosk.settings.model_copy(update={"sync": small})
    with FaultProxy(address_of(platform.url)) as proxy:
        with agent_kiosk(platform, settings=settings, url=proxy.url, enrol=False) as batching:
            summary = batching.agent.run_once()
        sent = [
            [item.case_number for item in SubmissionBatch.model_validate_json(x.body).items]
            for x in proxy.log
            if x.path == SUBMISSIONS_PATH
        ]
    assert summary.delivered == 7
    assert sent == [numbers[0:3], numbers[3:6], numbers[6:]]
    assert len(platform_cases(platform)) == 7


def test_a_refusal_that_quotes_personal_data_is_kept_masked(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()

    class Quoting(PoisonPlatform):
        def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult:
            raise PermanentFailure(400, "malformed", f"id_number {ELDERLY_ID} refused")

    with agent_kiosk(
        platform,
        settings=kiosk.settings,
        enrol=False,
        around_platform=lambda client: Quoting(client, set()),
    ) as quoted:
        (refused,) = quoted.agent.run_once().quarantined
    assert ELDERLY_ID not in refused.reason
    row = kiosk.row(case_number)
    assert row.last_error is not None
    assert ELDERLY_ID not in row.last_error
    assert "110***********002X" in row.last_error


def test_a_poison_submission_is_quarantined_alone_and_delivered_after_a_retry(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    numbers = [kiosk.submit() for _ in range(5)]
    poison = numbers[3]
    strict: list[PoisonPlatform] = []

    def stricter(client: PlatformApi) -> PlatformApi:
        strict.append(PoisonPlatform(client, {poison}))
        return strict[0]

    with agent_kiosk(
        platform, settings=kiosk.settings, enrol=False, around_platform=stricter
    ) as guarded:
        summary = guarded.agent.run_once()
        assert summary.ok
        assert summary.delivered == 4
        assert [(q.case_number, q.reason) for q in summary.quarantined] == [
            (poison, "HTTP 400 malformed: items: a field this platform refuses")
        ]
        assert strict[0].batches[0] == numbers
        assert guarded.state(poison) is SubmissionState.QUARANTINED
        assert {case["case_number"] for case in platform_cases(platform)} == (
            set(numbers) - {poison}
        )
        # Staff fix the cause and retry: the next pass delivers it.
        strict[0].poison.clear()
        assert guarded.services.queue.retry([poison]).retried == [poison]
        again = guarded.agent.run_once()
    assert again.delivered == 1
    assert kiosk.state(poison) is SubmissionState.DELIVERED
    assert len(platform_cases(platform)) == 5


def test_statuses_advanced_on_the_platform_show_up_in_progress_lookup(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()
    kiosk.agent.run_once()
    case_id = platform_case(platform, case_number).case_id
    with platform.session() as session, session.begin():
        move_case(session, case_id, CaseStatus.IN_REVIEW, now(), "材料齐全")
    summary = kiosk.agent.run_once()
    assert summary.status_updates_applied == 1
    (progress,) = kiosk.services.progress.by_text(case_number)
    assert progress.state is SubmissionState.IN_REVIEW
    assert progress.last_synced_at is not None


def test_a_status_pull_without_news_still_counts_as_the_last_sync_of_an_open_case(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    case_number = kiosk.submit()
    kiosk.agent.run_once()
    pulled_from = now()
    summary = kiosk.agent.run_once()
    assert summary.ok and summary.status_updates_applied == 0
    (progress,) = kiosk.services.progress.by_text(case_number)
    assert progress.state is SubmissionState.DELIVERED
    assert progress.last_synced_at is not None and progress.last_synced_at >= pulled_from


def test_a_rating_is_delivered_after_its_case(platform: RunningPlatform, kiosk: AgentKiosk) -> None:
    case_number = kiosk.submit()
    kiosk.rate(case_number)
    summary = kiosk.agent.run_once()
    assert (summary.delivered, summary.ratings_delivered) == (1, 1)
    assert summary.ratings_queued == 0
    with platform.session() as session:
        rated = session.scalars(select(RatingRow.case_id)).all()
    assert rated == [platform_case(platform, case_number).case_id]


def test_the_heartbeat_carries_versions_queue_devices_and_clock(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    (kiosk.settings.data_dir / "devices.json").write_text(
        '{"printer": {"ok": false, "message": "缺纸", "since": "2026-11-23T02:30:00+00:00"}}',
        encoding="utf-8",
    )
    kiosk.submit()
    assert kiosk.agent.run_once().heartbeat_sent
    with platform.session() as session:
        (latest,) = latest_heartbeats(session)
    beat = latest["heartbeat"]
    assert beat["terminal_id"] == kiosk.terminal_id
    assert beat["software_version"] == version("gov-kiosk")
    assert beat["catalog_version"] == kiosk.services.catalogs.current().version
    assert beat["queue"]["delivered"] == 1
    assert beat["queue"]["queued"] == 0
    assert beat["ratings_queued"] == 0
    assert beat["devices"]["printer"]["message"] == "缺纸"
    assert "clock_offset_s" in beat


def test_without_a_health_report_the_heartbeat_says_so(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    kiosk.agent.run_once()
    with platform.session() as session:
        (latest,) = latest_heartbeats(session)
    assert "no health report" in latest["heartbeat"]["devices"]["error"]


def test_an_unenrolled_terminal_keeps_its_queue_and_is_told_to_enrol(
    platform: RunningPlatform,
) -> None:
    with agent_kiosk(platform, enrol=False) as stranger:
        case_number = stranger.submit()
        summary = stranger.agent.run_once()
        assert not summary.ok
        assert "kiosk keys terminal" in (summary.error or "")
        assert summary.quarantined == []
        assert stranger.state(case_number) is SubmissionState.QUEUED
        assert stranger.row(case_number).attempts == 1
    assert platform_cases(platform) == []


@pytest.mark.parametrize(
    "ahead",
    [timedelta(minutes=10), timedelta(days=1), -timedelta(days=1)],
    ids=["ten-minutes-slow", "a-day-slow", "a-day-fast"],
)
def test_a_kiosk_clock_that_is_off_is_corrected_and_reported(
    tmp_path: Path, ahead: timedelta
) -> None:
    """`ahead`: how far the platform's clock is ahead of the kiosk's. Every request is
    refused as stale until the kiosk measures the difference; then each goes once."""
    with (
        running_platform(
            f"sqlite:///{tmp_path / 'skewed.db'}", clock=lambda: now() + ahead
        ) as skewed,
        agent_kiosk(skewed) as kiosk,
    ):
        case_number = kiosk.submit()
        summary = kiosk.agent.run_once()
        assert summary.ok, summary.error
        assert kiosk.state(case_number) is SubmissionState.DELIVERED
        assert summary.clock_offset_s is not None
        assert abs(summary.clock_offset_s + ahead.total_seconds()) < 5
        assert [c["case_number"] for c in platform_cases(skewed)] == [case_number]
        with skewed.session() as session:
            (latest,) = latest_heartbeats(session)
    assert abs(latest["heartbeat"]["clock_offset_s"] + ahead.total_seconds()) < 5


def test_a_submission_the_platform_refuses_is_quarantined_with_its_reason(
    platform: RunningPlatform,
) -> None:
    wrong_key = encode_key(PlatformKeys.generate().sealing.public)
    with agent_kiosk(platform, sealing_key=wrong_key) as misconfigured:
        good_before = misconfigured.submit()
        summary = misconfigured.agent.run_once()
        assert summary.ok  # a refusal is an answer, not a failure
        (refused,) = summary.quarantined
        assert refused.case_number == good_before
        assert refused.reason.startswith("unsealable: ")
        assert misconfigured.state(good_before) is SubmissionState.QUARANTINED
        assert "unsealable" in (misconfigured.row(good_before).last_error or "")
    assert platform_cases(platform) == []


def test_items_left_out_of_the_answer_go_back_to_the_queue() -> None:
    class Forgetful(FakePlatform):
        def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult:
            answer = super().deliver_submissions(items)
            return BatchResult(results=answer.results[:-1])

    forgetful = Forgetful()
    with agent_kiosk(None, around_platform=lambda _client: forgetful) as kiosk:
        first, second = kiosk.submit(), kiosk.submit()
        summary = kiosk.agent.run_once()
        assert summary.delivered == 1
        assert summary.released == 1
        assert "left out 1 submission(s)" in (summary.error or "")
        assert kiosk.state(first) is SubmissionState.DELIVERED
        assert kiosk.state(second) is SubmissionState.QUEUED
