"""`kiosk run`: starts the touchscreen application."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import CommandFailed, settings_from


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "run", parents=[parent], help="start the touchscreen app (full screen)"
    )
    command.add_argument(
        "--simulate", action="store_true", help="use simulated ID card reader and printer"
    )
    command.add_argument("--windowed", action="store_true", help="run in a window, not full screen")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.catalog import CatalogError
    from kiosk.wiring.devices import open_devices
    from kiosk.wiring.services import build_services
    from ui.app import run_kiosk_app

    settings = settings_from(args)
    devices = open_devices(settings, args.simulate)
    try:
        services = build_services(settings, devices.printer)
    except CatalogError as exc:
        devices.close()
        raise CommandFailed(f"the catalog is invalid:\n{exc}") from exc
    try:
        return run_kiosk_app(
            services, devices.id_reader, devices.qr_scanner, fullscreen=not args.windowed
        )
    finally:
        services.close()
        devices.close()
