"""Provisioning joined up, for `kiosk provision` and the provisioning screen alike: read the
bundle, check it against the trusted keys, apply it, audit it, and try the platform.

Also the scanner the provisioning screen listens to: the configured one does not exist yet
(there are no settings), so it is the one the package's udev rules name, if plugged in.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.audit.events import AuditEvent
from kiosk.provisioning.apply import AlreadyProvisioned, Applied, apply_bundle
from kiosk.provisioning.bundle import SignedBundle, read_bundle
from kiosk.provisioning.check import check_bundle
from kiosk.provisioning.ownership import Ownership, current_ownership
from kiosk.provisioning.paths import HID_SCANNER_DEVICE, SERIAL_SCANNER_DEVICE
from kiosk.provisioning.reach import Reachability, platform_reachability
from kiosk.provisioning.refusals import BundleUnreadable, Refusal
from kiosk.provisioning.trust import trusted_keys

if TYPE_CHECKING:
    from drivers.qr import QrScanner

log = logging.getLogger(__name__)

# The database files a first audit may create; handed to the service user when run as root.
_DATABASE_SUFFIXES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class Provisioned:
    applied: Applied
    reachability: Reachability
    signed_by: str  # the id of the provisioning key that signed the bundle
    expires_at: str


@dataclass(frozen=True)
class Refused:
    refusals: list[Refusal]


Outcome = Provisioned | Refused


def provision(
    text: str,
    settings_file: Path,
    actor: str,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> Outcome:
    """Provision from a bundle's text (a file's or a scanned code's). Refused for a bundle
    that must not be applied; raises NoServiceAccount, ConfigError or OSError when it cannot
    be applied on this machine."""
    try:
        signed = read_bundle(text)
    except BundleUnreadable as exc:
        return Refused([exc.refusal])
    keys, problems = trusted_keys()
    for problem in problems:
        log.warning("a trusted provisioning key file has a bad line", extra={"problem": problem})
    refusals = check_bundle(signed, keys, now or datetime.now(UTC))
    if refusals:
        return Refused(refusals)
    ownership = current_ownership()
    try:
        applied = apply_bundle(signed.bundle, settings_file, ownership, force=force)
    except AlreadyProvisioned as exc:
        return Refused([exc.refusal])
    _audit(applied, signed, actor, ownership)
    log.info("provisioned", extra={"terminal_id": applied.terminal_id})
    reachability = platform_reachability(signed.bundle.platform_url, applied.ca_file)
    return Provisioned(applied, reachability, signed.signature.key_id, signed.bundle.expires_at)


def _audit(applied: Applied, signed: SignedBundle, actor: str, ownership: Ownership) -> None:
    from kiosk.audit.log import AuditLog
    from kiosk.storage.migrate import open_database

    database = applied.database
    engine = open_database(database)
    try:
        AuditLog.in_suite(engine, applied.suite).record(
            AuditEvent.PROVISIONED,
            actor,
            {
                "terminal_id": applied.terminal_id,
                "provisioning_key": signed.signature.key_id,
                "issued_at": signed.bundle.issued_at,
                "replaced_earlier": "yes" if applied.reprovisioned else "no",
                "terminal_key": "created" if applied.key_created else "kept",
            },
        )
    finally:
        engine.dispose()
    if ownership.secret is not None:
        for suffix in _DATABASE_SUFFIXES:
            path = database.with_name(database.name + suffix)
            if path.exists():
                os.chown(path, *ownership.secret)


def provisioning_scanner() -> QrScanner | None:
    """The QR scanner under the udev rules' stable name, serial first; None if neither is
    plugged in (the USB stick is then the way)."""
    from drivers.qr import HidQrScanner, SerialQrScanner

    if SERIAL_SCANNER_DEVICE.exists():
        return SerialQrScanner(str(SERIAL_SCANNER_DEVICE))
    if HID_SCANNER_DEVICE.exists():
        return HidQrScanner(str(HID_SCANNER_DEVICE))
    return None
