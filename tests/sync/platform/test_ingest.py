"""Ingesting submissions: stored once per idempotency key, checked by the catalog's own rules,
and refused, item by item, for good reasons."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.catalog.offerings import all_offerings
from kiosk.forms import Application
from sync.contract import (
    BatchResult,
    CaseStatus,
    ItemOutcome,
    RefusalCode,
    SubmissionBatch,
    SubmissionItem,
)
from sync.platform.db import session_factory
from sync.platform.ingest import Ingestor
from sync.platform.keys import PlatformKeys
from sync.platform.reports import list_conflicts
from sync.platform.tables import CaseEventRow, CaseRow
from tests.helpers.data import ELDERLY_ID, elderly_answers
from tests.helpers.platform.builders import (
    SHANGHAI,
    batch,
    demo_catalog,
    item_sealing,
    sealed_item,
    sealed_items,
)
from tests.helpers.platform.reference import SHARED_CATALOGS, TEST_PLATFORM_KEYS, prepared_engine
from tests.helpers.samples import sample_application_json


def count(engine: Engine, table: type[CaseRow] | type[CaseEventRow]) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def only_result(result: BatchResult) -> tuple[ItemOutcome, RefusalCode | None, str]:
    (item,) = result.results
    return item.outcome, item.code, item.message or ""


def test_a_sealed_submission_is_stored_unsealed_with_the_same_answers(
    ingestor: Ingestor, engine: Engine
) -> None:
    item = sealed_item()
    result = ingestor.submissions("GZ0001", batch(item))
    (answer,) = result.results
    assert answer.outcome is ItemOutcome.STORED
    assert answer.case_id is not None and answer.case_id.startswith("GD20")
    with Session(engine) as session:
        case = session.get(CaseRow, answer.case_id)
        assert case is not None
        assert case.payload["answers"] == elderly_answers()
        assert case.payload["delivery"] == {"method": "自取"}
        assert (case.case_number, case.status) == (item.case_number, CaseStatus.RECEIVED)
        assert case.submitted_at == item.submitted_at
        events = session.scalars(select(CaseEventRow)).all()
        assert [(e.case_id, e.status) for e in events] == [(answer.case_id, "received")]


def test_the_same_key_again_is_a_duplicate_with_the_same_case_id_and_nothing_new(
    ingestor: Ingestor, engine: Engine
) -> None:
    item = sealed_item()
    first = ingestor.submissions("GZ0001", batch(item)).results[0]
    again = ingestor.submissions("GZ0001", batch(item)).results[0]
    assert again.outcome is ItemOutcome.DUPLICATE
    assert again.case_id == first.case_id
    assert count(engine, CaseRow) == 1
    assert count(engine, CaseEventRow) == 1


def test_the_same_key_with_other_content_is_refused_and_reported(
    ingestor: Ingestor, engine: Engine
) -> None:
    item = sealed_item()
    ingestor.submissions("GZ0001", batch(item))
    changed = item.model_copy(update={"submitted_at": datetime(2026, 11, 23, 3, 0, tzinfo=UTC)})
    outcome, code, message = only_result(ingestor.submissions("GZ0001", batch(changed)))
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.IDEMPOTENCY_CONFLICT)
    assert "other content" in message
    with Session(engine) as session:
        (conflict,) = list_conflicts(session)
    assert conflict["idempotency_key"] == item.idempotency_key
    assert conflict["terminal_id"] == "GZ0001"
    assert conflict["kind"] == "submission"
    assert conflict["first_digest"] != conflict["new_digest"]
    assert count(engine, CaseRow) == 1


def test_a_key_another_terminal_delivered_is_a_reported_conflict_that_tells_nothing_of_it(
    ingestor: Ingestor, engine: Engine
) -> None:
    theirs = sealed_item("GZ0001")
    (stored,) = ingestor.submissions("GZ0001", batch(theirs)).results
    ours = sealed_item("GZ0002").model_copy(update={"idempotency_key": theirs.idempotency_key})
    for item in (theirs, ours):  # their very request replayed, or our own case on their key
        (answer,) = ingestor.submissions("GZ0002", batch(item)).results
        assert (answer.outcome, answer.code) == (
            ItemOutcome.REFUSED,
            RefusalCode.IDEMPOTENCY_CONFLICT,
        )
        assert answer.case_id is None
        assert "another terminal" in (answer.message or "")
        assert stored.case_id not in (answer.message or "")
    with Session(engine) as session:
        conflicts = list_conflicts(session)
    assert [(c["terminal_id"], c["idempotency_key"]) for c in conflicts] == [
        ("GZ0002", theirs.idempotency_key)
    ] * 2
    assert count(engine, CaseRow) == 1


def test_one_item_twice_in_a_batch_is_stored_once(ingestor: Ingestor, engine: Engine) -> None:
    item = sealed_item()
    result = ingestor.submissions("GZ0001", SubmissionBatch(items=[item, item]))
    assert [r.outcome for r in result.results] == [ItemOutcome.STORED, ItemOutcome.DUPLICATE]
    assert result.results[0].case_id == result.results[1].case_id
    assert count(engine, CaseRow) == 1


def test_copies_of_one_batch_racing_each_other_end_with_one_case_each(engine: Engine) -> None:
    items = [sealed_item(sequence=n) for n in range(1, 6)]
    copies = 4
    start_together = threading.Barrier(copies)

    def deliver(_: int) -> BatchResult:
        # Each copy is its own platform worker: its own ingestor, its own connections.
        worker = Ingestor(
            session_factory(engine),
            TEST_PLATFORM_KEYS,
            SHARED_CATALOGS,
            SHANGHAI,
            lambda: datetime.now(UTC),
        )
        start_together.wait()
        return worker.submissions("GZ0001", batch(*items))

    with ThreadPoolExecutor(copies) as pool:
        results = list(pool.map(deliver, range(copies)))

    assert count(engine, CaseRow) == 5
    assert count(engine, CaseEventRow) == 5
    for position in range(5):
        answers = [result.results[position] for result in results]
        assert len({a.case_id for a in answers}) == 1
        assert sorted(a.outcome for a in answers).count(ItemOutcome.STORED) == 1
        assert {a.outcome for a in answers} <= {ItemOutcome.STORED, ItemOutcome.DUPLICATE}


def test_a_wrong_id_number_checksum_is_refused_naming_the_field(
    ingestor: Ingestor, engine: Engine
) -> None:
    payload = {
        "answers": elderly_answers(id_number=ELDERLY_ID[:-1] + "1"),
        "materials": {"id_card": {"choice": "e_licence"}, "photo": {"choice": "e_licence"}},
        "delivery": {"method": "自取"},
    }
    outcome, code, message = only_result(
        ingestor.submissions("GZ0001", batch(item_sealing(payload)))
    )
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.INVALID_APPLICATION)
    assert "id_number" in message
    assert "公民身份号码" in message or "身份证" in message
    assert count(engine, CaseRow) == 0


def test_a_payload_that_is_no_application_is_refused_as_invalid(ingestor: Ingestor) -> None:
    outcome, code, _ = only_result(
        ingestor.submissions("GZ0001", batch(item_sealing({"answers": "nothing"})))
    )
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.INVALID_APPLICATION)


def test_a_payload_sealed_to_another_key_is_unsealable(ingestor: Ingestor) -> None:
    stranger = PlatformKeys.generate().sealing.public
    outcome, code, _ = only_result(
        ingestor.submissions("GZ0001", batch(sealed_item(sealing_key=stranger)))
    )
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.UNSEALABLE)


def test_an_envelope_moved_onto_another_case_is_unsealable(
    ingestor: Ingestor, engine: Engine
) -> None:
    original, other = sealed_item(sequence=1), sealed_item(sequence=2)
    moved = other.model_copy(update={"sealed": original.sealed})
    outcome, code, _ = only_result(ingestor.submissions("GZ0001", batch(moved)))
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.UNSEALABLE)
    assert count(engine, CaseRow) == 0


def test_a_case_number_of_another_terminal_is_not_yours(ingestor: Ingestor) -> None:
    outcome, code, message = only_result(
        ingestor.submissions("GZ0002", batch(sealed_item("GZ0001")))
    )
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.NOT_YOUR_CASE)
    assert "GZ0002" in message


def test_an_unpublished_catalog_version_is_refused(ingestor: Ingestor) -> None:
    item = sealed_item().model_copy(update={"catalog_version": "1999.1.1"})
    outcome, code, _ = only_result(ingestor.submissions("GZ0001", batch(item)))
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_CATALOG_VERSION)


def test_a_matter_the_catalog_lacks_is_refused(ingestor: Ingestor) -> None:
    item = item_sealing({"answers": {}}, matter_code="NO-SUCH-MATTER")
    outcome, code, _ = only_result(ingestor.submissions("GZ0001", batch(item)))
    assert (outcome, code) == (ItemOutcome.REFUSED, RefusalCode.UNKNOWN_MATTER)


def test_one_refused_item_does_not_hold_back_the_others(ingestor: Ingestor, engine: Engine) -> None:
    good, bad = sealed_item(sequence=1), sealed_item(sequence=2)
    bad = bad.model_copy(update={"catalog_version": "1999.1.1"})
    result = ingestor.submissions("GZ0001", batch(good, bad, sealed_item(sequence=3)))
    assert [r.outcome for r in result.results] == [
        ItemOutcome.STORED,
        ItemOutcome.REFUSED,
        ItemOutcome.STORED,
    ]
    assert [r.idempotency_key for r in result.results][1] == bad.idempotency_key
    assert count(engine, CaseRow) == 2


def test_every_offering_of_the_catalog_as_a_kiosk_queues_it_is_accepted(
    ingestor: Ingestor, engine: Engine
) -> None:
    today = datetime(2026, 11, 23, tzinfo=UTC).astimezone(SHANGHAI).date()
    items: list[SubmissionItem] = []
    for offering in all_offerings(demo_catalog()):
        application = Application.from_json(sample_application_json(offering, today))
        items += sealed_items(
            sequence=len(items) + 1, offering_code=offering.code, application=application
        )
    result = ingestor.submissions("GZ0001", batch(*items))
    refused = [r.message for r in result.results if r.outcome is not ItemOutcome.STORED]
    assert refused == []
    with Session(engine) as session:
        bundled = session.scalars(select(CaseRow).where(CaseRow.bundle_code.is_not(None))).all()
    assert bundled and all(case.bundle_id for case in bundled)


@pytest.mark.parametrize(
    ("timezone", "outcome"),
    [("Asia/Shanghai", ItemOutcome.STORED), ("UTC", ItemOutcome.REFUSED)],
)
def test_the_day_that_counts_is_the_submission_day_in_the_platforms_time_zone(
    engine: Engine, timezone: str, outcome: ItemOutcome
) -> None:
    # 16:30 UTC on 2009-12-30 is already 2009-12-31 in Shanghai, the day the applicant (born
    # 1949-12-31) turns 60, which the elderly card's age rule requires.
    item = sealed_item(submitted_at=datetime(2009, 12, 30, 16, 30, tzinfo=UTC))
    worker = Ingestor(
        session_factory(engine),
        TEST_PLATFORM_KEYS,
        SHARED_CATALOGS,
        ZoneInfo(timezone),
        lambda: datetime.now(UTC),
    )
    assert worker.submissions("GZ0001", batch(item)).results[0].outcome is outcome


def test_storing_and_repeating_works_on_sqlite_too(tmp_path: Path) -> None:
    engine = prepared_engine(f"sqlite:///{tmp_path / 'platform.db'}")
    worker = Ingestor(
        session_factory(engine),
        TEST_PLATFORM_KEYS,
        SHARED_CATALOGS,
        SHANGHAI,
        lambda: datetime.now(UTC),
    )
    item = sealed_item()
    first = worker.submissions("GZ0001", batch(item)).results[0]
    again = worker.submissions("GZ0001", batch(item)).results[0]
    assert (first.outcome, again.outcome) == (ItemOutcome.STORED, ItemOutcome.DUPLICATE)
    assert first.case_id == again.case_id
    assert count(engine, CaseRow) == 1
    engine.dispose()
