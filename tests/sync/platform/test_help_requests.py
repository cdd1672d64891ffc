"""Help requests (帮办) on the platform: stored once per key, resolved under the same key,
listed (open ones alone on request) for the hall, and a key reused for another call refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.contract import (
    HELP_REQUESTS_PATH,
    BatchResult,
    HelpRequestBatch,
    HelpRequestItem,
    HelpRequestList,
    ItemOutcome,
    RefusalCode,
)
from sync.platform.db import session_factory
from sync.platform.help_requests import HelpRequestDesk, help_request_list
from sync.platform.reports import list_conflicts
from tests.helpers.data import FIXED_NOW
from tests.helpers.platform.builders import KioskTerminal, get_signed, post_signed
from tests.helpers.platform.reference import TEST_PLATFORM_KEYS, RunningPlatform

RESOLVED = FIXED_NOW + timedelta(minutes=4)


def help_item(**overrides: Any) -> HelpRequestItem:
    fields: dict[str, Any] = {
        "idempotency_key": str(uuid.uuid4()),
        "screen": "form_screen",
        "requested_at": FIXED_NOW,
    }
    return HelpRequestItem.model_validate(fields | overrides)


def sent(*items: HelpRequestItem) -> HelpRequestBatch:
    return HelpRequestBatch(items=list(items))


@pytest.fixture
def desk(engine: Engine) -> HelpRequestDesk:
    return HelpRequestDesk(session_factory(engine), TEST_PLATFORM_KEYS, lambda: datetime.now(UTC))


def listed(engine: Engine, open_only: bool) -> HelpRequestList:
    with Session(engine) as session:
        return help_request_list(session, open_only)


def outcomes(result: BatchResult) -> list[ItemOutcome]:
    return [answer.outcome for answer in result.results]


def test_a_request_sent_twice_is_stored_once(desk: HelpRequestDesk, engine: Engine) -> None:
    item = help_item()

    assert outcomes(desk.receive("GZ0001", sent(item))) == [ItemOutcome.STORED]
    assert outcomes(desk.receive("GZ0001", sent(item))) == [ItemOutcome.DUPLICATE]

    (held,) = listed(engine, open_only=True).requests
    assert (held.terminal_id, held.screen) == ("GZ0001", "form_screen")
    assert held.requested_at == FIXED_NOW


def test_the_resolution_under_the_same_key_closes_the_request(
    desk: HelpRequestDesk, engine: Engine
) -> None:
    item = help_item()
    desk.receive("GZ0001", sent(item))

    resolved = item.model_copy(update={"resolved_at": RESOLVED})
    assert outcomes(desk.receive("GZ0001", sent(resolved))) == [ItemOutcome.STORED]
    assert outcomes(desk.receive("GZ0001", sent(resolved))) == [ItemOutcome.DUPLICATE]

    assert listed(engine, open_only=True).requests == []
    (held,) = listed(engine, open_only=False).requests
    assert held.resolved_at == RESOLVED


def test_a_key_reused_for_another_call_or_by_another_terminal_is_refused_and_reported(
    desk: HelpRequestDesk, engine: Engine
) -> None:
    item = help_item()
    desk.receive("GZ0001", sent(item))

    (other_screen,) = desk.receive(
        "GZ0001", sent(item.model_copy(update={"screen": "rating_screen"}))
    ).results
    (other_terminal,) = desk.receive("GZ0002", sent(item)).results

    for answer in (other_screen, other_terminal):
        assert (answer.outcome, answer.code) == (
            ItemOutcome.REFUSED,
            RefusalCode.IDEMPOTENCY_CONFLICT,
        )
    with Session(engine) as session:
        assert [conflict["kind"] for conflict in list_conflicts(session)] == ["help_request"] * 2
    assert len(listed(engine, open_only=False).requests) == 1


def test_over_http_a_terminal_reports_a_call_and_the_open_list_names_it(
    reference_platform: RunningPlatform,
) -> None:
    terminal = reference_platform.enrol(KioskTerminal.new("GZ0007"))
    item = help_item(screen="identify_screen")

    response = post_signed(reference_platform.url, terminal, HELP_REQUESTS_PATH, sent(item))
    assert response.status_code == 200, response.text
    assert outcomes(BatchResult.model_validate_json(response.content)) == [ItemOutcome.STORED]
    resolved = item.model_copy(update={"resolved_at": RESOLVED})
    other = help_item(screen="attract_screen")
    post_signed(reference_platform.url, terminal, HELP_REQUESTS_PATH, sent(resolved, other))

    answer = get_signed(reference_platform.url, terminal, HELP_REQUESTS_PATH + "?open=1")

    assert answer.status_code == 200, answer.text
    (still_open,) = HelpRequestList.model_validate_json(answer.content).requests
    assert (still_open.terminal_id, still_open.screen) == ("GZ0007", "attract_screen")
