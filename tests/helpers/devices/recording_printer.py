"""A receipt printer for tests of what the kiosk prints, with no device behind it."""

from __future__ import annotations

from kiosk.receipts import Receipt, ReceiptOutcome


class RecordingPrinter:
    """A DocumentPrinter port fake: remembers what it printed, or fails as it is told to."""

    def __init__(self, problem: str | None = None, crash: bool = False) -> None:
        self.receipts: list[Receipt] = []
        self.notices: list[object] = []
        self._problem = problem
        self._crash = crash

    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome:
        if self._crash:
            raise RuntimeError("driver bug")
        self.receipts.append(receipt)
        return ReceiptOutcome(self._problem is None, self._problem)

    def print_notice(self, notice: object) -> ReceiptOutcome:
        self.notices.append(notice)
        return ReceiptOutcome(self._problem is None, self._problem)

    def close(self) -> None:
        """Nothing to release."""
