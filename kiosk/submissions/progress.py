"""Progress lookup (办件查询): a case's last known status, found by case number, by the
receipt's QR code, or by the applicant's ID card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kiosk.catalog.models import Localized
from kiosk.submissions.service import CatalogSource
from kiosk.submissions.states import SubmissionState
from kiosk.submissions.store import StoredSubmission, SubmissionStore

CASE_NUMBER = re.compile(r"[A-Z0-9]{4,16}-[0-9]{8}-[0-9]{6}")

# What a resident reads about a case's state, with what to do next where there is something.
STATE_TEXT = {
    SubmissionState.QUEUED: Localized(
        zh="已提交，等待发送至办理部门", en="Submitted; waiting to be sent to the department"
    ),
    SubmissionState.SENDING: Localized(zh="正在发送至办理部门", en="Being sent"),
    SubmissionState.DELIVERED: Localized(
        zh="办理部门已收到，等待受理", en="Received by the department; waiting to be accepted"
    ),
    SubmissionState.ACCEPTED: Localized(
        zh="已受理，正在办理", en="Accepted by the department; being handled"
    ),
    SubmissionState.IN_REVIEW: Localized(
        zh="审查中，结果出来后可在此查询", en="Under review; look here again for the outcome"
    ),
    SubmissionState.FINISHED: Localized(
        zh="已办结，请按回执上的方式领取结果",
        en="Finished; collect the result as your receipt says",
    ),
    SubmissionState.REJECTED: Localized(
        zh="不予受理。请拨打回执上的咨询电话，了解原因和下一步怎么办",
        en="Not accepted. Call the hotline on your receipt to learn why and what to do next",
    ),
    SubmissionState.QUARANTINED: Localized(
        zh="发送遇到问题，工作人员会联系您", en="A problem came up; staff will contact you"
    ),
}


@dataclass(frozen=True)
class CaseProgress:
    case_number: str
    matter_name: Localized
    submitted_at: datetime
    state: SubmissionState
    state_text: Localized
    last_synced_at: datetime | None


def case_number_in(text: str) -> str | None:
    """The case number typed or carried by a receipt's QR code (a lookup URL), if any."""
    found = CASE_NUMBER.search(text.strip().upper())
    return found.group(0) if found else None


class ProgressLookup:
    def __init__(self, store: SubmissionStore, catalogs: CatalogSource) -> None:
        self._store = store
        self._catalogs = catalogs

    def by_text(self, text: str) -> list[CaseProgress]:
        """A typed case number or a scanned receipt QR payload."""
        number = case_number_in(text)
        found = self._store.get(number) if number else None
        return [self._progress(found)] if found else []

    def by_id_number(self, id_number: str) -> list[CaseProgress]:
        return [self._progress(s) for s in self._store.find_by_applicant(id_number)]

    def _progress(self, stored: StoredSubmission) -> CaseProgress:
        matter = self._catalogs.current().matter(stored.matter_code)
        name = matter.name if matter else Localized(zh=stored.matter_code, en=stored.matter_code)
        return CaseProgress(
            stored.case_number,
            name,
            stored.created_at,
            stored.state,
            STATE_TEXT[stored.state],
            stored.last_synced_at,
        )
