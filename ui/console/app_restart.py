"""Restarting the touchscreen app from the console: audited, then the event loop ends with
the exit code systemd restarts the app on (kiosk.app_restart)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.app_restart import RESTART_EXIT_CODE
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail


def restart_app(audit: AuditTrail, actor: str, reason: str) -> None:
    audit.record(AuditEvent.APP_RESTART_REQUESTED, actor, {"reason": reason})
    QApplication.exit(RESTART_EXIT_CODE)
