from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from kiosk.catalog import load_catalog
from kiosk.printing import DocumentPrinter
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.storage.tables import DeliveryEvent, SubmissionRow
from kiosk.submissions.service import (
    FixedCatalog,
    InvalidSubmission,
    KioskIdentity,
    StorageUnavailable,
    SubmissionService,
)
from kiosk.submissions.states import ReceiptState, SubmissionState
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import ELDERLY_MATTER, FIXED_NOW, elderly_application
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.sealed import TEST_SEALER


def service_on(
    data_dir: Path, printer: Any = None, terminal_id: str | None = None
) -> tuple[SubmissionService, Engine]:
    engine = open_engine(data_dir / "kiosk.db")
    upgrade_to_head(engine)
    identity = KioskIdentity(
        terminal_id, "测试大厅", "12345", ZoneInfo("Asia/Shanghai"), "https://x/{case_number}"
    )
    store = SubmissionStore(engine, terminal_id, TEST_SEALER, clock=lambda: FIXED_NOW)
    chosen: DocumentPrinter = printer or RecordingPrinter()
    catalogs = FixedCatalog(load_catalog())
    return SubmissionService(catalogs, store, chosen, identity, lambda: FIXED_NOW), engine


def count_rows(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(SubmissionRow)) or 0


def test_case_numbers_are_unique_across_kiosks_and_restarts(tmp_path: Path) -> None:
    numbers: list[str] = []
    for kiosk in ("a", "b"):
        for _restart in range(2):
            service, engine = service_on(tmp_path / kiosk)
            numbers += [service.submit(ELDERLY_MATTER, elderly_application()).case_number]
            numbers += [service.submit(ELDERLY_MATTER, elderly_application()).case_number]
            engine.dispose()
    assert len(set(numbers)) == len(numbers) == 8
    kiosk_a = numbers[:4]
    assert [n.rsplit("-", 1)[1] for n in kiosk_a] == ["000001", "000002", "000003", "000004"]
    assert len({n.split("-")[0] for n in numbers}) == 2  # two generated terminal ids


def test_a_configured_terminal_id_and_the_local_date_shape_the_case_number(tmp_path: Path) -> None:
    service, _ = service_on(tmp_path, terminal_id="GZ0001")
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    assert accepted.case_number == "GZ0001-20261123-000001"


def test_an_accepted_submission_is_queued_with_its_history_and_printed(tmp_path: Path) -> None:
    printer = RecordingPrinter()
    service, engine = service_on(tmp_path, printer)
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    with Session(engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
        assert row.state == SubmissionState.QUEUED
        assert row.receipt_state == ReceiptState.PRINTED
        assert row.catalog_version == load_catalog().version
        assert row.applicant_id_masked == "110***********002X"
        assert [e.state for e in session.scalars(select(DeliveryEvent))] == ["queued"]
    assert printer.receipts[0].cases[0].case_number == accepted.case_number
    assert printer.receipts[0].applicant_name_masked == "王**"


def test_invalid_answers_store_nothing_and_name_each_field(tmp_path: Path) -> None:
    service, engine = service_on(tmp_path)
    with pytest.raises(InvalidSubmission) as caught:
        service.submit(ELDERLY_MATTER, elderly_application(mobile="1", id_number="110105"))
    assert {e.field_id for e in caught.value.errors} == {"mobile", "id_number"}
    assert count_rows(engine) == 0


def test_a_resident_under_the_age_limit_is_refused_with_the_reason(tmp_path: Path) -> None:
    service, engine = service_on(tmp_path)
    young = "110105199001010010"
    with pytest.raises(InvalidSubmission, match="需年满60周岁"):
        service.submit(ELDERLY_MATTER, elderly_application(id_number=young))
    assert count_rows(engine) == 0


def test_a_printer_problem_keeps_the_submission_and_records_the_receipt_unprinted(
    tmp_path: Path,
) -> None:
    service, engine = service_on(tmp_path, RecordingPrinter(problem="打印机缺纸"))
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    assert not accepted.receipt.printed
    with Session(engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
        assert (row.receipt_state, row.receipt_problem) == ("not_printed", "打印机缺纸")


def test_a_crashing_printer_driver_does_not_lose_the_submission(tmp_path: Path) -> None:
    service, engine = service_on(tmp_path, RecordingPrinter(crash=True))
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    assert not accepted.receipt.printed
    assert count_rows(engine) == 1


def test_a_full_disk_is_reported_plainly_and_stores_nothing(tmp_path: Path) -> None:
    service, engine = service_on(tmp_path)
    service.submit(ELDERLY_MATTER, elderly_application())

    @event.listens_for(engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()  # new connections pick up the limit

    def fill_the_disk() -> None:
        for _ in range(50):
            service.submit(ELDERLY_MATTER, elderly_application())

    with pytest.raises(StorageUnavailable, match="联系工作人员"):
        fill_the_disk()
    event.remove(engine, "connect", _no_room)
    engine.dispose()
    assert count_rows(engine) >= 1


def test_a_receipt_that_did_not_print_can_be_printed_again(tmp_path: Path) -> None:
    failing = RecordingPrinter(problem="打印机缺纸")
    service, engine = service_on(tmp_path, failing)
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    working = RecordingPrinter()
    again, _ = service_on(tmp_path, working)
    outcome = again.reprint(accepted.case_number, "S-001")
    assert outcome.printed
    assert working.receipts[0] == failing.receipts[0]  # the same receipt, as first laid out
    with Session(engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
        assert (row.receipt_state, row.receipt_problem) == ("printed", None)


def test_reprinting_an_unknown_case_says_so(tmp_path: Path) -> None:
    service, _ = service_on(tmp_path)
    outcome = service.reprint("NOPE0000-20260101-000001", "S-001")
    assert not outcome.printed
    assert "没有办件" in (outcome.problem or "")


def test_a_disk_that_fills_after_the_commit_still_reports_the_submission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service, engine = service_on(tmp_path)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SubmissionStore, "record_receipt", disk_full)
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    assert accepted.receipt.printed
    with Session(engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
        assert (row.case_number, row.receipt_state) == (accepted.case_number, "pending")
