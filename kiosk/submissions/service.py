"""Accepting a submission: validate, commit to the local queue, then print the receipt.

The UI and `kiosk submit` both call `SubmissionService.submit`, so a headless submission goes
through exactly the path a resident's does. The commit happens before the receipt is printed:
a printer that fails never costs the resident an accepted application.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from kiosk.catalog.models import Catalog, Matter
from kiosk.forms.eligibility import ineligibility_reason
from kiosk.forms.id_number import birth_date_of
from kiosk.forms.validation import FieldError, FormResult, validate_form
from kiosk.privacy import mask_id_number, mask_name
from kiosk.receipts import Receipt, ReceiptOutcome, ReceiptPrinter
from kiosk.submissions.store import NewSubmission, SubmissionStore

log = logging.getLogger(__name__)


class UnknownMatter(Exception):
    """No matter with this code in the catalog."""


class InvalidSubmission(Exception):
    """The answers have problems; nothing was stored."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class StorageUnavailable(Exception):
    """The local database refused the write (disk full, file damaged); nothing was stored."""

    MESSAGE = "本机暂时无法保存申请，您的信息没有被保存。请联系工作人员，或稍后再试。"


@dataclass(frozen=True)
class KioskIdentity:
    """The facts about this kiosk printed on receipts."""

    configured_terminal_id: str | None
    hall_name: str
    hotline: str
    timezone: ZoneInfo
    lookup_url: str


@dataclass(frozen=True)
class Accepted:
    case_number: str
    matter: Matter
    submitted_at: datetime
    receipt: ReceiptOutcome


class SubmissionService:
    def __init__(
        self,
        catalog: Catalog,
        store: SubmissionStore,
        printer: ReceiptPrinter,
        kiosk: KioskIdentity,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.catalog = catalog
        self._store = store
        self._printer = printer
        self._kiosk = kiosk
        self._clock = clock

    def matter(self, code: str) -> Matter:
        matter = self.catalog.matter(code)
        if matter is None:
            raise UnknownMatter(f"本机没有编码为 {code} 的事项")
        return matter

    def ineligibility(self, code: str, birth_date: date) -> str | None:
        """Why the holder of an ID card with this birth date cannot apply; None if they can."""
        return ineligibility_reason(self.matter(code), birth_date, self._local_now().date())

    def check(self, code: str, answers: Mapping[str, object]) -> FormResult:
        """Validate the answers and the applicant's eligibility, storing nothing."""
        matter = self.matter(code)
        today = self._local_now().date()
        result = validate_form(matter, answers, today)
        id_value = result.values.get(matter.applicant_id_field)
        if id_value is not None:
            reason = ineligibility_reason(matter, birth_date_of(id_value), today)
            if reason:
                label = matter.field(matter.applicant_id_field).label
                error = FieldError(matter.applicant_id_field, label, reason)
                return FormResult(result.values, (*result.errors, error))
        return result

    def submit(self, code: str, answers: Mapping[str, object]) -> Accepted:
        """Commit the submission to the queue, then print its receipt."""
        matter = self.matter(code)
        result = self.check(code, answers)
        if not result.ok:
            raise InvalidSubmission(result.errors)
        local_now = self._local_now()
        new = NewSubmission(
            matter_code=matter.code,
            catalog_version=self.catalog.version,
            values=result.values,
            applicant_name_masked=mask_name(result.values[matter.applicant_name_field]),
            applicant_id_masked=mask_id_number(result.values[matter.applicant_id_field]),
        )
        try:
            stored = self._store.add(new, local_now.date())
        except SQLAlchemyError as exc:
            log.error("submission could not be stored", extra={"error": type(exc).__name__})
            raise StorageUnavailable(StorageUnavailable.MESSAGE) from exc
        log.info(
            "submission queued",
            extra={"case_number": stored.case_number, "matter": matter.code},
        )
        receipt = self._receipt(matter, new, stored.case_number, stored.terminal_id, local_now)
        outcome = self._print(receipt)
        self._store.record_receipt(stored.case_number, outcome.printed, outcome.problem)
        return Accepted(stored.case_number, matter, local_now, outcome)

    def _print(self, receipt: Receipt) -> ReceiptOutcome:
        try:
            return self._printer.print_receipt(receipt)
        except Exception:  # the submission is already safe; a printer bug must not undo that
            log.exception("receipt printer failed", extra={"case_number": receipt.case_number})
            return ReceiptOutcome(False, "回执打印失败，请记下办件编号，可请工作人员补打")

    def _receipt(
        self,
        matter: Matter,
        new: NewSubmission,
        case_number: str,
        terminal_id: str,
        local_now: datetime,
    ) -> Receipt:
        return Receipt(
            hall_name=self._kiosk.hall_name,
            terminal_id=terminal_id,
            case_number=case_number,
            matter_name=matter.name,
            department=matter.department,
            applicant_name_masked=new.applicant_name_masked,
            applicant_id_masked=new.applicant_id_masked,
            submitted_at=local_now,
            case_type=matter.case_type.value,
            promised_days=matter.time_limit.promised_days,
            next_steps=matter.next_steps,
            lookup_payload=self._kiosk.lookup_url.format(case_number=case_number),
            hotline=self._kiosk.hotline,
        )

    def _local_now(self) -> datetime:
        return self._clock().astimezone(self._kiosk.timezone)
