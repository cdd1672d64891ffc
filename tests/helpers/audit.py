"""The audit log as a test reads it: the kiosk's database log taken as the in-memory trail's
list of events, so a test asserts on (event, actor, details) whichever trail was written."""

from __future__ import annotations

import json

from kiosk.audit.events import AuditEvent
from kiosk.audit.log import AuditLog
from kiosk.audit.trail import AuditTrail, MemoryAuditTrail, RecordedEvent


def snapshot(audit: AuditTrail) -> MemoryAuditTrail:
    """What `audit` holds now, oldest first."""
    if isinstance(audit, MemoryAuditTrail):
        return audit
    assert isinstance(audit, AuditLog)
    return MemoryAuditTrail(
        [
            RecordedEvent(AuditEvent(record.event), record.actor, json.loads(record.details))
            for record in audit.records()
        ]
    )
