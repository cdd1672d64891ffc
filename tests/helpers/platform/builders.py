"""Builders for what a kiosk sends the platform: sealed submissions made with the kiosk's own
rules and sealer, ratings, and requests signed by a test terminal's key.

Independent of the kiosk's queue on purpose: a platform test needs a realistic item, not a
whole kiosk.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import requests
from pydantic import BaseModel

from kiosk.catalog import Catalog, load_catalog
from kiosk.catalog.offerings import find_offering
from kiosk.crypto import DEFAULT_SUITE, CryptoSuite, KeyPair, suite_named
from kiosk.crypto.suite import encode_key
from kiosk.forms import Application
from kiosk.forms.application import check_application
from kiosk.submissions.sealing import PayloadSealer
from sync.contract import RatingBatch, RatingItem, Sealed, SubmissionBatch, SubmissionItem
from sync.signing import sign_request
from tests.helpers.data import ELDERLY_MATTER, FIXED_NOW, elderly_application
from tests.helpers.platform_keys import TEST_PLATFORM

SHANGHAI = ZoneInfo("Asia/Shanghai")


@cache
def demo_catalog() -> Catalog:
    """The shipped catalog, loaded once per run."""
    return load_catalog()


@dataclass(frozen=True)
class KioskTerminal:
    """A terminal as the platform knows it: an id and the key its requests are signed with."""

    terminal_id: str
    key: KeyPair
    suite: CryptoSuite

    @classmethod
    def new(cls, terminal_id: str = "GZ0001") -> KioskTerminal:
        suite = suite_named(DEFAULT_SUITE)
        return cls(terminal_id, suite.new_signing_key(), suite)

    @property
    def public_key(self) -> str:
        return encode_key(self.key.public)

    def headers(
        self, method: str, path: str, body: bytes = b"", *, timestamp: int | None = None
    ) -> dict[str, str]:
        signed = sign_request(
            self.suite,
            self.key.private,
            terminal_id=self.terminal_id,
            method=method,
            path=path,
            body=body,
            timestamp=timestamp,
        )
        return {**signed.as_headers(), "Content-Type": "application/json"}


def case_number(terminal_id: str, day: date, sequence: int) -> str:
    return f"{terminal_id}-{day:%Y%m%d}-{sequence:06d}"


def sealed_items(
    terminal_id: str = "GZ0001",
    sequence: int = 1,
    *,
    offering_code: str = ELDERLY_MATTER,
    application: Application | None = None,
    catalog: Catalog | None = None,
    submitted_at: datetime = FIXED_NOW,
    sealing_key: bytes = TEST_PLATFORM.sealing.public,
) -> list[SubmissionItem]:
    """One sealed item per member matter, as a kiosk queues an accepted application: the
    payload is what check_application keeps for each matter, sealed to the platform."""
    chosen = catalog or demo_catalog()
    offering = find_offering(chosen, offering_code)
    assert offering is not None, offering_code
    day = submitted_at.astimezone(SHANGHAI).date()
    checked = check_application(offering, application or elderly_application(), day)
    assert checked.ok, [str(error) for error in checked.errors]
    bundle_id = str(uuid.uuid4()) if offering.bundle else None
    return [
        item_sealing(
            checked.payload_for(matter),
            terminal_id,
            sequence + position,
            matter_code=matter.code,
            catalog_version=chosen.version,
            submitted_at=submitted_at,
            sealing_key=sealing_key,
            bundle_id=bundle_id,
            bundle_code=offering.bundle.code if offering.bundle else None,
        )
        for position, matter in enumerate(offering.members)
    ]


def item_sealing(
    payload: dict[str, Any],
    terminal_id: str = "GZ0001",
    sequence: int = 1,
    *,
    matter_code: str = ELDERLY_MATTER,
    catalog_version: str | None = None,
    submitted_at: datetime = FIXED_NOW,
    sealing_key: bytes = TEST_PLATFORM.sealing.public,
    bundle_id: str | None = None,
    bundle_code: str | None = None,
) -> SubmissionItem:
    """An item carrying exactly `payload`, sealed: for payloads no kiosk would accept."""
    key = str(uuid.uuid4())
    number = case_number(terminal_id, submitted_at.astimezone(SHANGHAI).date(), sequence)
    sealed = PayloadSealer(TEST_PLATFORM.suite, sealing_key).seal(payload, key, number, matter_code)
    return SubmissionItem(
        idempotency_key=key,
        case_number=number,
        matter_code=matter_code,
        catalog_version=catalog_version or demo_catalog().version,
        submitted_at=submitted_at,
        bundle_id=bundle_id,
        bundle_code=bundle_code,
        sealed=Sealed.model_validate_json(sealed),
    )


def sealed_item(terminal_id: str = "GZ0001", sequence: int = 1, **options: Any) -> SubmissionItem:
    """A single matter's sealed item (see sealed_items)."""
    (item,) = sealed_items(terminal_id, sequence, **options)
    return item


def batch(*items: SubmissionItem) -> SubmissionBatch:
    return SubmissionBatch(items=list(items))


def rating_item(case_number: str, level: str = "SATISFIED", **overrides: Any) -> RatingItem:
    fields: dict[str, Any] = {
        "idempotency_key": str(uuid.uuid4()),
        "case_number": case_number,
        "level": level,
        "reasons": [],
        "comment": "",
        "needs_follow_up": False,
        "rated_at": FIXED_NOW,
    }
    return RatingItem.model_validate(fields | overrides)


def rating_batch(*items: RatingItem) -> RatingBatch:
    return RatingBatch(items=list(items))


def body_of(model: BaseModel) -> bytes:
    return model.model_dump_json().encode("utf-8")


def post_signed(
    base_url: str,
    terminal: KioskTerminal,
    path: str,
    body: BaseModel | bytes,
    *,
    timestamp: int | None = None,
    **options: Any,
) -> requests.Response:
    raw = body if isinstance(body, bytes) else body_of(body)
    headers = terminal.headers("POST", path, raw, timestamp=timestamp)
    return requests.post(base_url + path, data=raw, headers=headers, timeout=30, **options)


def get_signed(
    base_url: str, terminal: KioskTerminal, path: str, **options: Any
) -> requests.Response:
    """`path` with its query string: the query is part of what is signed."""
    headers = terminal.headers("GET", path)
    return requests.get(base_url + path, headers=headers, timeout=30, **options)
