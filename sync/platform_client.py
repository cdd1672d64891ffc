"""Talks to the provincial platform: signed requests, typed answers, typed failures.

Every call but the health probe is signed with the terminal's key over the exact bytes sent
(sync/signing.py), so the platform can refuse forged and replayed requests. Answers are the
wire contract's models; anything else becomes a TransientFailure (try later) or a
PermanentFailure (this request will never be accepted) — see sync/failures.py.

A kiosk whose clock is off by more than the platform allows is told the platform's time in the
refusal; the client then signs with the corrected time, retries that request once, logs how
far off the clock is, and keeps correcting, the way cloud SDKs handle clock skew.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urlencode, urlsplit

import requests
from pydantic import BaseModel, ValidationError

from kiosk.crypto import CryptoSuite, KeyPair
from sync.backoff import parse_retry_after
from sync.contract import (
    CASE_UPDATES_PATH,
    CATALOG_PATH,
    HEALTH_PATH,
    HEARTBEATS_PATH,
    HELP_REQUESTS_PATH,
    RATINGS_PATH,
    SUBMISSIONS_PATH,
    BatchResult,
    CaseUpdates,
    ErrorBody,
    ErrorCode,
    Health,
    Heartbeat,
    HeartbeatAck,
    HelpRequestBatch,
    HelpRequestItem,
    RatingBatch,
    RatingItem,
    SignedCatalog,
    SubmissionBatch,
    SubmissionItem,
)
from sync.failures import AuthRefused, PermanentFailure, TransientFailure
from sync.http import Link, exchange
from sync.signing import sign_request

log = logging.getLogger(__name__)

Answer = TypeVar("Answer", bound=BaseModel)

# Statuses that say "not now" rather than "never": timeout, too early, too many requests.
_RETRYABLE_4XX = frozenset({408, 425, 429})
# Statuses that mean the request reached the wrong place, not that the items are bad.
_MISROUTED_4XX = frozenset({404, 405, 410})
# Refusals of the request itself that stay refusals however often it is sent, even when the
# body is a framework's own error format rather than the contract's.
_PERMANENT_WITHOUT_BODY = frozenset({413, 422})


@dataclass(frozen=True)
class Reachability:
    reachable: bool
    detail: str
    # Seconds the kiosk's clock is ahead of the platform's, when the platform said its time.
    clock_offset_s: float | None = None
    # The key id of the platform's sealing key, when it said.
    sealing_key_id: str | None = None


def probe(link: Link, clock: Callable[[], float] = time.time) -> Reachability:
    """Unsigned GET /v1/health: is the platform there, and does TLS work (for `kiosk doctor`)."""
    session = link.session()
    try:
        response = exchange(link, session, "GET", HEALTH_PATH)
    except TransientFailure as failure:
        return Reachability(False, failure.reason)
    finally:
        session.close()
    try:
        health = Health.model_validate_json(response.content)
    except ValidationError:
        return Reachability(response.ok, f"HTTP {response.status_code}")
    offset = clock() - health.time.timestamp()
    return Reachability(
        True, f"HTTP {response.status_code}, healthy", offset, health.sealing_key_id
    )


class PlatformClient:
    def __init__(
        self,
        link: Link,
        *,
        suite: CryptoSuite,
        terminal_id: str,
        key: KeyPair,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._link = link
        self._session = self._link.session()
        self._suite = suite
        self._terminal_id = terminal_id
        self._key = key
        self._clock = clock
        self._offset_s: float | None = None
        # Signed paths are what the server sees, so a base URL with a prefix is included.
        self._path_prefix = urlsplit(link.base_url).path.rstrip("/")

    @property
    def clock_offset_s(self) -> float | None:
        """Seconds this kiosk's clock is ahead of the platform's, once the platform said so."""
        return self._offset_s

    def close(self) -> None:
        self._session.close()

    def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult:
        body = SubmissionBatch(items=list(items))
        return self._call("POST", SUBMISSIONS_PATH, BatchResult, body)

    def deliver_ratings(self, items: Sequence[RatingItem]) -> BatchResult:
        body = RatingBatch(items=list(items))
        return self._call("POST", RATINGS_PATH, BatchResult, body)

    def deliver_help_requests(self, items: Sequence[HelpRequestItem]) -> BatchResult:
        body = HelpRequestBatch(items=list(items))
        return self._call("POST", HELP_REQUESTS_PATH, BatchResult, body)

    def case_updates(self, after: int, limit: int) -> CaseUpdates:
        query = urlencode({"after": after, "limit": limit})
        return self._call("GET", f"{CASE_UPDATES_PATH}?{query}", CaseUpdates)

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        return self._call("POST", HEARTBEATS_PATH, HeartbeatAck, heartbeat)

    def current_catalog(self, have: str | None) -> SignedCatalog | None:
        """The catalog the platform has in force; None when it is `have` (HTTP 304) or the
        platform has published none yet (a 404 in the contract's error format)."""
        path = CATALOG_PATH + (f"?{urlencode({'have': have})}" if have else "")
        response = self._send("GET", path, b"")
        if response.status_code == 304:
            return None
        if response.status_code == 404 and _error_body(response) is not None:
            return None
        return _parse(response, SignedCatalog)

    def _call(
        self, method: str, path: str, answer: type[Answer], body: BaseModel | None = None
    ) -> Answer:
        # Serialised once: the signature covers exactly the bytes that go on the wire.
        raw = body.model_dump_json().encode("utf-8") if body is not None else b""
        return _parse(self._send(method, path, raw), answer)

    def _send(self, method: str, path: str, body: bytes) -> requests.Response:
        response = self._signed(method, path, body)
        if response.status_code == 401 and self._learn_platform_time(response):
            response = self._signed(method, path, body)  # once, with the corrected time
        return response

    def _signed(self, method: str, path: str, body: bytes) -> requests.Response:
        timestamp = round(self._clock() - (self._offset_s or 0.0))
        headers = sign_request(
            self._suite,
            self._key.private,
            terminal_id=self._terminal_id,
            method=method,
            path=self._path_prefix + path,
            body=body,
            timestamp=timestamp,
        ).as_headers()
        if body:
            headers["Content-Type"] = "application/json"
        return exchange(self._link, self._session, method, path, body=body or None, headers=headers)

    def _learn_platform_time(self, response: requests.Response) -> bool:
        """True when the platform refused our timestamp and said its own time."""
        error = _error_body(response)
        if error is None or error.error.code is not ErrorCode.STALE_TIMESTAMP:
            return False
        platform_time = error.error.platform_time
        if platform_time is None:
            return False
        self._offset_s = self._clock() - platform_time.timestamp()
        log.warning(
            "kiosk clock is %.0f s off the platform's; check time sync",
            self._offset_s,
            extra={"clock_offset_s": round(self._offset_s, 1)},
        )
        return True


def _parse(response: requests.Response, answer: type[Answer]) -> Answer:
    status = response.status_code
    if 200 <= status < 300:
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            # The request may well have been stored; sending it again is safe (idempotent).
            raise TransientFailure(
                f"HTTP {status} with a body this kiosk cannot read "
                f"({exc.error_count()} problem(s)); is platform.url the provincial platform?"
            ) from exc
    raise _failure(response)


def _failure(response: requests.Response) -> Exception:
    status = response.status_code
    error = _error_body(response)
    code = error.error.code.value if error else f"http_{status}"
    message = error.error.message if error else _excerpt(response)
    if status in (401, 403):
        return AuthRefused(_auth_reason(status, code, message), code)
    if status in _RETRYABLE_4XX or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), _now(response))
        return TransientFailure(f"HTTP {status} {code}: {message}", retry_after)
    if status in _MISROUTED_4XX:
        return TransientFailure(
            f"HTTP {status} for {response.url}: the platform has no such endpoint; "
            "check platform.url"
        )
    if 400 <= status < 500 and (error is not None or status in _PERMANENT_WITHOUT_BODY):
        return PermanentFailure(status, code, message)
    # A refusal in another shape comes from something in between (a gateway, a firewall, a
    # plain-HTTP port): not the platform judging these items, so none may be quarantined.
    return TransientFailure(
        f"HTTP {status} ({message}) not from the platform; check platform.url and the network"
    )


def _auth_reason(status: int, code: str, message: str) -> str:
    if code == ErrorCode.STALE_TIMESTAMP:
        return f"HTTP {status} {code}: {message}; check the kiosk's time sync (NTP)"
    return (
        f"HTTP {status} {code}: {message}; the platform does not accept this terminal's key — "
        "run `kiosk keys terminal` and enrol the key on the platform"
    )


def _error_body(response: requests.Response) -> ErrorBody | None:
    try:
        return ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return None


def _excerpt(response: requests.Response) -> str:
    """Something readable from a body that is not the contract's ErrorBody."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict) and "detail" in data:  # a framework's own error format
        return str(data["detail"])[:300]
    text = response.text.strip()
    return text[:300] if text else (response.reason or "no body")


def _now(response: requests.Response) -> datetime:
    """The platform's Date header, so an HTTP-date Retry-After is measured on its clock."""
    header = response.headers.get("Date")
    if header:
        try:
            return parsedate_to_datetime(header).astimezone(UTC)
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC)
