"""Reading receipts back from the byte stream."""

from __future__ import annotations

from drivers.printer.commands import StatusRequest, encode_document, qr_code, status_request
from drivers.printer.document import Paper, QrCode, ReceiptDocument, Text
from drivers.printer.inspect import extract_qr_payloads, extract_text
from drivers.printer.stream import iter_units, status_request_n, unit_length


def test_extract_text_round_trips_a_receipt(receipt: ReceiptDocument) -> None:
    data = encode_document(receipt, Paper.MM58)

    lines = extract_text(data).split("\n")

    assert lines[0] == "办件回执"
    assert lines[1] == "-" * 32
    assert lines[2] == "办件编号：330100-2024-000123"
    assert lines[3] == "申请人：张三"
    assert (
        "".join(lines[4:7]) == "事项：城乡居民基本医疗保险参保登记，请凭本回执到三号窗口领取证件。"
    )
    assert lines[7] == "收费：￥0.00"
    assert lines[8:] == ["", "", ""]


def test_extract_qr_payloads_returns_the_stored_data(receipt: ReceiptDocument) -> None:
    data = encode_document(receipt, Paper.MM80)

    assert extract_qr_payloads(data) == ["https://zwfw.example.gov.cn/case/330100-2024-000123"]


def test_long_and_chinese_qr_payloads_are_read_back_whole() -> None:
    long_payload = "https://zwfw.example.gov.cn/" + "a" * 400
    doc = ReceiptDocument((QrCode(long_payload), QrCode("办件编号：123")))

    assert extract_qr_payloads(encode_document(doc, Paper.MM80)) == [long_payload, "办件编号：123"]


def test_dle_eot_inside_qr_data_is_data_not_a_status_request() -> None:
    stream = qr_code(b"\x10\x04\x01", 6) + status_request(StatusRequest.PAPER_SENSOR)

    requests = [status_request_n(stream, s, e - s) for s, e in iter_units(stream)]

    assert [n for n in requests if n is not None] == [4]


def test_incomplete_command_asks_for_more_bytes() -> None:
    stream = qr_code(b"abc", 6)

    assert unit_length(stream[:20], 17) is None
    assert unit_length(b"\x1d", 0) is None


def test_text_outside_commands_is_all_that_is_extracted() -> None:
    data = encode_document(ReceiptDocument((Text("A", bold=True), Text("乙", scale=2))), Paper.MM80)

    assert extract_text(data) == "A\n乙\n"
