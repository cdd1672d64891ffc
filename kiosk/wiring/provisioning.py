"""Provisioning joined up, for `kiosk provision` and the provisioning screen alike: read the
bundle, check it against the trusted keys, apply it, audit it, and try the platform.

Also the scanner the provisioning screen listens to: the configured one does not exist yet
(there are no settings), so it is the one the package's udev rules name, if plugged in.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.audit.events import AuditEvent
from kiosk.provisioning.apply import AlreadyProvisioned, Applied, apply_bundle
from kiosk.provisioning.bundle import SignedBundle, read_bundle
from kiosk.provisioning.check import check_bundle
from kiosk.provisioning.outcome import Outcome, Provisioned, Refused
from kiosk.provisioning.ownership import Ownership, current_ownership
from kiosk.provisioning.paths import HID_SCANNER_DEVICE, SERIAL_SCANNER_DEVICE
from kiosk.provisioning.reach import platform_reachability
from kiosk.provisioning.refusals import BundleUnreadable
from kiosk.provisioning.trust import trusted_keys

if TYPE_CHECKING:
    from drivers.qr import QrScanner
    from ui.provisioning_window import ProvisioningWindow

log = logging.getLogger(__name__)

# The database files a first audit may create; handed to the service user when run as root.
_DATABASE_SUFFIXES = ("", "-wal", "-shm")


def provision(
    text: str,
    settings_file: Path,
    actor: str,
    *,
    origin: str = "",
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
    _audit(applied, signed, actor, origin, ownership)
    log.info("provisioned", extra={"terminal_id": applied.terminal_id})
    reachability = platform_reachability(signed.bundle.platform_url, applied.ca_file)
    return Provisioned(applied, reachability, signed.signature.key_id, signed.bundle.expires_at)


def _audit(
    applied: Applied, signed: SignedBundle, actor: str, origin: str, ownership: Ownership
) -> None:
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
                **({"from": origin} if origin else {}),
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

    device = _scanner_device()
    if device == SERIAL_SCANNER_DEVICE:
        return SerialQrScanner(str(device))
    if device == HID_SCANNER_DEVICE:
        return HidQrScanner(device)
    return None


def _scanner_device() -> Path | None:
    return next((d for d in (SERIAL_SCANNER_DEVICE, HID_SCANNER_DEVICE) if d.exists()), None)


def provisioning_window(settings_file: Path) -> ProvisioningWindow:
    """The provisioning screen, watching the USB sticks and the scanner, provisioning into
    `settings_file` (the file the kiosk reads its settings from)."""
    from kiosk.audit.trail import SYSTEM
    from kiosk.health.usb import removable_drives
    from kiosk.provisioning.sticks import bundle_files
    from ui.provisioning_flow import ProvisioningFlow
    from ui.provisioning_window import ProvisioningWindow
    from ui.scan_polling import ScanPolling
    from ui.screens.provisioning import ProvisioningScreen

    scanner = provisioning_scanner()
    scanner_name = None if scanner is None else str(_scanner_device())
    screen = ProvisioningScreen(scanner_name)
    flow = ProvisioningFlow(
        screen,
        lambda text, origin: provision(text, settings_file, SYSTEM, origin=origin),
        lambda: bundle_files([d.mount_point for d in removable_drives(writable=False)]),
        ScanPolling(scanner) if scanner is not None else None,
    )
    return ProvisioningWindow(screen, flow)
