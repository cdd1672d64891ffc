"""Lays a domain receipt out on thermal paper and prints it through the ESC/POS driver."""

from __future__ import annotations

from drivers.printer import (
    Align,
    Cut,
    EscPosPrinter,
    Feed,
    NotPrinted,
    QrCode,
    ReceiptDocument,
    Rule,
    Text,
)
from kiosk.receipts import Receipt, ReceiptOutcome


def layout_receipt(receipt: Receipt) -> ReceiptDocument:
    """The receipt as the resident sees it: what, who (masked), when, the case number and QR."""
    when = f"{receipt.submitted_at:%Y-%m-%d %H:%M}"
    limit = "当场办结" if receipt.promised_days == 0 else f"{receipt.promised_days}个工作日内"
    return ReceiptDocument(
        blocks=(
            Text("政务服务受理回执", bold=True, scale=2, align=Align.CENTER),
            Text(receipt.hall_name, align=Align.CENTER),
            Rule(),
            Text(f"办件编号：{receipt.case_number}", bold=True),
            Text(f"事项名称：{receipt.matter_name}"),
            Text(f"受理部门：{receipt.department}"),
            Text(f"申请人：{receipt.applicant_name_masked}"),
            Text(f"证件号码：{receipt.applicant_id_masked}"),
            Text(f"提交时间：{when}"),
            Text(f"办件类型：{receipt.case_type}（{limit}）"),
            Rule(),
            *(Text(f"{n}. {step}") for n, step in enumerate(receipt.next_steps, start=1)),
            Rule(),
            QrCode(receipt.lookup_payload),
            Text("扫码查询办理进度", align=Align.CENTER),
            Text(f"咨询投诉热线：{receipt.hotline}", align=Align.CENTER),
            Text(f"终端：{receipt.terminal_id}", align=Align.CENTER),
            Feed(3),
            Cut(),
        )
    )


class EscPosReceiptPrinter:
    """The domain's ReceiptPrinter port on a real (or simulated) ESC/POS printer."""

    def __init__(self, printer: EscPosPrinter) -> None:
        self._printer = printer

    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome:
        result = self._printer.print_document(layout_receipt(receipt))
        if isinstance(result, NotPrinted):
            return ReceiptOutcome(False, result.message)
        return ReceiptOutcome(True)

    def close(self) -> None:
        self._printer.close()
