"""Composes the kiosk window from the services and devices: the one composition `kiosk run`
uses, and the UI tests and the tap benchmark with it. The window's side receives only the
narrow collaborators it uses (ui/collaborators.py), never the services bag."""

from __future__ import annotations

from kiosk.wiring.console import console_pages
from kiosk.wiring.devices import Devices
from kiosk.wiring.services import KioskServices
from ui.collaborators import Collaborators
from ui.console.collaborators import StaffCollaborators
from ui.main_window import KioskWindow
from ui.modes import Event


def collaborators(services: KioskServices) -> Collaborators:
    return Collaborators(
        catalogs=services.catalogs,
        submissions=services.submissions,
        progress=services.progress,
        printer=services.printer,
        ratings=services.ratings,
        help_desk=services.help_desk,
        ui=services.settings.ui,
        terminal=services.settings.terminal,
        live_settings=services.live_settings,
    )


def staff_collaborators(services: KioskServices, devices: Devices) -> StaffCollaborators:
    staff = services.settings.staff
    return StaffCollaborators(
        access=services.staff_access,
        pages=console_pages(services, devices),
        service=services.service_switch,
        badge_prefix=staff.badge_prefix,
        console_idle_s=staff.console_idle_s,
    )


def kiosk_window(
    services: KioskServices, devices: Devices, window_type: type[KioskWindow] = KioskWindow
) -> KioskWindow:
    """The resident's window on these services and devices (a QApplication must exist);
    `window_type` is a subclass for a benchmark that times the window's own repaints. A kiosk
    staff left out of service starts on the out-of-service screen, not the attract screen."""
    window = window_type(
        collaborators(services),
        devices.id_reader,
        devices.qr_scanner,
        staff_collaborators(services, devices),
    )
    if not services.service_switch.in_service:
        window.navigator.handle(Event.OUT_OF_SERVICE)
    return window
