"""Installing a bundle: checked before RAUC is asked, audited once RAUC has written it."""

from __future__ import annotations

from pathlib import Path

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.update.rauc import Rauc, UpdateProblem

BUNDLE_SUFFIX = ".raucb"


def install_bundle(rauc: Rauc, bundle: Path, audit: AuditTrail, actor: str) -> str:
    """Write `bundle` to the slot not booted; the bootname that boots next is returned."""
    if not bundle.is_file():
        raise UpdateProblem(f"{bundle} is not a file: give the path of the .raucb bundle")
    if bundle.suffix != BUNDLE_SUFFIX:
        raise UpdateProblem(f"{bundle.name} is no update bundle: its name must end in .raucb")
    rauc.install(bundle.resolve())
    target = rauc.status().primary_bootname() or "?"
    audit.record(AuditEvent.UPDATE_INSTALLED, actor, {"bundle": bundle.name, "slot": target})
    return target
