"""The receipt (回执) a resident takes home, and the port through which it is printed.

The domain says what is on the receipt; how it is laid out on paper belongs to the printer
adapter that the composition root plugs in.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class ReceiptCase:
    """One case (办件) accepted; a bundle yields several on one receipt."""

    case_number: str
    matter_name: str
    department: str
    case_type: str
    promised_by: date  # the promised completion date; the submission day for 即办件


@dataclass(frozen=True)
class DeferredMaterial:
    """A material accepted as 容缺 that the resident must still supply."""

    name: str
    deadline: date


@dataclass(frozen=True)
class Receipt:
    hall_name: str
    terminal_id: str
    title: str  # the matter, or the bundle (一件事)
    cases: tuple[ReceiptCase, ...]
    applicant_name_masked: str
    applicant_id_masked: str
    submitted_at: datetime
    deferred: tuple[DeferredMaterial, ...]
    commitments_signed: int
    delivery: str | None
    next_steps: tuple[str, ...]
    lookup_payload: str
    hotline: str


def receipt_to_json(receipt: Receipt) -> str:
    """The receipt for storage; it holds masked personal data only."""
    return json.dumps(asdict(receipt), ensure_ascii=False, default=_iso)


def receipt_from_json(text: str) -> Receipt:
    data: dict[str, Any] = json.loads(text)
    return Receipt(
        **{
            **data,
            "cases": tuple(
                ReceiptCase(**{**c, "promised_by": date.fromisoformat(c["promised_by"])})
                for c in data["cases"]
            ),
            "deferred": tuple(
                DeferredMaterial(d["name"], date.fromisoformat(d["deadline"]))
                for d in data["deferred"]
            ),
            "submitted_at": datetime.fromisoformat(data["submitted_at"]),
            "next_steps": tuple(data["next_steps"]),
        }
    )


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a receipt")


@dataclass(frozen=True)
class ReceiptOutcome:
    """Printed, or not with a message that tells the resident what to do."""

    printed: bool
    problem: str | None = None
    # The printer's problem by name (NO_PAPER, COVER_OPEN, OFFLINE...), for staff's words.
    fault: str | None = None


# ReceiptOutcome.fault when a reprint finds no receipt stored for the case number.
NO_STORED_RECEIPT = "NO_STORED_RECEIPT"


class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome: ...
