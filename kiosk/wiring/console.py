"""Composes the staff console's pages from the services and devices, for `kiosk run` and the
UI tests; each page receives only what it shows or acts on."""

from __future__ import annotations

from kiosk.wiring.devices import Devices
from kiosk.wiring.services import KioskServices
from ui.console.help_page import HelpPage
from ui.console.page import ConsolePage


def console_pages(services: KioskServices, devices: Devices) -> list[ConsolePage]:
    """The console's pages, in the order of its tab row."""
    pages: list[ConsolePage] = []
    pages.append(HelpPage(services.help_desk))
    return pages
