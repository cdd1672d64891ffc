"""Help requests (帮办): one per call, never a pile; listed until staff deal with them; audited;
queued for the platform when made and again when resolved."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.delivery_queue.states import DeliveryState
from kiosk.help_queue import help_queue, queue_resolutions_again
from kiosk.help_requests import REPEAT_WINDOW, HelpDesk, UnknownHelpRequest
from tests.helpers.data import FIXED_NOW


class Clock:
    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def audit() -> MemoryAuditTrail:
    return MemoryAuditTrail()


@pytest.fixture
def desk(engine: Engine, audit: MemoryAuditTrail, clock: Clock) -> HelpDesk:
    return HelpDesk(engine, lambda: "T0001", audit, clock)


def test_a_call_makes_an_open_request_naming_the_screen_and_time(
    desk: HelpDesk, audit: MemoryAuditTrail
) -> None:
    call = desk.call("form_screen")

    assert not call.already_called
    (request,) = desk.open_requests()
    assert (request.id, request.screen, request.requested_at) == (
        call.request_id,
        "form_screen",
        FIXED_NOW,
    )
    assert not request.delivered
    assert desk.open_count() == 1
    (event,) = audit.events
    assert (event.event, event.actor) == (AuditEvent.HELP_REQUESTED, "resident")
    assert event.details == {"request": str(call.request_id), "screen": "form_screen"}


def test_pressing_again_within_two_minutes_keeps_one_request_and_says_staff_were_called(
    desk: HelpDesk, audit: MemoryAuditTrail, clock: Clock
) -> None:
    first = desk.call("form_screen")
    clock.now += REPEAT_WINDOW - timedelta(seconds=1)

    again = desk.call("materials_screen")

    assert again.already_called
    assert again.request_id == first.request_id
    assert desk.open_count() == 1
    assert audit.kinds() == [AuditEvent.HELP_REQUESTED]


def test_a_press_after_the_window_is_a_new_call(desk: HelpDesk, clock: Clock) -> None:
    desk.call("form_screen")
    clock.now += REPEAT_WINDOW + timedelta(seconds=1)

    assert not desk.call("form_screen").already_called
    assert desk.open_count() == 2


def test_a_resolved_request_leaves_the_open_list_and_is_audited_with_the_staff_number(
    desk: HelpDesk, audit: MemoryAuditTrail
) -> None:
    call = desk.call("attract_screen")

    desk.resolve(call.request_id, "S042")

    assert desk.open_requests() == []
    assert desk.open_count() == 0
    resolved = audit.events[-1]
    assert (resolved.event, resolved.actor) == (AuditEvent.HELP_RESOLVED, "S042")
    assert resolved.details == {"request": str(call.request_id), "screen": "attract_screen"}
    assert not desk.call("attract_screen").already_called  # the next press calls again


def test_resolving_twice_or_an_unknown_request_is_refused(desk: HelpDesk) -> None:
    call = desk.call("form_screen")
    desk.resolve(call.request_id, "S042")

    with pytest.raises(UnknownHelpRequest):
        desk.resolve(call.request_id, "S042")
    with pytest.raises(UnknownHelpRequest):
        desk.resolve(999, "S042")


def test_a_request_is_queued_for_the_platform_with_no_personal_data(
    engine: Engine, desk: HelpDesk
) -> None:
    desk.call("identify_screen")
    queue = help_queue(engine)

    (item,) = queue.claim_batch(10)

    assert (item.terminal_id, item.screen, item.requested_at, item.resolved_at) == (
        "T0001",
        "identify_screen",
        FIXED_NOW,
        None,
    )


def test_a_delivered_request_shows_delivered_and_goes_again_once_resolved(
    engine: Engine, desk: HelpDesk, clock: Clock
) -> None:
    call = desk.call("form_screen")
    queue = help_queue(engine)
    (item,) = queue.claim_batch(10)
    queue.mark_delivered(item.idempotency_key)
    assert desk.open_requests()[0].delivered
    clock.now += timedelta(minutes=5)

    desk.resolve(call.request_id, "S042")

    (again,) = queue.claim_batch(10)
    assert again.idempotency_key == item.idempotency_key
    assert again.resolved_at == clock.now
    assert [state for _, state, _ in queue.history(item.idempotency_key)] == [
        DeliveryState.QUEUED,
        DeliveryState.SENDING,
        DeliveryState.DELIVERED,
        DeliveryState.QUEUED,
        DeliveryState.SENDING,
    ]


def test_a_request_resolved_while_being_sent_is_sent_again_after_delivery(
    engine: Engine, desk: HelpDesk
) -> None:
    call = desk.call("form_screen")
    queue = help_queue(engine)
    (item,) = queue.claim_batch(10)
    desk.resolve(call.request_id, "S042")  # the wire copy still says open
    queue.mark_delivered(item.idempotency_key)

    assert queue_resolutions_again(queue, [item.idempotency_key]) == 1

    (again,) = queue.claim_batch(10)
    assert again.resolved_at is not None
