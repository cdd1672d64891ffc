"""ESC/POS receipt printer driver (回执打印机): layout, wire encoding, device, simulator and
rendering of the printed paper."""

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
from drivers.printer.render import ReceiptRenderer, render_receipts, render_to_png
from drivers.printer.simulator import PrinterSimulator, write_state_file
from drivers.printer.status import PrinterProblem, PrinterStatus, parse_status

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
