"""`kiosk run`: starts the touchscreen application (with --simulate, on simulated devices,
beside a sync agent and, when no platform is configured, a simulated platform)."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_CONFIG, EXIT_INVALID_INPUT, CommandFailed, settings_from

if TYPE_CHECKING:
    from kiosk.config import KioskSettings
    from kiosk.crash_loop import CrashLoopGuard
    from kiosk.wiring.devices import SimulatedScanner
    from ui.main_window import KioskWindow

log = logging.getLogger(__name__)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "run", parents=[parent], help="start the touchscreen app (full screen)"
    )
    command.add_argument(
        "--simulate",
        action="store_true",
        help="use simulated ID card reader and printer, and run a sync agent beside the app "
        "(delivering to a simulated platform unless [platform] url is set)",
    )
    command.add_argument(
        "--simulate-scanner",
        choices=("serial", "hid", "camera"),
        help="which QR scanner to simulate (implies --simulate; default serial): a serial "
        "scanner, a USB keyboard-mode scanner, or a camera showing a lookup code now and then",
    )
    command.add_argument(
        "--simulate-camera",
        type=Path,
        metavar="PATH",
        help="simulate a camera playing this video clip or folder of images in a loop "
        "(implies --simulate-scanner camera)",
    )
    command.add_argument("--windowed", action="store_true", help="run in a window, not full screen")
    command.set_defaults(handler=run)


def simulated_scanner(args: argparse.Namespace) -> SimulatedScanner:
    """The scanner to simulate, from --simulate-scanner and --simulate-camera."""
    from kiosk.wiring.devices import SimulatedScanner

    if args.simulate_camera is not None:
        if args.simulate_scanner not in (None, "camera"):
            raise CommandFailed(
                f"--simulate-camera plays a clip to a camera, not a {args.simulate_scanner} "
                "scanner: leave out --simulate-scanner or give it camera",
                EXIT_INVALID_INPUT,
            )
        try:
            return SimulatedScanner("camera", args.simulate_camera)
        except ValueError as exc:
            raise CommandFailed(f"--simulate-camera: {exc}", EXIT_INVALID_INPUT) from exc
    return SimulatedScanner(args.simulate_scanner or "serial")


def run(args: argparse.Namespace) -> int:
    """The attract screen first, from the few settings it needs; everything else after its
    first paint (ui/startup.py), the window's preparation on a worker thread."""
    from kiosk.attract_settings import read_attract_settings, settings_file_to_write
    from kiosk.logs import configure_logging
    from ui.app import run_kiosk_app, styled_application
    from ui.cursor import hide_pointer
    from ui.startup import ColdStart

    simulated = args.simulate or args.simulate_scanner or args.simulate_camera is not None
    settings_file = settings_file_to_write(args.config)
    if not simulated and not settings_file.exists():
        return _provision_first(args, settings_file)
    attract = read_attract_settings(args.config)
    configure_logging(attract.log_level)
    app = styled_application(attract.font_family)
    if attract.hide_cursor and not args.windowed:  # a window on a desktop keeps its pointer
        hide_pointer(app)
    stack = ExitStack()  # closed in reverse: the app's services, devices, then companions
    guards: list[CrashLoopGuard] = []  # the one `_prepare` makes, once it has the services
    try:
        start = ColdStart(
            attract, lambda: _prepare(args, stack, guards), fullscreen=not args.windowed
        )
        code = run_kiosk_app(app, start)
        if start.failure is not None:
            raise start.failure
        for guard in guards:
            guard.ended_cleanly()
        return code
    finally:
        stack.close()


def _provision_first(args: argparse.Namespace, settings_file: Path) -> int:
    """No settings file: the kiosk is not provisioned, and shows the provisioning screen,
    never a resident screen on settings it does not have."""
    from kiosk.attract_settings import AttractSettings
    from kiosk.logs import configure_logging
    from kiosk.wiring.provisioning import provisioning_window
    from ui.app import run_provisioning_app, styled_application

    defaults = AttractSettings()
    configure_logging(defaults.log_level)
    app = styled_application(defaults.font_family)
    log.info("not provisioned", extra={"settings_file": str(settings_file)})
    return run_provisioning_app(app, provisioning_window(settings_file), not args.windowed)


def _prepare(
    args: argparse.Namespace, stack: ExitStack, guards: list[CrashLoopGuard]
) -> Callable[[], KioskWindow]:
    """Settings, companions, devices and services, registered on `stack` to be closed; the
    window to build from them on the GUI thread. Runs on the start-up worker thread. This
    start is recorded first, so a crash from here on counts towards a crash loop."""
    from kiosk.catalog import CatalogError
    from kiosk.crash_loop import CrashLoopGuard
    from kiosk.start_record import StartRecord
    from kiosk.wiring.devices import open_devices
    from kiosk.wiring.services import build_services
    from kiosk.wiring.window import kiosk_window
    from ui.crash_loop_hold import CrashLoopHold

    args.simulate = args.simulate or args.simulate_scanner or args.simulate_camera is not None
    scanner_choice = simulated_scanner(args) if args.simulate else None
    settings = settings_from(args, service=True)
    if settings.platform.sealing_key is None and not args.simulate:
        # Better out of service at start-up, where staff see it, than a resident refused
        # after filling in a whole form.
        raise CommandFailed(
            "invalid configuration:\n  platform.sealing_key: not set; the kiosk cannot accept "
            "applications without the platform's public key (from `kiosk platform init`)",
            EXIT_CONFIG,
        )
    starts = StartRecord(settings.data_dir)
    earlier = starts.begin()  # before anything that could crash: a crash counts as unclean
    if args.simulate:
        settings = _start_companions(settings, args, stack)
    devices = open_devices(settings, args.simulate, scanner_choice)
    stack.callback(devices.close)
    try:
        services = build_services(settings, devices.printer, args.config)
    except CatalogError as exc:
        raise CommandFailed(f"the catalog is invalid:\n{exc}") from exc
    stack.callback(services.close)
    guard = CrashLoopGuard(starts, services.service_switch, services.audit)
    guard.on_start(earlier)
    guards.append(guard)

    def build() -> KioskWindow:
        window = kiosk_window(services, devices)
        CrashLoopHold(window.navigator, window.screens.out_of_service, guard)
        return window

    return build


def _start_companions(
    settings: KioskSettings, args: argparse.Namespace, stack: ExitStack
) -> KioskSettings:
    """The sync agent (and a simulated platform); a failure leaves a demo without delivery
    rather than without a touchscreen."""
    from kiosk.wiring.simulated_platform import SimulationFailed, start_companions

    try:
        companions = start_companions(settings, args.config)
    except SimulationFailed as exc:
        log.error("running without delivery to a platform", extra={"reason": str(exc)})
        return settings
    stack.callback(companions.stop)
    return companions.settings
