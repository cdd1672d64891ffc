"""`kiosk queue list` and `kiosk queue retry`, and `kiosk submit` without a platform key, run
in real processes as staff would."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.audit.trail import MemoryAuditTrail
from kiosk.config import KioskSettings
from kiosk.help_queue import help_queue
from kiosk.help_requests import HelpDesk
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import open_database
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.data import ELDERLY_ID, ELDERLY_MATTER, ELDERLY_NAME
from tests.helpers.kiosk_cli import Kiosk, answers_json
from tests.helpers.sealed import TEST_SEALER


@pytest.fixture
def engine(settings: KioskSettings) -> Iterator[Engine]:
    engine = open_database(settings.database_path)
    yield engine
    engine.dispose()


@pytest.fixture
def queue(engine: Engine) -> SubmissionQueue:
    return SubmissionQueue(engine)


Submit = Callable[[int], list[str]]


@pytest.fixture
def submitted(engine: Engine) -> Submit:
    """Accepts applications the quick way, straight into the store `kiosk submit` uses."""

    def submit(count: int) -> list[str]:
        store = SubmissionStore(engine, None, TEST_SEALER)
        new = NewSubmission(ELDERLY_MATTER, "v1", {"answers": {}}, "王**", "110***********002X")
        return [case.case_number for case in store.add([new] * count, date.today())]

    return submit


def quarantine_all(queue: SubmissionQueue, reason: str) -> None:
    for item in queue.claim_batch(100):
        queue.quarantine(item.idempotency_key, reason)


def test_queue_list_json_shows_masked_entries_with_iso_times(kiosk: Kiosk) -> None:
    result = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json())
    case = result.stdout.strip()
    result = kiosk("queue", "list", "--json")
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    assert (entry["case_number"], entry["state"], entry["attempts"]) == (case, "queued", 0)
    assert (entry["applicant_name_masked"], entry["applicant_id_masked"]) == (
        "王**",
        "110***********002X",
    )
    assert entry["sealed"] is True
    assert datetime.fromisoformat(entry["created_at"]).utcoffset() is not None
    assert ELDERLY_NAME not in result.stdout and ELDERLY_ID not in result.stdout


def test_staff_see_quarantined_cases_with_the_reason(
    kiosk: Kiosk, queue: SubmissionQueue, submitted: Submit
) -> None:
    first, second = submitted(2)
    (item,) = queue.claim_batch(1)
    queue.quarantine(item.idempotency_key, "invalid_application: 联系电话格式不对")
    listed = json.loads(kiosk("queue", "list", "--state", "quarantined", "--json").stdout)
    assert [(e["case_number"], e["last_error"]) for e in listed] == [
        (first, "invalid_application: 联系电话格式不对")
    ]
    table = kiosk("queue", "list").stdout
    assert first in table and second in table
    assert "last error: invalid_application" in table


def test_an_unknown_state_is_refused_by_name(kiosk: Kiosk) -> None:
    result = kiosk("queue", "list", "--state", "lost")
    assert result.returncode == 2
    assert "quarantined" in result.stderr  # the choices are listed


def test_retry_queues_named_cases_again_and_says_so(
    kiosk: Kiosk, queue: SubmissionQueue, submitted: Submit
) -> None:
    first, second = submitted(2)
    quarantine_all(queue, "unknown_matter")
    result = kiosk("queue", "retry", first)
    assert result.returncode == 0, result.stderr
    assert f"queued again: {first}" in result.stdout
    states = {e.case_number: e.state.value for e in queue.entries()}
    assert states == {first: "queued", second: "quarantined"}


def test_retry_all_takes_every_quarantined_case(
    kiosk: Kiosk, queue: SubmissionQueue, submitted: Submit
) -> None:
    cases = submitted(2)
    quarantine_all(queue, "unknown_matter")
    result = kiosk("queue", "retry", "--all")
    assert result.returncode == 0, result.stderr
    assert all(f"queued again: {case}" in result.stdout for case in cases)
    assert kiosk("queue", "retry", "--all").stdout.strip() == "no quarantined submissions"


def test_retry_all_takes_a_quarantined_help_request_too(kiosk: Kiosk, engine: Engine) -> None:
    HelpDesk(engine, lambda: "T0001", MemoryAuditTrail()).call("form_screen")
    requests = help_queue(engine)
    (item,) = requests.claim_batch(1)
    requests.quarantine(item.idempotency_key, "idempotency_conflict: reported")

    result = kiosk("queue", "retry", "--all")

    assert result.returncode == 0, result.stderr
    assert f"help request queued again: {item.idempotency_key}" in result.stdout
    assert requests.has_claimable()


def test_retry_exits_1_naming_each_case_it_could_not_retry(
    kiosk: Kiosk, queue: SubmissionQueue, submitted: Submit
) -> None:
    first, second = submitted(2)
    (item,) = queue.claim_batch(1)
    queue.quarantine(item.idempotency_key, "unknown_matter")
    result = kiosk("queue", "retry", first, second, "NOPE0001-20260101-000001")
    assert result.returncode == 1
    assert f"queued again: {first}" in result.stdout
    assert f"{second}: not quarantined (it is queued)" in result.stderr
    assert "NOPE0001-20260101-000001: unknown case" in result.stderr


@pytest.mark.parametrize("args", [[], ["--all", "X-20260101-000001"]], ids=["neither", "both"])
def test_retry_needs_either_cases_or_all(kiosk: Kiosk, args: list[str]) -> None:
    result = kiosk("queue", "retry", *args)
    assert result.returncode == 2
    assert "--all" in result.stderr


def test_submit_without_a_platform_key_exits_78_naming_the_key_and_stores_nothing(
    tmp_path: Path, settings: KioskSettings
) -> None:
    config = tmp_path / "no-key.toml"
    config.write_text('[devices.printer]\nuri = ""\n', encoding="utf-8")
    command = [sys.executable, "-m", "kiosk.cli.main", "submit", "--config", str(config)]
    result = subprocess.run(
        [*command, "--matter", ELDERLY_MATTER, "--data", answers_json()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 78, result.stderr
    assert "platform.sealing_key" in result.stderr
    assert "尚未配置平台密钥" in result.stderr
    engine = open_engine(settings.database_path)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(SubmissionRow)) == 0
    engine.dispose()
