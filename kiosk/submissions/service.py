"""Accepting an application: check it, commit its cases to the local queue, print the receipt.

The UI and `kiosk submit` both call `SubmissionService.submit`, so a headless submission goes
through exactly the path a resident's does. The commit happens before the receipt is printed:
a printer that fails never costs the resident an accepted application. A bundle (一事联办)
becomes one case per member matter, all committed in one transaction.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.catalog.models import Catalog, Matter
from kiosk.catalog.offerings import Offering, find_offering
from kiosk.forms.application import Application, CheckedApplication, MaterialChoice
from kiosk.forms.application import check_application as check_rules
from kiosk.forms.eligibility import ineligibility_reason
from kiosk.forms.validation import FieldError
from kiosk.i18n import Message
from kiosk.privacy import mask_id_number, mask_name
from kiosk.receipts import (
    NO_STORED_RECEIPT,
    DeferredMaterial,
    Receipt,
    ReceiptCase,
    ReceiptOutcome,
    ReceiptPrinter,
    receipt_from_json,
    receipt_to_json,
)
from kiosk.submissions.case_numbers import terminal_of
from kiosk.submissions.sealing import SealingUnavailable
from kiosk.submissions.store import NewSubmission, SubmissionStore
from kiosk.working_days import add_working_days

log = logging.getLogger(__name__)


class CatalogSource(Protocol):
    def current(self) -> Catalog: ...


class FixedCatalog:
    """A catalog that never changes (tests, one-shot commands)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def current(self) -> Catalog:
        return self._catalog


class UnknownMatter(Exception):
    """No matter or bundle with this code in the catalog."""


class InvalidSubmission(Exception):
    """The application has problems; nothing was stored."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class StorageUnavailable(Exception):
    """The local database refused the write (disk full, file damaged); nothing was stored."""

    MESSAGE = "本机暂时无法保存申请，您的信息没有被保存。请联系工作人员，或稍后再试。"


class NoPlatformKey(StorageUnavailable):
    """The platform's sealing key is not configured, so no application can be sealed and
    none is taken; nothing was stored. Staff must configure platform.sealing_key."""

    MESSAGE = "本机尚未配置平台密钥，暂不能受理申请，您的信息没有被保存。请联系工作人员。"


class OutOfService(Exception):
    """Staff took the kiosk out of service (暂停服务): it takes no application; nothing was
    stored."""

    MESSAGE = "本机暂停服务，不能受理申请，您的信息没有被保存。请到其他自助终端或服务窗口办理。"


@dataclass(frozen=True)
class KioskIdentity:
    """The facts about this kiosk printed on receipts."""

    configured_terminal_id: str | None
    hall_name: str
    hotline: str
    timezone: ZoneInfo
    lookup_url: str


@dataclass(frozen=True)
class AcceptedCase:
    case_number: str
    matter: Matter
    promised_by: date


@dataclass(frozen=True)
class Accepted:
    offering: Offering
    cases: tuple[AcceptedCase, ...]
    bundle_id: str | None
    submitted_at: datetime
    receipt: ReceiptOutcome
    lookup_payload: str  # the receipt's lookup QR, shown on screen when it did not print

    @property
    def case_number(self) -> str:
        """The first (for a single matter, the only) case number."""
        return self.cases[0].case_number


class SubmissionService:
    def __init__(
        self,
        catalogs: CatalogSource,
        store: SubmissionStore,
        printer: ReceiptPrinter,
        kiosk: KioskIdentity,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        in_service: Callable[[], bool] = lambda: True,
    ) -> None:
        self._catalogs = catalogs
        self._in_service = in_service
        self._store = store
        self._printer = printer
        self._kiosk = kiosk
        self._clock = clock

    def use_identity(self, kiosk: KioskIdentity) -> None:
        """The hall's name or hotline changed (a technician's live setting): the next receipt
        says the new ones."""
        self._kiosk = kiosk

    @property
    def catalog(self) -> Catalog:
        """The catalog in force now; a session keeps the snapshot it started with."""
        return self._catalogs.current()

    def today(self) -> date:
        return self._local_now().date()

    def offering(self, code: str, catalog: Catalog | None = None) -> Offering:
        found = find_offering(catalog or self.catalog, code)
        if found is None:
            raise UnknownMatter(f"本机没有编码为 {code} 的事项")
        return found

    def ineligibility(
        self, code: str, birth_date: date, sex: str, catalog: Catalog | None = None
    ) -> Message | None:
        """Why this card holder cannot apply (for a bundle: for any member); None if they can."""
        for matter in self.offering(code, catalog).members:
            reason = ineligibility_reason(matter, birth_date, sex, self.today())
            if reason is not None:
                return reason
        return None

    def check(
        self, code: str, application: Application, catalog: Catalog | None = None
    ) -> CheckedApplication:
        """Validate everything about the application, storing nothing."""
        return check_rules(self.offering(code, catalog), application, self.today())

    def submit(
        self, code: str, application: Application, catalog: Catalog | None = None
    ) -> Accepted:
        """Commit the application's cases to the queue, then print one receipt for them;
        out of service, refuse before anything is checked or stored."""
        if not self._in_service():
            raise OutOfService(OutOfService.MESSAGE)
        snapshot = catalog or self.catalog
        offering = self.offering(code, snapshot)
        checked = check_rules(offering, application, self.today())
        if not checked.ok:
            raise InvalidSubmission(checked.errors)
        local_now = self._local_now()
        new_cases = [
            self._new_case(matter, checked, snapshot.version) for matter in offering.members
        ]
        bundle_code = offering.bundle.code if offering.bundle else None
        try:
            stored = self._store.add(new_cases, local_now.date(), bundle_code)
        except SealingUnavailable as exc:
            log.error("submission refused: no platform sealing key is configured")
            raise NoPlatformKey(NoPlatformKey.MESSAGE) from exc
        except sqlite3.Error as exc:
            log.error("submission could not be stored", extra={"error": type(exc).__name__})
            raise StorageUnavailable(StorageUnavailable.MESSAGE) from exc
        cases = tuple(
            AcceptedCase(
                row.case_number,
                matter,
                add_working_days(local_now.date(), matter.time_limit.promised_days),
            )
            for row, matter in zip(stored, offering.members, strict=True)
        )
        log.info(
            "submission queued",
            extra={
                "case_numbers": ",".join(c.case_number for c in cases),
                "offering": offering.code,
                "catalog_version": snapshot.version,
            },
        )
        receipt = self._receipt(offering, checked, cases, new_cases[0], local_now)
        outcome = self._print(receipt)
        self._record_receipt(receipt, outcome, keep=True)
        return Accepted(
            offering, cases, stored[0].bundle_id, local_now, outcome, receipt.lookup_payload
        )

    def _record_receipt(
        self,
        receipt: Receipt,
        outcome: ReceiptOutcome,
        keep: bool,
        reprinted_by: str | None = None,
    ) -> None:
        """Bookkeeping after the commit: if the disk refuses it now, the submission already
        stands, and the resident must still hear so (the receipt stays "pending")."""
        try:
            self._store.record_receipt(
                [c.case_number for c in receipt.cases],
                outcome.printed,
                outcome.problem,
                receipt_to_json(receipt) if keep else None,
                reprinted_by=reprinted_by,
            )
        except sqlite3.Error as exc:
            log.error(
                "receipt state not recorded",
                extra={"case_number": receipt.cases[0].case_number, "error": type(exc).__name__},
            )

    def reprint(self, case_number: str, actor: str) -> ReceiptOutcome:
        """Print a case's receipt again (a bundle's receipt lists all its cases); audited as
        reprinted by `actor` (a staff number, or the command line)."""
        stored = self._store.stored_receipt(case_number)
        if stored is None:
            return ReceiptOutcome(
                False, f"没有办件 {case_number} 的回执记录，请核对办件编号", NO_STORED_RECEIPT
            )
        receipt = receipt_from_json(stored)
        outcome = self._print(receipt)
        self._record_receipt(receipt, outcome, keep=False, reprinted_by=actor)
        return outcome

    def _new_case(self, matter: Matter, checked: CheckedApplication, version: str) -> NewSubmission:
        return NewSubmission(
            matter_code=matter.code,
            catalog_version=version,
            payload=checked.payload_for(matter),
            applicant_name_masked=mask_name(checked.values[matter.applicant.name_field]),
            applicant_id_masked=mask_id_number(checked.values[matter.applicant.id_field]),
            applicant_id_number=checked.values[matter.applicant.id_field],
        )

    def _print(self, receipt: Receipt) -> ReceiptOutcome:
        try:
            return self._printer.print_receipt(receipt)
        except Exception:  # the submission is already safe; a printer bug must not undo that
            log.exception("receipt printer failed", extra={"case_number": receipt.cases[0]})
            return ReceiptOutcome(False, "回执打印失败，请记下办件编号，可请工作人员补打")

    def _receipt(
        self,
        offering: Offering,
        checked: CheckedApplication,
        cases: tuple[AcceptedCase, ...],
        first: NewSubmission,
        local_now: datetime,
    ) -> Receipt:
        materials = {m.id: m for m in offering.materials}
        deferred = tuple(
            DeferredMaterial(materials[key].name.zh, decision.deadline)
            for key, decision in checked.materials.items()
            if decision.deadline is not None
        )
        signed = sum(d.choice is MaterialChoice.COMMITMENT for d in checked.materials.values())
        next_steps = (
            offering.members[0].next_steps
            if not offering.is_bundle
            else ("各部门将分别办理，办结时间见上方各办件", "可扫码或在自助终端查询每个办件的进度")
        )
        return Receipt(
            hall_name=self._kiosk.hall_name,
            terminal_id=terminal_of(cases[0].case_number),
            title=offering.name.zh,
            cases=tuple(
                ReceiptCase(
                    c.case_number,
                    c.matter.name.zh,
                    c.matter.department,
                    c.matter.case_type.value,
                    c.promised_by,
                )
                for c in cases
            ),
            applicant_name_masked=first.applicant_name_masked,
            applicant_id_masked=first.applicant_id_masked,
            submitted_at=local_now,
            deferred=deferred,
            commitments_signed=signed,
            delivery=checked.delivery.method.value if checked.delivery else None,
            next_steps=next_steps,
            lookup_payload=self._kiosk.lookup_url.format(case_number=cases[0].case_number),
            hotline=self._kiosk.hotline,
        )

    def _local_now(self) -> datetime:
        return self._clock().astimezone(self._kiosk.timezone)
