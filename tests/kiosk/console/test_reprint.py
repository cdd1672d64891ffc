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
    submissions: SubmissionService, printer: RecordingPrinter, audit: MemoryAuditTrail
) -> None:
    case_number = submissions.submit(ELDERLY_MATTER, elderly_application()).case_number

    outcome = ReceiptReprint(submissions).reprint(f" {case_number.lower()} ", "S001")

    assert outcome.ok and case_number in outcome.message.render()
    first, again = printer.receipts
    assert again == first
    assert (audit.events[-1].event, audit.events[-1].actor, audit.events[-1].details) == (
        AuditEvent.RECEIPT_REPRINTED,
        "S001",
        {"case_numbers": case_number},
    )


def test_the_receipt_qr_code_finds_its_case(
    submissions: SubmissionService, printer: RecordingPrinter
) -> None:
    accepted = submissions.submit(ELDERLY_MATTER, elderly_application())
    qr_text = printer.receipts[0].lookup_payload
    scanner = ScannerProbe(ScriptedScanner(Scanned(qr_text)))

    outcome = ReceiptReprint(submissions).reprint_scanned(scanner, "S001")

    assert outcome.ok and accepted.case_number in outcome.message.render()
    assert len(printer.receipts) == 2


def test_nothing_scanned_says_to_try_again_or_type(submissions: SubmissionService) -> None:
    scanner = ScannerProbe(ScriptedScanner())
    outcome = ReceiptReprint(submissions).reprint_scanned(scanner, "S001")
    assert not outcome.ok and "输入办件编号" in outcome.message.render()


def test_text_that_is_no_case_number_is_refused_without_printing(
    submissions: SubmissionService, printer: RecordingPrinter, audit: MemoryAuditTrail
) -> None:
    outcome = ReceiptReprint(submissions).reprint("12345", "S001")
    assert not outcome.ok and "不是办件编号" in outcome.message.render()
    assert printer.receipts == [] and audit.events == []


def test_an_unknown_case_says_to_check_the_number_and_records_no_reprint(
    submissions: SubmissionService, audit: MemoryAuditTrail
) -> None:
    outcome = ReceiptReprint(submissions).reprint("NOPE0000-20260101-000001", "S001")
    assert not outcome.ok and "核对办件编号" in outcome.message.render()
    assert AuditEvent.RECEIPT_REPRINTED not in audit.kinds()
