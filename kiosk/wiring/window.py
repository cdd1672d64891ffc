"""Composes the kiosk window from the services and devices: the one composition `kiosk run`
uses, and the UI tests and the tap benchmark with it. The window's side receives only the
narrow collaborators it uses (ui/collaborators.py), never the services bag."""

from __future__ import annotations

from kiosk.wiring.devices import Devices
from kiosk.wiring.services import KioskServices
from ui.collaborators import Collaborators
from ui.main_window import KioskWindow


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
    )


def kiosk_window(
    services: KioskServices, devices: Devices, window_type: type[KioskWindow] = KioskWindow
) -> KioskWindow:
    """The resident's window on these services and devices (a QApplication must exist);
    `window_type` is a subclass for a benchmark that times the window's own repaints."""
    return window_type(collaborators(services), devices.id_reader, devices.qr_scanner)
