"""Lays domain documents (receipts, one-time notices) out on thermal paper and prints them
through the ESC/POS driver."""

from __future__ import annotations

from drivers.health import HealthBoard
from drivers.printer import (
    Align,
    Block,
    Cut,
    EscPosPrinter,
    Feed,
    NotPrinted,
    QrCode,
    ReceiptDocument,
    Rule,
    Text,
)
from drivers.printer.printer import Reading
from kiosk.notices import Notice
from kiosk.receipts import Receipt, ReceiptOutcome


def layout_receipt(receipt: Receipt) -> ReceiptDocument:
    """What, who (masked), when, each case number with its promised date, what is still owed."""
    blocks: list[Block] = [
        Text("政务服务受理回执", bold=True, scale=2, align=Align.CENTER),
        Text(receipt.hall_name, align=Align.CENTER),
        Rule(),
        Text(receipt.title, bold=True),
        Text(f"申请人：{receipt.applicant_name_masked}"),
        Text(f"证件号码：{receipt.applicant_id_masked}"),
        Text(f"提交时间：{receipt.submitted_at:%Y-%m-%d %H:%M}"),
    ]
    for case in receipt.cases:
        promise = (
            "当场办结"
            if case.promised_by == receipt.submitted_at.date()
            else f"承诺{case.promised_by:%Y-%m-%d}前办结"
        )
        blocks += [
            Rule(),
            # On its own line: at 58 mm the label and a number do not fit in 32 columns.
            Text("办件编号：", bold=True),
            Text(case.case_number, bold=True),
            Text(f"事项：{case.matter_name}"),
            Text(f"部门：{case.department}"),
            Text(f"{case.case_type}，{promise}"),
        ]
    blocks.append(Rule())
    if receipt.deferred:
        blocks.append(Text("容缺受理，请按期补交以下材料：", bold=True))
        blocks += [Text(f"· {m.name}：{m.deadline:%Y-%m-%d}前") for m in receipt.deferred]
        blocks.append(Text("逾期未补交的，申请将终止办理"))
    if receipt.commitments_signed:
        blocks.append(Text(f"已签署告知承诺 {receipt.commitments_signed} 项，请如实履行"))
    if receipt.delivery:
        blocks.append(Text(f"结果领取方式：{receipt.delivery}"))
    blocks += [Text(f"{n}. {step}") for n, step in enumerate(receipt.next_steps, start=1)]
    blocks += [
        Rule(),
        Feed(1),  # the QR symbol needs a quiet zone around it
        QrCode(receipt.lookup_payload),
        Feed(1),
        Text("扫码查询办理进度", align=Align.CENTER),
        Text(f"咨询投诉热线：{receipt.hotline}", align=Align.CENTER),
        Text(f"终端：{receipt.terminal_id}", align=Align.CENTER),
        Feed(3),
        Cut(),
    ]
    return ReceiptDocument(blocks=tuple(blocks))


def layout_notice(notice: Notice) -> ReceiptDocument:
    """The one-time notice (一次性告知单): everything needed, in one sheet to take home."""
    blocks: list[Block] = [
        Text("一次性告知单", bold=True, scale=2, align=Align.CENTER),
        Text(notice.title, bold=True, align=Align.CENTER),
        Rule(),
    ]
    for section in notice.sections:
        blocks.append(Text(section.heading, bold=True))
        blocks += [Text(f"· {line}") for line in section.lines]
    blocks += [
        Rule(),
        Text(f"打印时间：{notice.printed_at:%Y-%m-%d %H:%M}"),
        Text(f"咨询投诉热线：{notice.hotline}", align=Align.CENTER),
        Feed(3),
        Cut(),
    ]
    return ReceiptDocument(blocks=tuple(blocks))


class EscPosDocumentPrinter:
    """The domain's printing ports on a real (or simulated) ESC/POS printer."""

    def __init__(self, printer: EscPosPrinter, health: HealthBoard | None = None) -> None:
        self._printer = printer
        self._health = health

    def print_receipt(self, receipt: Receipt) -> ReceiptOutcome:
        return self._print(layout_receipt(receipt))

    def print_notice(self, notice: Notice) -> ReceiptOutcome:
        return self._print(layout_notice(notice))

    def status(self) -> Reading:
        """The printer's status now, as the staff console's health page asks it."""
        return self._printer.status()

    def close(self) -> None:
        self._printer.close()

    def _print(self, document: ReceiptDocument) -> ReceiptOutcome:
        result = self._printer.print_document(document)
        if isinstance(result, NotPrinted):
            if self._health is not None:
                self._health.report("printer", False, result.message)
            return ReceiptOutcome(False, result.message, result.problem.name)
        if self._health is not None:
            self._health.report("printer", True)
        return ReceiptOutcome(True)
