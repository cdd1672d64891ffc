"""Composes the staff console's pages from the services and devices, for `kiosk run` and the
UI tests; each page receives only what it shows or acts on."""

from __future__ import annotations

from kiosk.wiring.console_actions import console_actions
from kiosk.wiring.devices import Devices
from kiosk.wiring.health import health_page
from kiosk.wiring.services import KioskServices
from ui.console.actions_page import ActionsPage
from ui.console.app_restart import restart_app
from ui.console.config_page import ConfigPage
from ui.console.help_page import HelpPage
from ui.console.page import ConsolePage


def console_pages(services: KioskServices, devices: Devices) -> list[ConsolePage]:
    """The console's pages, in the order of its tab row."""
    pages: list[ConsolePage] = []
    pages.append(health_page(services, devices))
    pages.append(HelpPage(services.help_desk))
    pages.append(ActionsPage(console_actions(services, devices)))
    audit = services.audit
    pages.append(
        ConfigPage(
            services.settings_file,
            services.live_settings,
            audit,
            lambda actor: restart_app(audit, actor, "settings changed"),
        )
    )
    return pages
