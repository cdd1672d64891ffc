"""Reprinting a receipt from the console: by a typed case number or the receipt's QR code,
audited with the case number, and refusals in words."""

from __future__ import annotations

from drivers.qr import Scanned
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.console.reprint import ReceiptReprint
from kiosk.submissions.service import SubmissionService
from kiosk.wiring.console_probes import ScannerProbe
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.devices.scripted_scanner import ScriptedScanner


def test_a_typed_case_number_prints_the_same_receipt_again_and_is_audited(
    submissions: SubmissionService, printer: RecordingPrinter
) -> None:
    case_number = submissions.submit(ELDERLY_MATTER, elderly_application()).case_number
    audit = MemoryAuditTrail()

    outcome = ReceiptReprint(submissions, audit).reprint(f" {case_number.lower()} ", "S001")

    assert outcome.ok and case_number in outcome.message.render()
    first, again = printer.receipts
    assert again == first
    assert [(e.event, e.actor, e.details) for e in audit.events] == [
        (
            AuditEvent.RECEIPT_REPRINTED,
            "S001",
            {"case_number": case_number, "outcome": "printed"},
        )
    ]


def test_the_receipt_qr_code_finds_its_case(
    submissions: SubmissionService, printer: RecordingPrinter
) -> None:
    accepted = submissions.submit(ELDERLY_MATTER, elderly_application())
    qr_text = printer.receipts[0].lookup_payload
    scanner = ScannerProbe(ScriptedScanner(Scanned(qr_text)))

    outcome = ReceiptReprint(submissions, MemoryAuditTrail()).reprint_scanned(scanner, "S001")

    assert outcome.ok and accepted.case_number in outcome.message.render()
    assert len(printer.receipts) == 2


def test_nothing_scanned_says_to_try_again_or_type(submissions: SubmissionService) -> None:
    scanner = ScannerProbe(ScriptedScanner())
    outcome = ReceiptReprint(submissions, MemoryAuditTrail()).reprint_scanned(scanner, "S001")
    assert not outcome.ok and "输入办件编号" in outcome.message.render()


def test_text_that_is_no_case_number_is_refused_without_printing(
    submissions: SubmissionService, printer: RecordingPrinter
) -> None:
    audit = MemoryAuditTrail()
    outcome = ReceiptReprint(submissions, audit).reprint("12345", "S001")
    assert not outcome.ok and "不是办件编号" in outcome.message.render()
    assert printer.receipts == [] and audit.events == []


def test_an_unknown_case_says_to_check_the_number(submissions: SubmissionService) -> None:
    audit = MemoryAuditTrail()
    outcome = ReceiptReprint(submissions, audit).reprint("NOPE0000-20260101-000001", "S001")
    assert not outcome.ok and "核对办件编号" in outcome.message.render()
    assert audit.events[-1].details["outcome"] == "failed"
