"""Who sent a request: the enrolled terminal whose key signed it, freshly and only once.

Checks follow sync/signing.py: the signature against the terminal's enrolled key, the
timestamp against the platform's clock, the body against its digest; then the nonce is written
to the database, where every worker shares it, so the same signed request twice is refused.
Every refusal is recorded, because a forged or replayed request is worth a look.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key
from sync.contract import ErrorBody, ErrorCode, ErrorDetail
from sync.platform.tables import NonceRow, RequestRefusalRow, TerminalRow
from sync.signing import (
    ALLOWED_SKEW_S,
    TERMINAL_HEADER,
    SignatureProblem,
    SignedHeaders,
    read_signed_headers,
    verify_request,
)

log = logging.getLogger(__name__)

# Expired nonces are harmless but pile up; sweeping once a minute keeps the table small.
PRUNE_INTERVAL = timedelta(minutes=1)
_MAX_NONCE = 64  # the column's width; a longer one is no nonce sign_request made
_MAX_CLAIM = 64
_MAX_PATH = 300


class AuthRefused(Exception):
    """The request is refused before its body is read; answered 401 with an ErrorBody."""

    def __init__(self, code: ErrorCode, message: str, platform_time: datetime | None = None):
        super().__init__(message)
        self.code = code
        self.platform_time = platform_time

    def body(self) -> ErrorBody:
        return ErrorBody(
            error=ErrorDetail(code=self.code, message=str(self), platform_time=self.platform_time)
        )


class Authenticator:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock
        self._next_prune: datetime | None = None
        self._prune_lock = threading.Lock()

    def authenticate(
        self, *, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> str:
        """The sending terminal's id; AuthRefused (already recorded) otherwise.

        `path` includes the query string exactly as sent; `headers` may be any mapping
        that finds the signature headers by name."""
        now = self._clock()
        try:
            return self._check(method, path, headers, body, now)
        except AuthRefused as refused:
            self._record(now, headers.get(TERMINAL_HEADER), path, refused)
            raise

    def _check(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes, now: datetime
    ) -> str:
        try:
            signed = read_signed_headers(headers)
        except SignatureProblem as problem:
            raise AuthRefused(ErrorCode.MALFORMED, str(problem)) from problem
        if len(signed.nonce) > _MAX_NONCE or not signed.nonce:
            raise AuthRefused(ErrorCode.MALFORMED, "the nonce is empty or too long")
        with self._sessions() as session:
            terminal = session.get(TerminalRow, signed.terminal_id)
            if terminal is None:
                raise AuthRefused(
                    ErrorCode.UNKNOWN_TERMINAL,
                    f"terminal {signed.terminal_id!r} is not enrolled with this platform",
                )
            try:
                verify_request(
                    suite_named(terminal.suite),
                    decode_key(terminal.public_key),
                    signed,
                    method=method,
                    path=path,
                    body=body,
                    now=now.timestamp(),
                )
            except SignatureProblem as problem:
                code = ErrorCode(problem.code)
                stamp = now if code is ErrorCode.STALE_TIMESTAMP else None
                raise AuthRefused(code, str(problem), stamp) from problem
        self._remember_nonce(signed, now)
        return signed.terminal_id

    def _remember_nonce(self, signed: SignedHeaders, now: datetime) -> None:
        # A timestamp is accepted until ALLOWED_SKEW_S after it, so its nonce must be
        # remembered that long; after that the request is refused as stale anyway.
        expires = datetime.fromtimestamp(signed.timestamp + ALLOWED_SKEW_S + 1, now.tzinfo)
        try:
            with self._sessions() as session, session.begin():
                if self._prune_due(now):
                    session.execute(delete(NonceRow).where(NonceRow.expires_at < now))
                session.add(
                    NonceRow(terminal_id=signed.terminal_id, nonce=signed.nonce, expires_at=expires)
                )
        except IntegrityError as exc:
            raise AuthRefused(
                ErrorCode.REPLAYED_NONCE, "this request was already received (nonce seen)"
            ) from exc

    def _prune_due(self, now: datetime) -> bool:
        with self._prune_lock:
            if self._next_prune is not None and now < self._next_prune:
                return False
            self._next_prune = now + PRUNE_INTERVAL
            return True

    def _record(self, now: datetime, claimed: str | None, path: str, refused: AuthRefused) -> None:
        log.warning(
            "request refused",
            extra={"code": refused.code.value, "terminal": claimed, "path": path},
        )
        with self._sessions() as session, session.begin():
            session.add(
                RequestRefusalRow(
                    at=now,
                    terminal_id=None if claimed is None else claimed[:_MAX_CLAIM],
                    code=refused.code.value,
                    path=path[:_MAX_PATH],
                    message=str(refused),
                )
            )
