"""Reprinting a receipt by case number, typed or read from the receipt's QR code (which carries
the lookup address with the case number): the console and `kiosk receipt reprint` both call
this. A receipt printed again is audited (receipt.reprinted) by the submission service, in the
transaction that records it."""

from __future__ import annotations

from typing import Protocol

from kiosk.console.device_tests import printer_problem
from kiosk.console.outcome import ActionOutcome
from kiosk.console.probes import CodeProbe, CodeSeen, NothingSeen
from kiosk.i18n import msg
from kiosk.receipts import NO_STORED_RECEIPT, ReceiptOutcome
from kiosk.submissions.progress import case_number_in

# Long enough to fetch the receipt and hold its code to the scanner.
SCAN_TIMEOUT_S = 20.0


class Reprinter(Protocol):
    """What prints a stored receipt again (kiosk.submissions.service.SubmissionService)."""

    def reprint(self, case_number: str, actor: str) -> ReceiptOutcome: ...


class ReceiptReprint:
    def __init__(self, submissions: Reprinter) -> None:
        self._submissions = submissions

    def reprint(self, text: str, actor: str) -> ActionOutcome:
        """Print again the receipt of the case `text` names: a case number as typed, or the
        receipt QR code's text."""
        case_number = case_number_in(text)
        if case_number is None:
            return ActionOutcome(
                False,
                msg(
                    "这不是办件编号：请照回执上的样子输入，例如 KSK00001-20260101-000001，"
                    "或扫描回执上的二维码。",
                    "That is not a case number: type it as the receipt shows it, for example "
                    "KSK00001-20260101-000001, or scan the receipt's QR code.",
                ),
            )
        printed = self._submissions.reprint(case_number, actor)
        if printed.printed:
            return ActionOutcome(
                True,
                msg(
                    "办件 {case} 的回执已补打，请交给申请人。",
                    "The receipt of case {case} was printed again; hand it to the applicant.",
                    case=case_number,
                ),
            )
        if printed.fault == NO_STORED_RECEIPT:
            return ActionOutcome(
                False,
                msg(
                    "本机没有办件 {case} 的回执记录：请核对办件编号；"
                    "别的终端受理的办件请到该终端补打。",
                    "This kiosk holds no receipt for case {case}: check the number; a case taken "
                    "at another kiosk is reprinted there.",
                    case=case_number,
                ),
            )
        return ActionOutcome(False, printer_problem(printed))

    def reprint_scanned(self, scanner: CodeProbe, actor: str) -> ActionOutcome:
        """Wait for the receipt's QR code on the scanner, then reprint that case's receipt."""
        result = scanner.read_one(SCAN_TIMEOUT_S)
        if isinstance(result, CodeSeen):
            return self.reprint(result.text, actor)
        if isinstance(result, NothingSeen):
            return ActionOutcome(
                False,
                msg(
                    "没有扫到回执二维码：把回执上的二维码对准扫码窗口再试，或直接输入办件编号。",
                    "The receipt's QR code was not scanned: hold it to the scanner and try "
                    "again, or type the case number.",
                ),
            )
        return ActionOutcome(False, result.problem)
