"""Bundles become one case per member in one transaction; catalogs swap between sessions."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.catalog import CatalogError
from kiosk.catalog.holder import CatalogHolder
from kiosk.forms import Application
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.service import (
    InvalidSubmission,
    KioskIdentity,
    StorageUnavailable,
    SubmissionService,
)
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import (
    FIXED_NOW,
    SIGNATURE,
    TEST_BUNDLE,
    every_field_answers,
    every_field_matter_data,
    second_matter_data,
    write_catalog,
)
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.kiosk_db import rows
from tests.helpers.sealed import TEST_SEALER, opened_payload


@pytest.fixture
def holder(tmp_path: Path) -> CatalogHolder:
    holder = CatalogHolder(tmp_path / "data")
    holder.install(
        write_catalog(
            tmp_path / "v1",
            "v1",
            [every_field_matter_data(), second_matter_data()],
            [TEST_BUNDLE],
        )
    )
    return holder


def service_for(
    holder: CatalogHolder, engine: Engine, printer: RecordingPrinter
) -> SubmissionService:
    identity = KioskIdentity("TEST01", "大厅", "12345", ZoneInfo("Asia/Shanghai"), "{case_number}")
    store = SubmissionStore(engine, "TEST01", TEST_SEALER, clock=lambda: FIXED_NOW)
    return SubmissionService(holder, store, printer, identity, lambda: FIXED_NOW)


def bundle_application(**overrides: object) -> Application:
    return Application(
        answers=every_field_answers(**({"bank": "6222020200112233"} | overrides)),
        materials={"no_house": "commitment", "income": "deferred"},
        signature=SIGNATURE,
        delivery={"method": "邮寄", "address": "示例市人民路1号2单元301室"},
    )


def test_a_bundle_creates_one_case_per_member_linked_by_a_bundle_id(
    holder: CatalogHolder, engine: Engine
) -> None:
    printer = RecordingPrinter()
    accepted = service_for(holder, engine, printer).submit("TEST-BUNDLE-0001", bundle_application())
    stored = rows(engine)
    assert [r.matter_code for r in stored] == ["TEST-EVERY-0001", "TEST-SECOND-0002"]
    assert {r.bundle_id for r in stored} == {accepted.bundle_id}
    assert accepted.bundle_id is not None
    assert {r.bundle_code for r in stored} == {"TEST-BUNDLE-0001"}
    first, second = (opened_payload(r) for r in stored)
    assert set(second["answers"]) == {"name", "id_number", "sex", "mobile", "bank"}
    assert "bank" not in first["answers"]
    assert first["materials"]["income"] == {"choice": "deferred", "deadline": "2026-11-30"}
    assert first["signature"] == SIGNATURE  # only the member whose material was committed
    assert "signature" not in second
    receipt = printer.receipts[0]
    assert [c.case_number for c in receipt.cases] == [c.case_number for c in accepted.cases]
    assert receipt.deferred[0].name == "收入证明"
    assert receipt.delivery == "邮寄"


def test_a_shared_field_is_asked_once_and_checked_for_every_member(
    holder: CatalogHolder, engine: Engine
) -> None:
    service = service_for(holder, engine, RecordingPrinter())
    offering = service.offering("TEST-BUNDLE-0001")
    ids = [spec.id for spec in offering.fields]
    assert ids.count("name") == 1
    assert "bank" in ids
    with pytest.raises(InvalidSubmission) as caught:
        service.submit("TEST-BUNDLE-0001", bundle_application(bank=""))
    assert [e.field_id for e in caught.value.errors] == ["bank"]
    assert rows(engine) == []


def test_if_any_member_cannot_be_stored_no_case_is_stored(
    holder: CatalogHolder, engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER refuse_second BEFORE INSERT ON submissions "
            "WHEN NEW.matter_code = 'TEST-SECOND-0002' BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
    with pytest.raises(StorageUnavailable):
        service_for(holder, engine, RecordingPrinter()).submit(
            "TEST-BUNDLE-0001", bundle_application()
        )
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(SubmissionRow)) == 0


def test_a_session_started_on_the_old_catalog_finishes_on_it(
    holder: CatalogHolder, engine: Engine, tmp_path: Path
) -> None:
    service = service_for(holder, engine, RecordingPrinter())
    snapshot = holder.current()
    changed = every_field_matter_data()
    changed["fields"] = [*changed["fields"], {"id": "income", "label": "月收入", "type": "text"}]
    holder.install(write_catalog(tmp_path / "v2", "v2", [changed, second_matter_data()]))

    application = Application(every_field_answers(), delivery={"method": "自取"})
    old = service.submit("TEST-EVERY-0001", application, snapshot)
    with pytest.raises(InvalidSubmission, match="income"):
        service.submit("TEST-EVERY-0001", application)  # a new session: version v2
    assert [r.catalog_version for r in rows(engine)] == ["v1"]
    assert old.case_number.startswith("TEST01-")
    assert service.offering("TEST-BUNDLE-0001", snapshot).is_bundle
    assert holder.current().bundle("TEST-BUNDLE-0001") is None


def test_another_process_sees_the_new_version_at_its_next_refresh(
    holder: CatalogHolder, tmp_path: Path
) -> None:
    other = CatalogHolder(tmp_path / "data")  # e.g. the running UI
    assert other.current().version == "v1"
    holder.install(write_catalog(tmp_path / "v2", "v2", [every_field_matter_data()]))
    assert other.current().version == "v1"  # nothing changes mid-session
    assert other.refresh().version == "v2"


def test_an_invalid_catalog_is_refused_whole_and_the_old_one_stays(
    holder: CatalogHolder, tmp_path: Path
) -> None:
    broken = every_field_matter_data(case_type="即办件")  # promised 10 days: contradiction
    bad_bundle = {**TEST_BUNDLE, "members": ["TEST-EVERY-0001", "NOPE-000001"]}
    with pytest.raises(CatalogError) as caught:
        holder.install(write_catalog(tmp_path / "bad", "v3", [broken], [bad_bundle]))
    problems = "\n".join(caught.value.problems)
    assert "TEST-EVERY-0001.yaml" in problems
    assert "NOPE-000001 is not a matter" in problems
    assert holder.current().version == "v1"
    assert holder.refresh().version == "v1"
