"""The configured receipt printer on its own: all `kiosk submit` and the printer commands
open, without the card reader's and the scanner's drivers."""

from __future__ import annotations

from drivers.health import HealthBoard
from drivers.printer import EscPosPrinter, Paper, PrinterUriError
from kiosk.config import KioskSettings
from kiosk.config_error import ConfigError
from kiosk.printing import DocumentPrinter, NoPrinter
from kiosk.wiring.receipt_layout import EscPosDocumentPrinter

PAPER = {"58mm": Paper.MM58, "80mm": Paper.MM80}


def build_printer(
    uri: str, settings: KioskSettings, health: HealthBoard | None = None
) -> DocumentPrinter:
    """The configured printer; a URI the driver cannot use is a configuration error."""
    if not uri:
        return NoPrinter()
    try:
        printer = EscPosPrinter(uri, PAPER[settings.devices.printer.paper])
    except PrinterUriError as exc:
        raise ConfigError(f"invalid configuration:\n  devices.printer.uri: {exc}") from exc
    return EscPosDocumentPrinter(printer, health)
