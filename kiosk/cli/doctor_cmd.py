"""`kiosk doctor`: one line per check, OK or FAIL with what to do about it.

Subcommands import their heavy dependencies when they run, so `kiosk --help` starts at once.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, settings_from
from kiosk.cli.doctor_checks import Check, guarded
from kiosk.device_table import missing_stable_device

if TYPE_CHECKING:
    from kiosk.config import KioskSettings


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "doctor", parents=[parent], help="check database, config, devices and platform"
    )
    command.add_argument("--simulate", action="store_true", help="check against simulated devices")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    all_ok = True
    for check in checks(settings, args.simulate):
        all_ok &= check.ok
        print(f"{'OK  ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
    return EXIT_OK if all_ok else EXIT_FAILURE


def checks(settings: KioskSettings, simulate: bool) -> Iterator[Check]:
    from kiosk.cli.scanner_probe import SCANNER_CHECK, scanner_check
    from kiosk.wiring.devices import open_devices

    yield from critical_checks(settings)
    devices = open_devices(settings, simulate) if simulate else None
    try:
        yield guarded("id card reader", lambda: _id_reader(settings, devices is not None))
        yield guarded("printer", lambda: _printer(settings, devices is not None))
        yield guarded(SCANNER_CHECK, lambda: scanner_check(settings, devices is not None))
    finally:
        if devices is not None:
            devices.close()
    from kiosk.cli.doctor_platform import platform_checks

    yield from platform_checks(settings)
    yield from _seen_by_the_kiosk(settings)


def critical_checks(settings: KioskSettings) -> Iterator[Check]:
    """The checks that decide whether the kiosk is healthy (kiosk.health.healthy): none of
    them touches a device, so they run beside the touchscreen without disturbing it."""
    yield Check("config", True, f"valid; state in {settings.data_dir}")
    yield guarded("database", lambda: _database(settings))
    yield guarded("disk", lambda: _disk(settings))
    yield guarded("catalog", lambda: _catalog(settings))


def _seen_by_the_kiosk(settings: KioskSettings) -> Iterator[Check]:
    """What the running touchscreen last found, written whenever a device's state changed."""
    from drivers.health import read_health_file

    for device, state in sorted(read_health_file(settings.health_path).items()):
        detail = "working" if state.ok else state.message
        yield Check(f"{device} (as the kiosk saw it)", state.ok, f"{detail} since {state.since}")


def _database(settings: KioskSettings) -> Check:
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.storage.migrate import head_revision, open_database, stored_revision

    fix = f"check that {settings.data_dir} is writable and not full, then restart the kiosk"
    try:
        engine = open_database(settings.database_path)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT count(*) FROM submissions"))
                connection.rollback()
            current, head = stored_revision(settings.database_path), head_revision()
        finally:
            engine.dispose()
    except SQLAlchemyError as exc:
        return Check("database", False, f"{type(exc).__name__}; {fix}")
    if current != head:
        return Check("database", False, f"schema {current}, expected {head}; {fix}")
    return Check("database", True, f"{settings.database_path} (schema {current}, WAL)")


def _disk(settings: KioskSettings) -> Check:
    from kiosk.health.disk import MIB, disk_status
    from kiosk.health.report import Status

    free = shutil.disk_usage(settings.data_dir).free
    detail = f"{free // MIB} MiB free in {settings.data_dir}"
    status = disk_status(free)
    if status is Status.FAULT:
        return Check("disk", False, f"{detail}; free space or move KIOSK_DATA_DIR")
    if status is Status.WARNING:
        return Check("disk", True, f"{detail}; running low: free space within a few days")
    return Check("disk", True, detail)


def _catalog(settings: KioskSettings) -> Check:
    from kiosk.catalog import CatalogError
    from kiosk.catalog.holder import CatalogHolder

    try:
        catalog = CatalogHolder(settings.data_dir).current()
    except CatalogError as exc:
        fix = "run kiosk catalog validate on it, or install a valid one"
        return Check("catalog", False, f"{len(exc.problems)} problem(s); {fix}")
    counts = f"{len(catalog.matters)} matters, {len(catalog.bundles)} bundles"
    return Check("catalog", True, f"version {catalog.version}, {counts}")


def _id_reader(settings: KioskSettings, simulated: bool) -> Check:
    from drivers.idcard import ReaderFault, SamSerialReader

    port = settings.devices.id_reader.port
    if simulated:
        return Check("id card reader", True, "simulated reader on a pseudo-terminal")
    reader_settings = settings.devices.id_reader
    if reader_settings.backend == "sdk":
        return _sdk_reader(reader_settings.sdk_library, reader_settings.sdk_port)
    if (missing := missing_stable_device(port)) is not None:
        return Check("id card reader", False, missing)
    reader = SamSerialReader(port, baudrate=reader_settings.baudrate)
    try:
        fault = reader.check_sam()
    finally:
        reader.close()
    if isinstance(fault, ReaderFault):
        fix = "check the cable and [devices.id_reader] port"
        return Check("id card reader", False, f"{port}: {fault.message}; {fix}")
    return Check("id card reader", True, f"{port}: SAM module answers")


def _sdk_reader(library: str, port: int) -> Check:
    from drivers.idcard import ReaderFault
    from drivers.idcard.sdk_reader import TermbSdkReader

    reader = TermbSdkReader(library, port)
    try:
        result = reader.read_card()
    finally:
        reader.close()
    if isinstance(result, ReaderFault):
        fix = "check [devices.id_reader] sdk_library and sdk_port, and the USB cable"
        return Check("id card reader", False, f"{library}@{port}: {result.message}; {fix}")
    return Check("id card reader", True, f"{library}@{port}: the SDK answers")


def _printer(settings: KioskSettings, simulated: bool) -> Check:
    from drivers.printer import EscPosPrinter, PrinterProblem
    from kiosk.wiring.printer import PAPER

    uri = settings.devices.printer.uri
    if simulated:
        return Check("printer", True, "simulated ESC/POS printer on loopback")
    if not uri:
        return Check("printer", False, "no printer configured; set [devices.printer] uri")
    if (missing := missing_stable_device(uri.removeprefix("file://"))) is not None:
        return Check("printer", False, missing)
    printer = EscPosPrinter(uri, PAPER[settings.devices.printer.paper])
    try:
        status = printer.status()
    finally:
        printer.close()
    if isinstance(status, PrinterProblem):
        return Check("printer", False, f"{uri}: {status.message}")
    if (problem := status.problem()) is not None:
        return Check("printer", False, f"{uri}: {problem.message}")
    return Check("printer", True, f"{uri}: ready")
