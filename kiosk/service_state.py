"""Whether the kiosk is in service: staff take it out of service (暂停服务) from the console,
and it stays out across restarts until they put it back. Kept as a small file in the data dir
so the touchscreen, the sync agent (for its heartbeat) and `kiosk doctor` all read one truth."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.atomic_file import replace_json
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail

STATE_FILE = "service-state.json"


@dataclass(frozen=True)
class ServiceState:
    in_service: bool
    changed_by: str | None = None  # a staff number, or "system"
    changed_at: datetime | None = None


class ServiceSwitch:
    """Reads and flips the kiosk's in-service state; every flip is audited."""

    def __init__(self, data_dir: Path, audit: AuditTrail) -> None:
        self._path = data_dir / STATE_FILE
        self._audit = audit

    def state(self) -> ServiceState:
        """In service unless a readable file says otherwise: a damaged file must not keep a
        working kiosk closed."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            changed_at = data.get("changed_at")
            return ServiceState(
                in_service=bool(data["in_service"]),
                changed_by=data.get("changed_by"),
                changed_at=datetime.fromisoformat(changed_at) if changed_at else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return ServiceState(in_service=True)

    @property
    def in_service(self) -> bool:
        return self.state().in_service

    def set_in_service(self, in_service: bool, actor: str) -> None:
        if self.state().in_service is in_service:
            return
        now = datetime.now(UTC)
        data = {"in_service": in_service, "changed_by": actor, "changed_at": now.isoformat()}
        replace_json(self._path, data)
        event = AuditEvent.BACK_IN_SERVICE if in_service else AuditEvent.OUT_OF_SERVICE
        self._audit.record(event, actor)
