"""Opening one submitted case: is it this terminal's, under a published catalog, sealed to
us, and does it pass the very rules the kiosk checked it with (kiosk.forms.application)?

Every answer is either the unsealed payload or a permanent refusal with a code and a reason
in Chinese and English: checking again later would give the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.catalog import Catalog
from kiosk.catalog.offerings import find_offering
from kiosk.crypto import SealError
from kiosk.forms.application import Application, check_application
from kiosk.submissions.case_numbers import terminal_of
from kiosk.submissions.sealing import unseal_payload
from sync.contract import RefusalCode, SubmissionItem
from sync.platform.keys import PlatformKeys

CatalogLookup = Callable[[str], Catalog | None]


@dataclass(frozen=True)
class Refusal:
    code: RefusalCode
    message: str


def open_submission(
    item: SubmissionItem,
    terminal_id: str,
    catalog_of: CatalogLookup,
    keys: PlatformKeys,
    timezone: ZoneInfo,
) -> dict[str, Any] | Refusal:
    """The item's unsealed, valid payload, or why it is refused."""
    if terminal_of(item.case_number) != terminal_id:
        return Refusal(
            RefusalCode.NOT_YOUR_CASE,
            f"办件编号 {item.case_number} 不属于终端 {terminal_id} / "
            f"case number {item.case_number} was not issued by terminal {terminal_id}",
        )
    catalog = catalog_of(item.catalog_version)
    if catalog is None:
        return Refusal(
            RefusalCode.UNKNOWN_CATALOG_VERSION,
            f"事项目录 {item.catalog_version} 未发布 / "
            f"catalog version {item.catalog_version} was never published",
        )
    refusal = _matter_problem(catalog, item)
    if refusal is not None:
        return refusal
    try:
        payload = unseal_payload(
            keys.suite,
            keys.sealing.private,
            item.sealed.model_dump(),
            idempotency_key=item.idempotency_key,
            case_number=item.case_number,
            matter_code=item.matter_code,
        )
    except (SealError, ValueError) as exc:  # ValueError: not JSON inside
        return Refusal(RefusalCode.UNSEALABLE, f"无法解封 / cannot be unsealed: {exc}")
    return _application_problem(catalog, item, payload, local_date(item.submitted_at, timezone))


def local_date(moment: datetime, timezone: ZoneInfo) -> date:
    """The calendar day in the platform's time zone; a naive time is taken as UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(timezone).date()


def _matter_problem(catalog: Catalog, item: SubmissionItem) -> Refusal | None:
    if catalog.matter(item.matter_code) is None:
        return Refusal(
            RefusalCode.UNKNOWN_MATTER,
            f"事项目录 {catalog.version} 中没有事项 {item.matter_code} / "
            f"catalog {catalog.version} has no matter {item.matter_code}",
        )
    if item.bundle_code is not None:
        bundle = catalog.bundle(item.bundle_code)
        if bundle is None or item.matter_code not in bundle.members:
            return Refusal(
                RefusalCode.UNKNOWN_MATTER,
                f"一件事 {item.bundle_code} 不包含事项 {item.matter_code} / "
                f"bundle {item.bundle_code} has no member {item.matter_code}",
            )
    return None


def _application_problem(
    catalog: Catalog, item: SubmissionItem, payload: Any, today: date
) -> dict[str, Any] | Refusal:
    try:
        application: Application | None = Application.from_payload(payload)
    except ValueError:
        application = None
    offering = find_offering(catalog, item.matter_code)
    if application is None or offering is None or not isinstance(payload, dict):
        return Refusal(
            RefusalCode.INVALID_APPLICATION,
            "解封内容不是申请 / the sealed payload is not an application",
        )
    checked = check_application(offering, application, today)
    if checked.ok:
        return payload
    zh = "；".join(error.describe("zh_CN") for error in checked.errors)
    en = "; ".join(error.describe("en_US") for error in checked.errors)
    return Refusal(RefusalCode.INVALID_APPLICATION, f"{zh} / {en}")
