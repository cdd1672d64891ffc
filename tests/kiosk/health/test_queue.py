"""The queue lines: counts per state, the oldest case still waiting by its case number and
age, and refusals by the platform as faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from kiosk.health.queue import ratings_line, read_queue_facts, submissions_line
from kiosk.health.report import Status
from kiosk.submissions.queue import SubmissionQueue
from tests.helpers.cases import accepted_case, rate, rated_delivered_case


def test_an_empty_queue_is_fine(engine: Engine) -> None:
    facts = read_queue_facts(engine)
    line = submissions_line(facts, datetime.now(UTC))
    assert line.status is Status.OK
    assert line.message.render() == "0 件等待上传（0）"
    assert ratings_line(facts).status is Status.OK


def test_a_case_just_accepted_waits_without_alarm(engine: Engine) -> None:
    case = accepted_case(engine)
    facts = read_queue_facts(engine)
    assert facts.oldest_case == case
    line = submissions_line(facts, datetime.now(UTC))
    assert line.status is Status.OK
    assert "待上传 1" in line.message.render()


def test_the_oldest_waiting_case_is_named_with_its_age_after_an_hour_and_a_fault_after_a_day(
    engine: Engine,
) -> None:
    first = accepted_case(engine)
    accepted_case(engine)
    facts = read_queue_facts(engine)
    assert facts.oldest_created_at is not None
    later = facts.oldest_created_at + timedelta(hours=2)
    warning = submissions_line(facts, later)
    assert warning.status is Status.WARNING
    assert f"最早的一件 {first} 已等了 2 小时" in warning.message.render()
    assert "2 application(s) not uploaded" in warning.message.render("en_US")
    assert "网络" in warning.todo.render()
    day_later = facts.oldest_created_at + timedelta(days=3)
    fault = submissions_line(facts, day_later)
    assert fault.status is Status.FAULT
    assert "3 天" in fault.message.render()


def test_a_case_the_platform_refused_is_a_fault_asking_for_a_technician(engine: Engine) -> None:
    accepted_case(engine)
    queue = SubmissionQueue(engine)
    (item,) = queue.claim_batch(10)
    queue.quarantine(item.idempotency_key, "材料不全")
    line = submissions_line(read_queue_facts(engine), datetime.now(UTC))
    assert line.status is Status.FAULT
    assert "平台拒收了 1 件申请" in line.message.render()
    assert "被拒收 1" in line.message.render()
    assert "refused 1" in line.message.render("en_US")
    assert "技术人员" in line.todo.render()


def test_ratings_waiting_are_counted(engine: Engine) -> None:
    case = rated_delivered_case(engine)
    rate(engine, case)
    facts = read_queue_facts(engine)
    line = ratings_line(facts)
    assert line.status is Status.OK
    assert line.message.render() == "2 条等待上传"
