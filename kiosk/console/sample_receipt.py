"""The test receipt a printer test prints, from the console or `kiosk device print-test`: Chinese
text, a QR code and a rare character (𠮷), so one look shows the whole printing path works."""

from __future__ import annotations

from datetime import datetime

from kiosk.receipts import DeferredMaterial, Receipt, ReceiptCase

SAMPLE_CASE_NUMBER = "TEST0000-20260101-000001"


def printer_test_receipt(
    hall_name: str, terminal_id: str | None, lookup_url: str, hotline: str, now: datetime
) -> Receipt:
    """A receipt that holds no resident's data, marked as a test on its title."""
    return Receipt(
        hall_name="打印测试 · " + hall_name,
        terminal_id=terminal_id or "TEST",
        title="打印测试回执（生僻字：𠮷）",
        cases=(ReceiptCase(SAMPLE_CASE_NUMBER, "测试事项", "测试部门", "承诺件", now.date()),),
        applicant_name_masked="王**",
        applicant_id_masked="110***********002X",
        submitted_at=now,
        deferred=(DeferredMaterial("收入证明", now.date()),),
        commitments_signed=1,
        delivery="邮寄",
        next_steps=("中文 GB18030、二维码、位图行都应清晰可读", "金额符号：￥20.00"),
        lookup_payload=lookup_url.format(case_number=SAMPLE_CASE_NUMBER),
        hotline=hotline,
    )
