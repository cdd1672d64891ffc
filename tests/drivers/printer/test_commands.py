"""Wire encoding: Chinese text, QR codes, layout commands and the raster fallback."""

from __future__ import annotations

import pytest

from drivers.printer import commands
from drivers.printer.commands import (
    CHINESE_MODE_ON,
    INITIALIZE,
    StatusRequest,
    cut,
    encode_document,
    encode_receipt,
    qr_code,
    set_align,
    set_bold,
    set_scale,
    status_request,
)
from drivers.printer.document import Align, Cut, Feed, Paper, QrCode, ReceiptDocument, Rule, Text
from drivers.printer.fonts import find_font
from drivers.printer.inspect import RASTER_PLACEHOLDER, extract_text, raster_images

QR_SETUP_MODULE_6 = (
    bytes.fromhex("1d286b0400314132 00")
    + bytes.fromhex("1d286b0300314306")
    + bytes.fromhex("1d286b0300314531")
)
QR_PRINT = bytes.fromhex("1d286b0300315130")


def doc(*blocks: Text | QrCode | Rule | Feed | Cut) -> ReceiptDocument:
    return ReceiptDocument(blocks)


def test_receipt_starts_with_init_and_chinese_mode() -> None:
    data = encode_document(doc(Text("你好")), Paper.MM80)

    assert data.startswith(INITIALIZE + CHINESE_MODE_ON)
    assert data.startswith(bytes.fromhex("1b40 1c26"))


def test_chinese_text_is_sent_as_gb18030() -> None:
    data = encode_document(doc(Text("办件回执")), Paper.MM80)

    assert "办件回执".encode("gb18030") + b"\n" in data
    assert bytes.fromhex("b0ecbcfebbd8d6b4") in data


def test_fullwidth_yuan_sign_is_two_gbk_bytes() -> None:
    data = encode_document(doc(Text("￥12.50")), Paper.MM80)

    assert bytes.fromhex("a3a4") + b"12.50\n" in data
    assert bytes.fromhex("81308436") not in data


def test_bold_scale_and_alignment_are_set_and_reset_around_a_paragraph() -> None:
    data = encode_document(doc(Text("标题", bold=True, scale=2, align=Align.CENTER)), Paper.MM80)

    start = set_align(Align.CENTER) + set_bold(True) + set_scale(2)
    reset = set_bold(False) + set_scale(1) + set_align(Align.LEFT)
    assert start + "标题".encode("gb18030") + b"\n" + reset in data
    assert start == bytes.fromhex("1b6101 1b4501 1d2111")
    assert reset == bytes.fromhex("1b4500 1d2100 1b6100")


@pytest.mark.parametrize(("paper", "width"), [(Paper.MM58, 32), (Paper.MM80, 48)])
def test_rule_is_a_line_of_dashes_as_wide_as_the_paper(paper: Paper, width: int) -> None:
    data = encode_document(doc(Rule()), paper)

    assert set_align(Align.LEFT) + b"-" * width + b"\n" in data


def test_long_chinese_text_wraps_at_sixteen_characters_on_58_mm() -> None:
    text = "一二三四五六七八九十" * 2

    data = encode_document(doc(Text(text)), Paper.MM58)

    assert "一二三四五六七八九十一二三四五六\n".encode("gb18030") in data
    assert "七八九十\n".encode("gb18030") in data


def test_long_chinese_text_wraps_at_twenty_four_characters_on_80_mm() -> None:
    text = "一二三四五六七八九十" * 3

    data = encode_document(doc(Text(text)), Paper.MM80)

    assert ("一二三四五六七八九十" * 2 + "一二三四\n").encode("gb18030") in data
    assert "五六七八九十\n".encode("gb18030") in data


def test_double_size_text_wraps_at_half_the_columns() -> None:
    data = encode_document(doc(Text("一二三四五六七八九十", scale=2)), Paper.MM58)

    assert "一二三四五六七八\n九十\n".encode("gb18030") in data


def test_qr_code_uses_model_2_module_size_level_m_store_and_print() -> None:
    payload = b"ABC"

    encoded = qr_code(payload, 6)

    store = bytes.fromhex("1d286b 0600 315030") + payload
    assert encoded == QR_SETUP_MODULE_6 + store + QR_PRINT


def test_qr_store_length_above_255_bytes_spills_into_ph() -> None:
    payload = b"x" * 300

    encoded = qr_code(payload, 6)

    # pL + 256 * pH = 300 + 3 = 303 = 0x012F
    assert bytes.fromhex("1d286b 2f01 315030") + payload in encoded


def test_qr_block_sends_its_data_as_utf8_centred() -> None:
    data = encode_document(doc(QrCode("办件/123", module_size=4)), Paper.MM80)

    payload = "办件/123".encode()
    assert set_align(Align.CENTER) + bytes.fromhex("1d286b0400314132 00") in data
    assert bytes.fromhex("1d286b0300314304") in data
    assert bytes((len(payload) + 3, 0)) + bytes.fromhex("315030") + payload in data


def test_feed_and_cuts_use_esc_d_and_gs_v() -> None:
    data = encode_document(doc(Feed(3), Cut(), Cut(partial=True)), Paper.MM80)

    assert data.endswith(bytes.fromhex("1b6403 1d564100 1d564200"))
    assert cut() == bytes.fromhex("1d564100")


def test_status_requests_are_dle_eot_n() -> None:
    assert status_request(StatusRequest.PRINTER) == bytes.fromhex("100401")
    assert status_request(StatusRequest.OFFLINE_CAUSE) == bytes.fromhex("100402")
    assert status_request(StatusRequest.PAPER_SENSOR) == bytes.fromhex("100404")


def test_control_characters_in_data_cannot_inject_commands() -> None:
    data = encode_document(doc(Text("张三\x1b@\x10\x04\x01")), Paper.MM80)

    assert "张三@\n".encode("gb18030") in data
    assert b"\x10\x04" not in data


@pytest.mark.skipif(find_font("𠮷") is None, reason="no local font covers U+20BB7")
def test_character_beyond_the_bmp_goes_out_as_a_raster_line_not_as_question_mark() -> None:
    data = encode_document(doc(Text("申请人：吉𠮷")), Paper.MM58)

    images = raster_images(data)
    assert b"\x1dv0" in data
    assert len(images) == 1
    assert images[0].width == Paper.MM58.dots
    assert any(images[0].rows)
    assert extract_text(data) == RASTER_PLACEHOLDER + "\n"


def test_character_no_font_can_draw_is_printed_as_geta_mark_and_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(commands, "find_font", lambda chars, bold=False: None)

    encoded = encode_receipt(doc(Text("申请人：吉𠮷")), Paper.MM80)

    assert "申请人：吉〓\n".encode("gb18030") in encoded.data
    assert encoded.substituted == ("𠮷",)
    assert raster_images(encoded.data) == []
