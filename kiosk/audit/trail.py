"""What code that audits needs: somewhere to append an event. The hash-chained log in the
database fulfils it; so does the in-memory trail the tests use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.audit.events import AuditEvent
from kiosk.storage.sqlite import Cursor

# Who acted, besides a staff member's number.
RESIDENT = "resident"
AGENT = "agent"  # the sync agent
SYSTEM = "system"  # the kiosk itself: housekeeping, recovery
COMMAND_LINE = "command-line"  # a technician's `kiosk` command over SSH


class AuditTrail(Protocol):
    def record(
        self, event: AuditEvent, actor: str, details: Mapping[str, str] | None = None
    ) -> None:
        """Append one event. `actor` says who acted ("resident", "agent", "system", or a staff
        number); `details` names things (a case number, a setting's key), never a person."""


class TransactionalAuditTrail(AuditTrail, Protocol):
    """A trail that can also append inside a write transaction someone else opened."""

    def record_in(
        self,
        cursor: Cursor,
        event: AuditEvent,
        actor: str,
        details: Mapping[str, str] | None = None,
    ) -> None:
        """Append one event in the transaction `cursor` is in: the event and the change it
        records are committed together, or neither is."""


@dataclass(frozen=True)
class RecordedEvent:
    event: AuditEvent
    actor: str
    details: Mapping[str, str]


@dataclass
class MemoryAuditTrail:
    """Keeps events in a list, for tests and for a process with no database."""

    events: list[RecordedEvent] = field(default_factory=list)

    def record(
        self, event: AuditEvent, actor: str, details: Mapping[str, str] | None = None
    ) -> None:
        self.events.append(RecordedEvent(event, actor, dict(details or {})))

    def record_in(
        self,
        cursor: Cursor,
        event: AuditEvent,
        actor: str,
        details: Mapping[str, str] | None = None,
    ) -> None:
        """Kept at once: a list cannot be rolled back with the transaction."""
        self.record(event, actor, details)

    def kinds(self) -> list[AuditEvent]:
        return [recorded.event for recorded in self.events]
