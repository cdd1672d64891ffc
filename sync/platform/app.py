"""The platform's HTTP API (sync/contract.py), as a FastAPI application.

Every endpoint but /v1/health is signed: the request is authenticated over its raw body bytes
before the body is validated or used, so nothing from a stranger reaches the database (only a
body that is not JSON at all is refused first: FastAPI decodes JSON before any dependency).
A body that does not fit its model is answered 400 "malformed" (an ErrorBody like every other
refusal), a database that cannot be reached 503 "unavailable" (transient: the kiosk retries).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

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
    ErrorDetail,
    Health,
    Heartbeat,
    HeartbeatAck,
    HelpRequestBatch,
    HelpRequestList,
    ItemOutcome,
    RatingBatch,
    SignedCatalog,
    SubmissionBatch,
)
from sync.platform.auth import Authenticator, AuthRefused
from sync.platform.catalogs import CatalogCache, current_catalog
from sync.platform.db import session_factory
from sync.platform.heartbeats import record_heartbeat
from sync.platform.help_requests import HelpRequestDesk, help_request_list
from sync.platform.ingest import Ingestor
from sync.platform.keys import PlatformKeys
from sync.platform.openapi import install_openapi
from sync.platform.updates import MAX_PAGE, case_updates

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Malformed(Exception):
    """A signed, well-formed request whose content contradicts itself."""


async def _signing_terminal(request: Request) -> str:
    """The authenticated sender; the body is read raw first, exactly as it was signed."""
    authenticator: Authenticator = request.app.state.authenticator
    body = await request.body()
    terminal_id: str = await run_in_threadpool(
        authenticator.authenticate,
        method=request.method,
        path=signed_path(request),
        headers=request.headers,
        body=body,
    )
    return terminal_id


SigningTerminal = Annotated[str, Depends(_signing_terminal)]

_REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "malformed body or query"},
    401: {
        "model": ErrorBody,
        "description": "not signed by an enrolled terminal, stale, replayed or tampered",
    },
    503: {"model": ErrorBody, "description": "the platform cannot serve now; try again"},
}


def create_app(
    engine: Engine,
    keys: PlatformKeys,
    *,
    timezone: ZoneInfo = DEFAULT_TIMEZONE,
    clock: Callable[[], datetime] = utc_now,
    catalogs: CatalogCache | None = None,
) -> FastAPI:
    """The platform on `engine` (schema already created), unsealing with `keys`.

    `timezone` decides which calendar day a submission was made on (its deadlines and
    ages); `clock` is the platform's clock for timestamps and skew; `catalogs` may be
    shared between apps so each catalog version is loaded once per process."""
    sessions = session_factory(engine)
    authenticator = Authenticator(sessions, clock)
    ingestor = Ingestor(sessions, keys, catalogs or CatalogCache(), timezone, clock)
    help_desk = HelpRequestDesk(sessions, keys, clock)
    sealing_key_id = keys.suite.key_id(keys.sealing.public)
    app = FastAPI(
        title="Provincial platform — kiosk API (reference implementation)",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    install_openapi(app)
    app.state.authenticator = authenticator

    @app.post(SUBMISSIONS_PATH, response_model=BatchResult, responses=_REFUSALS)
    def submissions(batch: SubmissionBatch, terminal_id: SigningTerminal) -> BatchResult:
        """Store new cases; one result per item, in order."""
        result = ingestor.submissions(terminal_id, batch)
        _log_batch("submissions", terminal_id, result)
        return result

    @app.post(RATINGS_PATH, response_model=BatchResult, responses=_REFUSALS)
    def ratings(batch: RatingBatch, terminal_id: SigningTerminal) -> BatchResult:
        """Store residents' ratings (好差评) of this terminal's cases."""
        result = ingestor.ratings(terminal_id, batch)
        _log_batch("ratings", terminal_id, result)
        return result

    @app.post(HELP_REQUESTS_PATH, response_model=BatchResult, responses=_REFUSALS)
    def post_help_requests(batch: HelpRequestBatch, terminal_id: SigningTerminal) -> BatchResult:
        """Store residents' calls for staff (帮办) at this terminal, and their resolution."""
        result = help_desk.receive(terminal_id, batch)
        _log_batch("help requests", terminal_id, result)
        return result

    @app.get(HELP_REQUESTS_PATH, response_model=HelpRequestList, responses=_REFUSALS)
    def get_help_requests(
        terminal_id: SigningTerminal,
        open_only: Annotated[
            bool, Query(alias="open", description="only requests staff have not dealt with yet")
        ] = False,
    ) -> HelpRequestList:
        """Help requests of every terminal, oldest first: which kiosk needs staff."""
        with sessions() as session:
            return help_request_list(session, open_only)

    @app.get(CASE_UPDATES_PATH, response_model=CaseUpdates, responses=_REFUSALS)
    def updates(
        terminal_id: SigningTerminal,
        after: Annotated[int, Query(ge=0, description="the last sequence already seen")] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    ) -> CaseUpdates:
        """This terminal's case status changes after the cursor, oldest first."""
        with sessions() as session:
            return case_updates(session, terminal_id, after, limit)

    @app.post(HEARTBEATS_PATH, response_model=HeartbeatAck, responses=_REFUSALS)
    def heartbeats(heartbeat: Heartbeat, terminal_id: SigningTerminal) -> HeartbeatAck:
        if heartbeat.terminal_id != terminal_id:
            raise _Malformed(
                f"heartbeat names terminal {heartbeat.terminal_id}, signed by {terminal_id}"
            )
        now = clock()
        with sessions() as session, session.begin():
            record_heartbeat(session, terminal_id, heartbeat, now)
        return HeartbeatAck(received_at=now)

    @app.get(
        CATALOG_PATH,
        response_model=SignedCatalog,
        responses={
            **_REFUSALS,
            304: {"description": "the terminal already has the newest version"},
            404: {"model": ErrorBody, "description": "no catalog has been published"},
        },
    )
    def catalog(
        terminal_id: SigningTerminal,
        have: Annotated[str | None, Query(description="the version the terminal has")] = None,
    ) -> Any:
        """The newest published catalog, signed with the platform's catalog key."""
        with sessions() as session:
            published = current_catalog(session)
        if published is None:
            return _error(404, ErrorCode.UNAVAILABLE, "no catalog has been published yet")
        if published.version == have:
            return Response(status_code=304)
        return SignedCatalog(
            version=published.version,
            suite=published.suite,
            files=published.files,
            signature=published.signature,
        )

    @app.get(HEALTH_PATH, response_model=Health)
    def health() -> Health:
        """Unsigned: is the platform up, what time does it think it is, and which key it
        opens submissions with."""
        return Health(status="ok", time=clock(), sealing_key_id=sealing_key_id)

    @app.exception_handler(AuthRefused)
    def refused(_request: Request, exc: AuthRefused) -> JSONResponse:
        return JSONResponse(exc.body().model_dump(mode="json", exclude_none=True), 401)

    @app.exception_handler(RequestValidationError)
    def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, ErrorCode.MALFORMED, _describe_validation(exc))

    @app.exception_handler(_Malformed)
    def contradictory(_request: Request, exc: _Malformed) -> JSONResponse:
        return _error(400, ErrorCode.MALFORMED, str(exc))

    @app.exception_handler(OperationalError)
    def unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable", extra={"error": type(exc.orig).__name__})
        return _error(503, ErrorCode.UNAVAILABLE, "the platform's database is unavailable")

    return app


def signed_path(request: Request) -> str:
    """The path and query exactly as the client sent them, which is what it signed."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else request.scope["path"]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _error(status: int, code: ErrorCode, message: str) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status)


def _describe_validation(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors()[:10]:
        where = ".".join(str(part) for part in error.get("loc", ()))
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(problems) or "the request does not fit the contract"


def _log_batch(kind: str, terminal_id: str, result: BatchResult) -> None:
    counts = {outcome.value: 0 for outcome in ItemOutcome}
    for item in result.results:
        counts[item.outcome.value] += 1
    refusals = sorted({item.code.value for item in result.results if item.code is not None})
    log.info(
        "%s batch answered",
        kind,
        extra={"terminal": terminal_id, **counts, "refusal_codes": ",".join(refusals)},
    )
