"""What the staff's side of the window reaches in the world, and nothing more: the access
service, the console's pages, whether the kiosk is in service, and how badges look. Built by
the composition root (kiosk/wiring/window.py), like the resident's collaborators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kiosk.staff.access_service import StaffAccess
from ui.console.page import ConsolePage


class InService(Protocol):
    """Whether the kiosk takes residents (kiosk.service_state.ServiceSwitch)."""

    @property
    def in_service(self) -> bool: ...


@dataclass(frozen=True)
class StaffCollaborators:
    access: StaffAccess
    pages: list[ConsolePage]
    service: InService
    badge_prefix: str  # empty: no staff badges
    console_idle_s: int
