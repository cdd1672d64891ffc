"""What the kiosk appends to its audit log as it works today: each accepted case, each
receipt printed or reprinted, each rating, and the queue's deliveries, quarantines and
retries, in the transaction that makes the change, and never a person's data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event

from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from kiosk.audit.trail import MemoryAuditTrail, RecordedEvent
from kiosk.config import KioskSettings
from kiosk.ratings import Rating, Satisfaction
from kiosk.submissions.queue import Acknowledgement, StatusUpdate, SubmissionQueue
from kiosk.submissions.states import SubmissionState
from kiosk.submissions.store import NewSubmission, SubmissionStore
from kiosk.wiring.services import KioskServices, build_services
from tests.helpers.cases import accepted_case
from tests.helpers.data import (
    ELDERLY_ID,
    ELDERLY_MATTER,
    ELDERLY_NAME,
    FIXED_NOW,
    elderly_application,
)
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.sealed import TEST_SEALER


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


SUITE = "x25519-aes256gcm-ed25519-sha256"


@pytest.fixture
def services(settings: KioskSettings, printer: RecordingPrinter) -> Iterator[KioskServices]:
    built = build_services(settings, printer)
    yield built
    built.close()


def logged(services: KioskServices) -> list[tuple[str, str, dict[str, str]]]:
    assert isinstance(services.audit, AuditLog)
    return [
        (record.event, record.actor, json.loads(record.details))
        for record in services.audit.records()
    ]


def test_an_accepted_application_and_its_printed_receipt_are_in_the_kiosks_log(
    services: KioskServices,
) -> None:
    case_number = services.submissions.submit(ELDERLY_MATTER, elderly_application()).case_number
    assert logged(services) == [
        (
            "submission.accepted",
            "resident",
            {"case_number": case_number, "matter_code": ELDERLY_MATTER},
        ),
        ("receipt.printed", "resident", {"case_numbers": case_number}),
    ]
    assert isinstance(services.audit, AuditLog)
    assert services.audit.verify() == []


def test_the_log_holds_no_personal_data(services: KioskServices) -> None:
    services.submissions.submit(ELDERLY_MATTER, elderly_application())
    assert isinstance(services.audit, AuditLog)
    text = json.dumps([record.to_json() for record in services.audit.records()], ensure_ascii=False)
    assert ELDERLY_NAME not in text
    assert ELDERLY_ID not in text
    assert ELDERLY_ID[-6:] not in text


def test_a_receipt_that_did_not_print_is_not_logged_as_printed(settings: KioskSettings) -> None:
    services = build_services(settings, RecordingPrinter(problem="打印机缺纸"))
    try:
        services.submissions.submit(ELDERLY_MATTER, elderly_application())
        assert [event for event, _, _ in logged(services)] == ["submission.accepted"]
    finally:
        services.close()


def test_a_reprint_is_logged_with_who_asked_for_it(
    services: KioskServices, printer: RecordingPrinter
) -> None:
    case_number = services.submissions.submit(ELDERLY_MATTER, elderly_application()).case_number
    assert services.submissions.reprint(case_number, "S-001").printed
    assert logged(services)[-1] == ("receipt.reprinted", "S-001", {"case_numbers": case_number})


def test_a_rating_is_logged_with_its_cases_and_level(services: KioskServices) -> None:
    case_number = services.submissions.submit(ELDERLY_MATTER, elderly_application()).case_number
    services.ratings.record(Rating((case_number,), Satisfaction.DISSATISFIED, ("操作步骤太多",)))
    assert logged(services)[-1] == (
        "rating.recorded",
        "resident",
        {"case_numbers": case_number, "level": "DISSATISFIED"},
    )


def test_a_bundle_that_is_not_stored_leaves_no_record_of_any_case(engine: Engine) -> None:
    """The second case cannot be sealed: neither case, nor the first one's record, is kept."""
    log = AuditLog.in_suite(engine, SUITE)
    store = SubmissionStore(engine, "T1", TEST_SEALER, audit=log)
    good = NewSubmission("M-0001", "v1", {"answers": {}}, "王**", "110***")
    unsealable = NewSubmission("M-0002", "v1", {"answers": {"x": {1, 2}}}, "王**", "110***")
    with pytest.raises(TypeError):
        store.add([good, unsealable], FIXED_NOW.date(), bundle_code="B-1")
    assert log.records() == []


def test_deliveries_quarantines_and_retries_are_logged_by_whoever_did_them(
    engine: Engine,
) -> None:
    trail = MemoryAuditTrail()
    delivered, refused = accepted_case(engine), accepted_case(engine)
    queue = SubmissionQueue(engine, audit=trail)
    first, second = queue.claim_batch(2)
    queue.mark_delivered(first.idempotency_key, "P-1")
    queue.quarantine(second.idempotency_key, "the platform refused it")
    queue.retry([refused], actor="S-001")
    assert trail.events == [
        RecordedEvent(AuditEvent.DELIVERED, "agent", {"kind": "submission", "label": delivered}),
        RecordedEvent(AuditEvent.QUARANTINED, "agent", {"kind": "submission", "label": refused}),
        RecordedEvent(AuditEvent.RETRIED, "S-001", {"kind": "submission", "label": refused}),
    ]


def test_a_batch_of_deliveries_is_logged_in_the_batchs_own_transaction(engine: Engine) -> None:
    """One transaction: the deliveries and their records are committed together."""
    log = AuditLog.in_suite(engine, SUITE)
    cases = [accepted_case(engine) for _ in range(3)]
    queue = SubmissionQueue(engine, audit=log)
    claimed = queue.claim_batch(3)
    commits = counting_commits(engine)
    queue.mark_all_delivered(
        [Acknowledgement(c.idempotency_key, f"P-{c.case_number}") for c in claimed]
    )
    assert commits() == 1
    assert [json.loads(r.details)["label"] for r in log.records()] == cases
    assert log.verify() == []


def test_an_acknowledgement_heard_only_through_a_status_update_is_logged_as_a_delivery(
    engine: Engine,
) -> None:
    trail = MemoryAuditTrail()
    case_number = accepted_case(engine)
    queue = SubmissionQueue(engine, audit=trail)
    (item,) = queue.claim_batch(1)
    update = StatusUpdate(
        item.idempotency_key, "P-9", SubmissionState.ACCEPTED, FIXED_NOW + timedelta(hours=1)
    )
    queue.apply_updates([update])
    assert trail.kinds() == [AuditEvent.DELIVERED]
    assert trail.events[0].details["label"] == case_number


def counting_commits(engine: Engine) -> Callable[[], int]:
    count = [0]

    def commit(_connection: object) -> None:
        count[0] += 1

    event.listen(engine, "commit", commit)
    return lambda: count[0]
