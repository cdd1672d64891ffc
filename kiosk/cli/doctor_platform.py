"""`kiosk doctor`'s checks of the link to the provincial platform: the keys that bind this
kiosk to it, the HTTPS connection as the sync agent makes it, and the agent's last pass."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.cli.doctor_checks import Check, guarded

if TYPE_CHECKING:
    from kiosk.config import KioskSettings


def platform_checks(settings: KioskSettings) -> Iterator[Check]:
    yield guarded("sealing key", lambda: _sealing_key(settings))
    yield guarded("catalog signing key", lambda: _catalog_key(settings))
    yield guarded("terminal key", lambda: _terminal_key(settings))
    yield guarded("platform", lambda: _platform(settings))
    yield guarded("sync agent", lambda: _sync_agent(settings))


def _sealing_key(settings: KioskSettings) -> Check:
    if settings.platform.sealing_key is None:
        return Check(
            "sealing key",
            False,
            "set platform.sealing_key (the platform's public key, from `kiosk platform init`); "
            "until then the kiosk refuses applications",
        )
    return Check("sealing key", True, f"configured ({settings.platform.suite})")


def _catalog_key(settings: KioskSettings) -> Check:
    if settings.platform.catalog_signing_key is None:
        return Check(
            "catalog signing key",
            False,
            "set platform.catalog_signing_key; until then catalog updates cannot be checked",
        )
    return Check("catalog signing key", True, "configured")


def _terminal_key(settings: KioskSettings) -> Check:
    from kiosk.crypto.keyfiles import read_key_pair
    from kiosk.crypto.suite import encode_key

    path = settings.terminal_key_path
    if not path.exists():
        return Check(
            "terminal key",
            False,
            f"none yet at {path}; run `kiosk keys terminal` and enrol it on the platform",
        )
    pair = read_key_pair(path)
    return Check(
        "terminal key",
        True,
        f"public key {encode_key(pair.public)} (enrol it on the platform: kiosk keys terminal)",
    )


def _platform(settings: KioskSettings) -> Check:
    from kiosk.crypto import suite_named
    from kiosk.crypto.suite import decode_key
    from sync.http import Link
    from sync.platform_client import probe

    platform = settings.platform
    if platform.url is None:
        return Check("platform", False, "no platform configured; set [platform] url in the config")
    result = probe(Link.to_platform(platform.url, platform))
    if not result.reachable:
        fix = "check the network cable and the government extranet link"
        return Check("platform", False, f"{result.detail}; {fix}")
    detail = f"{platform.url}: {result.detail}"
    if result.sealing_key_id is not None and platform.sealing_key is not None:
        ours = suite_named(platform.suite).key_id(decode_key(platform.sealing_key))
        if ours != result.sealing_key_id:
            return Check(
                "platform",
                False,
                f"{detail}; platform.sealing_key (key id {ours}) is not the platform's sealing "
                f"key ({result.sealing_key_id}): what is sealed with it cannot be opened — copy "
                "sealing_key from `kiosk platform init` again",
            )
    if result.clock_offset_s is not None:
        detail += f"; kiosk clock {result.clock_offset_s:+.0f} s from the platform's"
        if abs(result.clock_offset_s) > _CLOCK_TOLERANCE_S:
            return Check("platform", False, detail + "; check time sync (NTP)")
    return Check("platform", True, detail)


# The platform refuses requests more than 300 s off (sync.signing.ALLOWED_SKEW_S); warn early.
_CLOCK_TOLERANCE_S = 60.0


def _sync_agent(settings: KioskSettings) -> Check:
    from kiosk.health.sync_record import agent_overdue
    from sync.pass_record import RECORD_FILE, read_last_pass

    last = read_last_pass(settings.data_dir / RECORD_FILE)
    if last is None:
        return Check(
            "sync agent",
            False,
            "no pass recorded here yet; start kiosk-sync-agent.service "
            "(or run `kiosk sync --once`)",
        )
    age = (datetime.now(UTC) - last.finished_at).total_seconds()
    when = f"last pass {last.finished_at:%Y-%m-%d %H:%M:%S} UTC ({_ago(age)})"
    if last.error is not None:
        success = (
            f"; last success {last.last_success_at:%Y-%m-%d %H:%M:%S} UTC"
            if last.last_success_at
            else "; no success yet"
        )
        return Check("sync agent", False, f"{when} stopped early: {last.error}{success}")
    sync = settings.sync
    if agent_overdue(timedelta(seconds=age), sync.heartbeat_interval_s, sync.backoff_max_s):
        return Check("sync agent", False, f"{when}; is kiosk-sync-agent.service running?")
    queue = last.summary.get("queue", {})
    waiting = queue.get("queued", 0) + queue.get("sending", 0)
    quarantined = queue.get("quarantined", 0)
    detail = f"{when}; {waiting} waiting, {quarantined} quarantined"
    if quarantined:
        return Check("sync agent", False, detail + "; see `kiosk queue` and retry after a fix")
    return Check("sync agent", True, detail)


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
