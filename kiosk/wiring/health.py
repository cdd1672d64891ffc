"""Composes the health page's checks from the settings and what the process holds: the
database, the catalog in force, the printer when this process drives it, and the number of
open help requests. `kiosk diagnostics` and the staff console take the same report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings, PlatformSettings
from kiosk.health.catalog import TITLE as CATALOG_TITLE
from kiosk.health.catalog import catalog_facts, catalog_line
from kiosk.health.collect import HealthSource, collect
from kiosk.health.devices import (
    PRINTER_TITLE,
    READER_TITLE,
    SCANNER_TITLE,
    BoardState,
    PrinterCondition,
    printer_from_board,
    printer_line,
    read_board,
    reader_line,
    scanner_line,
)
from kiosk.health.diagnostics import DiagnosticsSources, default_log_lines, export_diagnostics
from kiosk.health.disk import TITLE as DISK_TITLE
from kiosk.health.disk import disk_line
from kiosk.health.help_requests import TITLE as HELP_TITLE
from kiosk.health.help_requests import help_line
from kiosk.health.network import (
    NETWORK_TITLE,
    PlatformAnswer,
    network_lines,
    tcp_connects,
)
from kiosk.health.queue import SUBMISSIONS_TITLE, ratings_line, read_queue_facts, submissions_line
from kiosk.health.report import HealthLine, HealthReport
from kiosk.health.sync_record import RECORD_FILE, read_sync_record, sync_line
from kiosk.health.sync_record import TITLE as SYNC_TITLE
from kiosk.health.usb import removable_drives
from kiosk.health.versions import (
    UPTIME_TITLE,
    VERSIONS_TITLE,
    app_version,
    machine_uptime,
    process_uptime,
    uptime_line,
    versions_line,
)
from kiosk.printing import DocumentPrinter
from kiosk.storage.sqlite import Database

if TYPE_CHECKING:
    from kiosk.wiring.devices import Devices
    from kiosk.wiring.services import KioskServices
    from ui.console.health_page import HealthPage

# What asks the printer for its status now: None when this process does not drive it.
PrinterProbe = Callable[[], PrinterCondition] | None


def health_sources(
    settings: KioskSettings,
    database: Database,
    catalogs: CatalogHolder,
    printer_probe: PrinterProbe,
    open_help_requests: Callable[[], int],
) -> list[HealthSource]:
    """Every check of the health page, in the order the page lists lines of equal status;
    each guarded on its own, so one that breaks says which."""
    configured_printer = bool(settings.devices.printer.uri)

    def board() -> dict[str, BoardState]:
        return read_board(settings.health_path)  # read again at each check

    def printer() -> list[HealthLine]:
        if printer_probe is not None and configured_printer:
            return [printer_line(True, printer_probe())]
        return [printer_from_board(configured_printer, board().get("printer"))]

    def scanner() -> list[HealthLine]:
        return [scanner_line(settings.devices.qr_scanner is not None, board().get("qr_scanner"))]

    def queue() -> list[HealthLine]:
        facts = read_queue_facts(database)
        return [submissions_line(facts, _now()), ratings_line(facts)]

    def sync() -> list[HealthLine]:
        timing = settings.sync
        record = read_sync_record(settings.data_dir / RECORD_FILE)
        return [sync_line(record, _now(), timing.heartbeat_interval_s, timing.backoff_max_s)]

    def versions() -> list[HealthLine]:
        record = read_sync_record(settings.data_dir / RECORD_FILE)
        return [versions_line(app_version(), record.agent_version if record else None)]

    def network() -> list[HealthLine]:
        platform = settings.platform
        return network_lines(
            platform.url,
            lambda host, port: tcp_connects(host, port, platform.timeout_s),
            lambda: ask_platform(platform.url or "", platform),
        )

    def catalog() -> list[HealthLine]:
        return [catalog_line(catalog_facts(catalogs.current(), settings.data_dir), _now())]

    return [
        HealthSource("id_reader", READER_TITLE, lambda: [reader_line(board().get("id_reader"))]),
        HealthSource("qr_scanner", SCANNER_TITLE, scanner),
        HealthSource("printer", PRINTER_TITLE, printer),
        HealthSource("network", NETWORK_TITLE, network),
        HealthSource("sync", SYNC_TITLE, sync),
        HealthSource("queue", SUBMISSIONS_TITLE, queue),
        HealthSource("disk", DISK_TITLE, lambda: [disk_line(settings.data_dir)]),
        HealthSource("catalog", CATALOG_TITLE, catalog),
        HealthSource("versions", VERSIONS_TITLE, versions),
        HealthSource("help", HELP_TITLE, lambda: [help_line(open_help_requests())]),
        HealthSource(
            "uptime", UPTIME_TITLE, lambda: [uptime_line(process_uptime(), machine_uptime())]
        ),
    ]


def _now() -> datetime:
    return datetime.now(UTC)


def ask_platform(url: str, platform: PlatformSettings) -> PlatformAnswer:
    """The platform's unsigned health check at `url`, made as the sync agent and `kiosk
    doctor` make it (network_lines asks only when a URL is set)."""
    from sync.http import Link
    from sync.platform_client import probe

    result = probe(Link.to_platform(url, platform))
    return PlatformAnswer(result.reachable, result.detail)


def printer_probe_of(printer: DocumentPrinter) -> PrinterProbe:
    """How to ask the kiosk's printer for its status, when it is an ESC/POS printer."""
    from drivers.printer import PrinterProblem
    from kiosk.wiring.receipt_layout import EscPosDocumentPrinter

    if not isinstance(printer, EscPosDocumentPrinter):
        return None

    def condition() -> PrinterCondition:
        reading = printer.status()
        if reading is PrinterProblem.DISCONNECTED:
            return PrinterCondition(connected=False)
        if isinstance(reading, PrinterProblem):
            return PrinterCondition(status_known=False)
        return PrinterCondition(
            cover_open=reading.cover_open,
            paper_out=reading.paper_out,
            paper_near_end=reading.paper_near_end,
            offline=reading.offline,
            error=reading.error,
        )

    return condition


def health_page(services: KioskServices, devices: Devices) -> HealthPage:
    """The console's health page on this process's services and devices."""
    from ui.console.health_page import HealthPage  # Qt only for the console, not the CLI

    settings = services.settings
    checks = health_sources(
        settings,
        services.engine,
        services.catalogs,
        printer_probe_of(devices.printer),
        services.help_desk.open_count,
    )

    def take_report() -> HealthReport:
        return collect(checks)

    bundle = DiagnosticsSources(settings, take_report, default_log_lines(settings))
    return HealthPage(
        take_report,
        removable_drives,
        lambda target, actor: export_diagnostics(target, bundle, services.audit, actor),
    )
