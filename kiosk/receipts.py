"""The receipt (回执) a resident takes home, and the port through which it is printed.

The domain says what is on the receipt; how it is laid out on paper belongs to the printer
adapter that the composition root plugs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Receipt:
    hall_name: str
    terminal_id: str
    case_number: str
    matter_name: str
    department: str
    applicant_name_masked: str
    applicant_id_masked: str
    submitted_at: datetime
    case_type: str
    promised_days: int
    next_steps: tuple[str, ...]
    lookup_payload: str
    hotline: str


@dataclass(frozen=True)
class ReceiptOutcome:
    """Printed, or not with a message that tells the resident what to do."""

    printed: bool
    problem: str | None = None


class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome: ...


class NoReceiptPrinter:
    """For a kiosk configured without a printer: every receipt is recorded as not printed."""

    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome:
        return ReceiptOutcome(False, "本机未配置回执打印机，请记下办件编号或扫码查询")
