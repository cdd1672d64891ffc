"""A kiosk with its sync agent pointed at a real reference platform, for end-to-end tests.

    with platform_on_sqlite(tmp_path) as platform, agent_kiosk(platform) as kiosk:
        case_number = kiosk.submit()
        summary = kiosk.agent.run_once()

The kiosk is built the way `kiosk run` builds it (build_services) and the agent the way
`kiosk sync-agent` does (sync.wiring.build_agent), from settings that trust the test
platform's keys; its terminal key is enrolled on the platform unless `enrol=False`. Put a
tests.helpers.network.fault_proxy.FaultProxy between them by passing its URL as `url=`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.config import KioskSettings, load_settings
from kiosk.housekeeping.housekeeper import RECORD_FILE, HousekeepingReport
from kiosk.printing import NoPrinter
from kiosk.ratings import Rating, Satisfaction
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.states import SubmissionState
from kiosk.wiring.services import KioskServices, build_services
from sync.agent import AgentClock, SyncAgent
from sync.contract import (
    BatchResult,
    CaseUpdates,
    Heartbeat,
    HeartbeatAck,
    HelpRequestItem,
    RatingItem,
    SignedCatalog,
    SubmissionItem,
)
from sync.failures import PermanentFailure
from sync.platform.reports import list_cases
from sync.platform.server import TlsFiles
from sync.platform.tables import CaseRow
from sync.platform.terminals import enrol_terminal
from sync.platform_client import PlatformClient
from sync.ports import PlatformApi
from sync.wiring import SyncRuntime, TerminalIdentity, build_agent
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.platform.reference import RunningPlatform, running_platform


@contextmanager
def platform_on_sqlite(directory: Path, tls: TlsFiles | None = None) -> Iterator[RunningPlatform]:
    """The reference platform on a SQLite file, served on a free loopback port."""
    with running_platform(f"sqlite:///{directory / 'platform.db'}", tls=tls) as platform:
        yield platform


def enrol_public_key(engine: Engine, terminal_id: str, public_key: str, suite: str) -> None:
    """Enrol a terminal's public key (base64) on the platform, as its operator would."""
    with Session(engine) as session, session.begin():
        enrol_terminal(session, terminal_id, public_key, suite, now())


def enrol_identity(engine: Engine, identity: TerminalIdentity) -> None:
    enrol_public_key(engine, identity.terminal_id, identity.public_key, identity.suite)


def settings_for(url: str, **platform: Any) -> KioskSettings:
    """The test kiosk's settings (tests/conftest.py) with the platform's URL and any other
    [platform] values, e.g. ca_bundle=..., timeout_s=..."""
    settings = load_settings()
    section = settings.platform.model_copy(update={"url": url, **platform})
    sync = settings.sync.model_copy(update={"backoff_initial_s": 0.01, "backoff_max_s": 0.05})
    return settings.model_copy(update={"platform": section, "sync": sync})


@dataclass
class AgentKiosk:
    settings: KioskSettings
    services: KioskServices
    runtime: SyncRuntime

    @property
    def agent(self) -> SyncAgent:
        return self.runtime.agent

    @property
    def terminal_id(self) -> str:
        return self.runtime.identity.terminal_id

    def submit(self, code: str = ELDERLY_MATTER, **answers: Any) -> str:
        """A resident's application through the same service as the touchscreen."""
        return self.services.submissions.submit(code, elderly_application(**answers)).case_number

    def rate(self, case_number: str, level: Satisfaction = Satisfaction.SATISFIED) -> None:
        reasons = ("办理时间太长",) if level.is_bad else ()
        self.services.ratings.record(Rating((case_number,), level, reasons))

    def row(self, case_number: str) -> SubmissionRow:
        with Session(self.services.engine) as session:
            return session.scalars(
                select(SubmissionRow).where(SubmissionRow.case_number == case_number)
            ).one()

    def state(self, case_number: str) -> SubmissionState:
        return SubmissionState(self.row(case_number).state)

    def close(self) -> None:
        self.runtime.close()
        self.services.close()


@contextmanager
def agent_kiosk(
    platform: RunningPlatform | None,
    *,
    url: str | None = None,
    enrol: bool = True,
    clock: AgentClock | None = None,
    settings: KioskSettings | None = None,
    around_platform: Callable[[PlatformClient], PlatformApi] | None = None,
    housekept: bool = True,
    **platform_settings: Any,
) -> Iterator[AgentKiosk]:
    """`around_platform` wraps the agent's client (see PoisonPlatform); `url` points the
    agent elsewhere (a FaultProxy in front of the platform). Without a platform, the agent
    talks only to what `around_platform` returns (a FakePlatform, in fake_platform.py).
    `housekept`: the nightly housekeeping has run today already, so a pass does not run it
    (whatever the hour the suite runs at); a test of the housekeeping itself says False."""
    target = url or (platform.url if platform else "http://127.0.0.1:9")
    chosen = settings or settings_for(target, **platform_settings)
    if settings is not None and (url or platform_settings):
        section = settings.platform.model_copy(update={"url": target, **platform_settings})
        chosen = settings.model_copy(update={"platform": section})
    services = build_services(chosen, NoPrinter())
    if housekept:
        record = HousekeepingReport(ran_at=datetime.now(UTC).isoformat())
        (chosen.data_dir / RECORD_FILE).write_text(json.dumps(asdict(record)), encoding="utf-8")
    try:
        runtime = build_agent(chosen, clock, around_platform)
    except BaseException:
        services.close()
        raise
    kiosk = AgentKiosk(chosen, services, runtime)
    try:
        if enrol and platform is not None:
            enrol_identity(platform.engine, runtime.identity)
        yield kiosk
    finally:
        kiosk.close()


class PoisonPlatform:
    """The platform as a stricter version would be: it refuses a whole batch (HTTP 400)
    whenever the batch holds one of `poison` (case numbers); everything else goes through."""

    def __init__(self, inner: PlatformApi, poison: set[str]) -> None:
        self._inner = inner
        self.poison = poison
        self.batches: list[list[str]] = []

    @property
    def clock_offset_s(self) -> float | None:
        return self._inner.clock_offset_s

    def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult:
        numbers = [item.case_number for item in items]
        self.batches.append(numbers)
        if self.poison & set(numbers):
            raise PermanentFailure(400, "malformed", "items: a field this platform refuses")
        return self._inner.deliver_submissions(items)

    def deliver_ratings(self, items: Sequence[RatingItem]) -> BatchResult:
        return self._inner.deliver_ratings(items)

    def deliver_help_requests(self, items: Sequence[HelpRequestItem]) -> BatchResult:
        return self._inner.deliver_help_requests(items)

    def case_updates(self, after: int, limit: int) -> CaseUpdates:
        return self._inner.case_updates(after, limit)

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        return self._inner.send_heartbeat(heartbeat)

    def current_catalog(self, have: str | None) -> SignedCatalog | None:
        return self._inner.current_catalog(have)


def address_of(url: str) -> tuple[str, int]:
    """(host, port) of a URL, for tests.helpers.network.fault_proxy.FaultProxy's upstream."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None, url
    return parts.hostname, parts.port


def platform_cases(platform: RunningPlatform) -> list[dict[str, Any]]:
    """Every case the platform holds (no personal data), oldest first."""
    with platform.session() as session:
        return list_cases(session)


def platform_case(platform: RunningPlatform, case_number: str) -> CaseRow:
    with platform.session() as session:
        return session.scalars(select(CaseRow).where(CaseRow.case_number == case_number)).one()


def now() -> datetime:
    return datetime.now(UTC)
