"""Builds the sync agent from the kiosk's settings: the database the touchscreen writes, this
terminal's identity and signing key, the platform client and the catalog trust.

A setting the agent cannot work without is a configuration error naming it (exit 78, which
systemd does not restart on): retrying will not make a missing URL appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from kiosk.audit.log import AuditLog
from kiosk.audit.trail import AGENT
from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings
from kiosk.config_error import ConfigError
from kiosk.console.sync_now import SyncRequests
from kiosk.crypto import CryptoSuite, KeyPair, suite_named
from kiosk.crypto.keyfiles import load_or_create_signing_key
from kiosk.crypto.suite import decode_key, encode_key
from kiosk.help_queue import help_queue
from kiosk.housekeeping.housekeeper import housekeeper_for
from kiosk.rating_queue import rating_queue
from kiosk.storage.migrate import open_database
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.store import SubmissionStore
from sync.agent import AgentClock, SyncAgent
from sync.agent_lock import LOCK_FILE
from sync.catalog_update import CatalogTrust
from sync.http import Link
from sync.pass_record import RECORD_FILE, PassRecorder
from sync.platform_client import PlatformClient
from sync.ports import PlatformApi


@dataclass(frozen=True)
class TerminalIdentity:
    """What the platform needs to enrol this terminal."""

    terminal_id: str
    suite: str
    public_key: str  # base64
    key_file: Path


@dataclass
class SyncRuntime:
    agent: SyncAgent
    client: PlatformClient
    engine: Engine
    identity: TerminalIdentity
    lock_path: Path

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()


def build_agent(
    settings: KioskSettings,
    clock: AgentClock | None = None,
    around_platform: Callable[[PlatformClient], PlatformApi] | None = None,
) -> SyncRuntime:
    """Raises ConfigError naming each missing or unusable setting. `around_platform` wraps
    the client the agent talks through (fault injection, recording)."""
    platform = settings.platform
    url, catalog_key = platform.url, platform.catalog_signing_key
    missing = [
        f"  platform.{name}: not set; {why}"
        for name, value, why in (
            ("url", url, "the agent needs the provincial platform's address"),
            (
                "catalog_signing_key",
                catalog_key,
                "catalog updates cannot be checked without it (from `kiosk platform init`)",
            ),
        )
        if value is None
    ]
    if url is None or catalog_key is None:
        raise ConfigError("invalid configuration:\n" + "\n".join(missing))
    suite = suite_named(platform.suite)
    engine = open_database(settings.database_path)
    try:
        store = SubmissionStore(engine, settings.terminal.id, None)
        identity, key = _identity(settings, suite, store)
        client = PlatformClient(
            Link.to_platform(url, platform),
            suite=suite,
            terminal_id=identity.terminal_id,
            key=key,
        )
        now = (clock or AgentClock()).now
        audit = AuditLog(engine, suite.digest, now)
        submissions = SubmissionQueue(engine, now, audit=audit, actor=AGENT)
        agent = SyncAgent(
            platform=around_platform(client) if around_platform else client,
            submissions=submissions,
            ratings=rating_queue(engine, now, audit=audit, actor=AGENT),
            help_requests=help_queue(engine, now, audit=audit, actor=AGENT),
            store=store,
            catalogs=CatalogHolder(settings.data_dir),
            catalog_trust=CatalogTrust(suite, decode_key(catalog_key)),
            settings=settings.sync,
            terminal_id=identity.terminal_id,
            health_file=settings.health_path,
            housekeeper=housekeeper_for(settings, submissions, audit, AGENT),
            recorder=PassRecorder(settings.data_dir / RECORD_FILE),
            clock=clock,
            audit_head=audit.head,
            requests=SyncRequests(settings.data_dir),
        )
    except BaseException:
        engine.dispose()
        raise
    return SyncRuntime(agent, client, engine, identity, settings.data_dir / LOCK_FILE)


def terminal_identity(settings: KioskSettings) -> TerminalIdentity:
    """This terminal's id and public key; the key is created on first use."""
    engine = open_database(settings.database_path)
    try:
        store = SubmissionStore(engine, settings.terminal.id, None)
        identity, _ = _identity(settings, suite_named(settings.platform.suite), store)
        return identity
    finally:
        engine.dispose()


def _identity(
    settings: KioskSettings, suite: CryptoSuite, store: SubmissionStore
) -> tuple[TerminalIdentity, KeyPair]:
    path = settings.terminal_key_path
    try:
        key = load_or_create_signing_key(path, suite)
    except ValueError as exc:
        raise ConfigError(f"invalid configuration:\n  platform.terminal_key: {exc}") from exc
    except OSError as exc:
        raise ConfigError(
            f"invalid configuration:\n  platform.terminal_key: cannot use {path}: {exc}"
        ) from exc
    identity = TerminalIdentity(store.terminal_id(), suite.name, encode_key(key.public), path)
    return identity, key
