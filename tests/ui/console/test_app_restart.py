"""Restarting the app from the console: audited, and the event loop ends with the exit code
systemd restarts the app on (any but 78, which marks a configuration error)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app_restart import RESTART_EXIT_CODE
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.cli.common import EXIT_CONFIG
from ui.console.app_restart import restart_app


def test_a_restart_is_audited_and_ends_the_event_loop_with_the_restart_code(
    qapp: QApplication,
) -> None:
    audit = MemoryAuditTrail()
    QTimer.singleShot(0, lambda: restart_app(audit, "T001", "settings changed"))

    assert qapp.exec() == RESTART_EXIT_CODE != EXIT_CONFIG
    [recorded] = audit.events
    assert recorded.event is AuditEvent.APP_RESTART_REQUESTED and recorded.actor == "T001"
    assert recorded.details == {"reason": "settings changed"}
