"""Test data and small builders shared across the suite."""

from __future__ import annotations

from datetime import UTC, datetime

ELDERLY_MATTER = "11440100MB2C91234A-LZ-0001"
# Born 1949-12-31, female (sequence 002): passes GB 11643 and the matter's age rule.
ELDERLY_ID = "11010519491231002X"
ELDERLY_NAME = "王秀英"
FIXED_NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)  # 10:30 in Asia/Shanghai


def elderly_answers(**overrides: str) -> dict[str, object]:
    answers: dict[str, object] = {
        "name": ELDERLY_NAME,
        "id_number": ELDERLY_ID,
        "address": "北京市朝阳区建国路88号1单元101室",
        "mobile": "13800138000",
        "delivery": "窗口自取",
    }
    answers.update(overrides)
    return answers


class RecordingPrinter:
    """A ReceiptPrinter port fake: remembers receipts, or fails the way it is told to."""

    def __init__(self, problem: str | None = None, crash: bool = False) -> None:
        from kiosk.receipts import Receipt

        self.receipts: list[Receipt] = []
        self._problem = problem
        self._crash = crash

    def print_receipt(self, receipt: object) -> object:
        from kiosk.receipts import Receipt, ReceiptOutcome

        assert isinstance(receipt, Receipt)
        if self._crash:
            raise RuntimeError("driver bug")
        self.receipts.append(receipt)
        return ReceiptOutcome(self._problem is None, self._problem)
