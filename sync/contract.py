"""The wire contract between the kiosk and the provincial platform, declared once.

The sync client builds these bodies and the reference platform parses them with the same
models, so the two cannot drift; the OpenAPI document in docs/ is generated from the platform
that serves them. Every endpoint except /v1/health is signed (sync/signing.py).

Delivery is idempotent: each submission carries the kiosk's idempotency key. The platform
answers per item, so one bad item never holds back a batch:
- "stored": new, with the platform's case id;
- "duplicate": this key was stored before with identical content; the same case id again;
- "refused": permanent, with a code and a message (the kiosk quarantines the item).
A whole-request failure (5xx, 429, timeout) is transient and the batch is sent again.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/v1"
SUBMISSIONS_PATH = API_PREFIX + "/submissions"
RATINGS_PATH = API_PREFIX + "/ratings"
HELP_REQUESTS_PATH = API_PREFIX + "/help-requests"
CASE_UPDATES_PATH = API_PREFIX + "/cases/updates"
HEARTBEATS_PATH = API_PREFIX + "/heartbeats"
CATALOG_PATH = API_PREFIX + "/catalog/current"
HEALTH_PATH = API_PREFIX + "/health"

MAX_BATCH = 500


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseStatus(StrEnum):
    """A case's handling status on the platform (办件状态)."""

    RECEIVED = "received"  # stored by the platform, not yet looked at
    ACCEPTED = "accepted"  # 受理
    IN_REVIEW = "in_review"  # 审查中
    FINISHED = "finished"  # 办结
    REJECTED = "rejected"  # 不予受理 / 不予许可


class Sealed(_Body):
    """A sealed envelope (kiosk.crypto.SealedEnvelope.to_json), every byte field base64."""

    suite: str
    key_id: str
    ephemeral_key: str
    wrapped_key: str
    nonce: str
    ciphertext: str


class SubmissionItem(_Body):
    idempotency_key: str = Field(pattern=r"^[0-9a-f-]{36}$")
    case_number: str = Field(max_length=50)
    matter_code: str = Field(max_length=64)
    catalog_version: str = Field(max_length=32)
    submitted_at: datetime
    bundle_id: str | None = None
    bundle_code: str | None = None
    # The personal data: answers, materials, signature, delivery. Only the platform opens it.
    sealed: Sealed


class SubmissionBatch(_Body):
    items: list[SubmissionItem] = Field(min_length=1, max_length=MAX_BATCH)


class ItemOutcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


class RefusalCode(StrEnum):
    INVALID_APPLICATION = "invalid_application"  # fails the catalog's rules
    UNSEALABLE = "unsealable"  # not sealed to the platform's key, or tampered
    UNKNOWN_MATTER = "unknown_matter"
    UNKNOWN_CATALOG_VERSION = "unknown_catalog_version"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"  # key seen before with other content
    NOT_YOUR_CASE = "not_your_case"  # the case number names another terminal
    UNKNOWN_CASE = "unknown_case"  # a rating of a case the platform does not hold


class ItemResult(_Body):
    idempotency_key: str
    outcome: ItemOutcome
    case_id: str | None = None
    code: RefusalCode | None = None
    message: str | None = None


class BatchResult(_Body):
    results: list[ItemResult]


class RatingItem(_Body):
    idempotency_key: str = Field(pattern=r"^[0-9a-f-]{36}$")
    case_number: str = Field(max_length=50)
    level: Literal[
        "VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"
    ]
    reasons: list[str] = Field(max_length=10)
    comment: str = Field(max_length=200)
    needs_follow_up: bool
    rated_at: datetime


class RatingBatch(_Body):
    items: list[RatingItem] = Field(min_length=1, max_length=MAX_BATCH)


class HelpRequestItem(_Body):
    """A resident's call for staff (帮办) at the signing terminal: where and when, no person.
    Sent when made and again under the same key once staff resolved it."""

    idempotency_key: str = Field(pattern=r"^[0-9a-f-]{36}$")
    screen: str = Field(max_length=64)  # the resident screen the call was made from
    requested_at: datetime
    resolved_at: datetime | None = None


class HelpRequestBatch(_Body):
    items: list[HelpRequestItem] = Field(min_length=1, max_length=MAX_BATCH)


class HelpRequestRecord(_Body):
    """A help request as the platform holds it, for the hall's list of kiosks needing staff."""

    terminal_id: str
    screen: str
    requested_at: datetime
    received_at: datetime
    resolved_at: datetime | None


class HelpRequestList(_Body):
    requests: list[HelpRequestRecord]  # oldest first


class CaseUpdate(_Body):
    """One status change of one of this terminal's cases; `sequence` orders them all."""

    sequence: int
    case_id: str
    idempotency_key: str
    case_number: str
    status: CaseStatus
    at: datetime
    note: str | None = None


class CaseUpdates(_Body):
    updates: list[CaseUpdate]
    # Ask again with after=<last> for the next page; equals the request's `after` when empty.
    last: int


class AuditHead(_Body):
    """The newest record of the terminal's audit log: a later heartbeat with a lower sequence,
    or the same sequence and another hash, means the log was cut short or rewritten."""

    sequence: int = Field(ge=1)
    hash: str = Field(min_length=1, max_length=128)


class Heartbeat(_Body):
    terminal_id: str
    software_version: str
    catalog_version: str
    sent_at: datetime
    # Submissions per queue state (every state, zero included), and queued ratings.
    queue: dict[str, int]
    ratings_queued: int
    # The device health board as the kiosk wrote it (data_dir/devices.json).
    devices: dict[str, Any]
    # Seconds the kiosk's clock is ahead of the platform's, as last measured.
    clock_offset_s: float | None = None
    # The audit log's head as the heartbeat was built; None while the log is empty.
    audit_head: AuditHead | None = None


class HeartbeatAck(_Body):
    received_at: datetime


class SignedCatalog(_Body):
    """A catalog version as published: every file's text, and the platform's signature over
    their canonical form (kiosk.catalog.signed)."""

    version: str
    suite: str
    files: dict[str, str]
    signature: str


class Health(_Body):
    status: Literal["ok"]
    time: datetime
    # Which key submissions must be sealed to (the suite's key id of its public sealing key),
    # so a kiosk can tell it was given the wrong key before it seals anything with it.
    sealing_key_id: str | None = None


class ErrorCode(StrEnum):
    UNKNOWN_TERMINAL = "unknown_terminal"
    BAD_SIGNATURE = "bad_signature"
    STALE_TIMESTAMP = "stale_timestamp"
    REPLAYED_NONCE = "replayed_nonce"
    BODY_DIGEST_MISMATCH = "body_digest_mismatch"
    MALFORMED = "malformed"
    UNAVAILABLE = "unavailable"


class ErrorDetail(_Body):
    code: ErrorCode
    message: str
    # Present with stale_timestamp, so a kiosk with a wrong clock can see by how much.
    platform_time: datetime | None = None


class ErrorBody(_Body):
    error: ErrorDetail
