"""The kiosk's printer as the domain sees it: receipts and one-time notices."""

from __future__ import annotations

from typing import Protocol

from kiosk.notices import Notice
from kiosk.receipts import Receipt, ReceiptOutcome

_NO_PRINTER = "本机未配置打印机，请记下办件编号或扫码查询"


class DocumentPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome: ...

    def print_notice(self, notice: Notice) -> ReceiptOutcome: ...

    def close(self) -> None: ...


class NoPrinter:
    """For a kiosk configured without a printer: nothing prints, and every caller is told."""

    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome:
        return ReceiptOutcome(False, _NO_PRINTER)

    def print_notice(self, notice: Notice) -> ReceiptOutcome:
        return ReceiptOutcome(False, _NO_PRINTER)

    def close(self) -> None:
        """Nothing to release."""
