"""ESC/POS receipt printer driver (回执打印机): layout, wire encoding, device, simulator and
rendering of the printed paper.

The renderer and the simulator (numpy and a barcode reader, about 0.2 s to import) load on
first use: printing a receipt needs neither, and `kiosk submit` should answer at once.
"""

from typing import TYPE_CHECKING

from drivers.lazy import lazy_exports
from drivers.printer.commands import EncodedReceipt, encode_document, encode_receipt
from drivers.printer.connection import ConnectionFailedError, PrinterUriError, parse_printer_uri
from drivers.printer.document import (
    Align,
    Block,
    Cut,
    Feed,
    Paper,
    QrCode,
    ReceiptDocument,
    Rule,
    Text,
)
from drivers.printer.inspect import extract_qr_payloads, extract_text
from drivers.printer.printer import EscPosPrinter, NotPrinted, Printed, PrintResult
from drivers.printer.status import PrinterProblem, PrinterStatus, parse_status

if TYPE_CHECKING:
    from drivers.printer.render import ReceiptRenderer, render_receipts, render_to_png
    from drivers.printer.simulator import PrinterSimulator, write_state_file

# Exported name -> module, imported when the name is first asked for.
_LAZY = {
    **dict.fromkeys(
        ("ReceiptRenderer", "render_receipts", "render_to_png"), "drivers.printer.render"
    ),
    **dict.fromkeys(("PrinterSimulator", "write_state_file"), "drivers.printer.simulator"),
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "Align",
    "Block",
    "ConnectionFailedError",
    "Cut",
    "EncodedReceipt",
    "EscPosPrinter",
    "Feed",
    "NotPrinted",
    "Paper",
    "PrintResult",
    "Printed",
    "PrinterProblem",
    "PrinterSimulator",
    "PrinterStatus",
    "PrinterUriError",
    "QrCode",
    "ReceiptDocument",
    "ReceiptRenderer",
    "Rule",
    "Text",
    "encode_document",
    "encode_receipt",
    "extract_qr_payloads",
    "extract_text",
    "parse_printer_uri",
    "parse_status",
    "render_receipts",
    "render_to_png",
    "write_state_file",
]
