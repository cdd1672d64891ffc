"""The wire protocol without a port: cutting the byte stream into codes and decoding them."""

from __future__ import annotations

import pytest

from drivers.qr.interface import Scanned, ScannerFault, ScannerFaultKind
from drivers.qr.serial_scanner import MAX_CODE_BYTES, CodeFramer, decode_code


def _codes(framer: CodeFramer) -> list[Scanned | ScannerFault]:
    found = []
    while (code := framer.next_code()) is not None:
        found.append(code)
    return found


def test_utf8_is_decoded_as_utf8() -> None:
    assert decode_code("办件编号：SQ-1".encode()) == "办件编号：SQ-1"


def test_gbk_output_falls_back_to_gb18030() -> None:
    assert decode_code("不动产权证书".encode("gbk")) == "不动产权证书"


def test_bytes_in_neither_encoding_are_not_decoded() -> None:
    assert decode_code(b"\xff\xfe\x80") is None


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_every_terminator_setting_ends_a_code(terminator: bytes) -> None:
    framer = CodeFramer()
    framer.feed(b"A1" + terminator + b"B2" + terminator)
    assert _codes(framer) == [Scanned("A1"), Scanned("B2")]


def test_a_code_fed_in_pieces_comes_out_once_complete() -> None:
    framer = CodeFramer()
    encoded = "事项=不动产登记\r".encode()
    for byte in encoded[:-1]:
        framer.feed(bytes([byte]))
        assert framer.next_code() is None
    framer.feed(encoded[-1:])
    assert framer.next_code() == Scanned("事项=不动产登记")


def test_empty_lines_are_ignored() -> None:
    framer = CodeFramer()
    framer.feed(b"\r\n\r\nX\r\n\n")
    assert _codes(framer) == [Scanned("X")]


def test_a_code_of_exactly_the_limit_is_accepted() -> None:
    framer = CodeFramer()
    framer.feed(b"7" * MAX_CODE_BYTES + b"\r")
    assert _codes(framer) == [Scanned("7" * MAX_CODE_BYTES)]


def test_an_over_long_line_is_garbled_and_the_next_code_is_read() -> None:
    framer = CodeFramer()
    framer.feed(b"x" * (MAX_CODE_BYTES + 1) + b"\rNEXT\r")
    first, second = _codes(framer)
    assert isinstance(first, ScannerFault)
    assert first.kind is ScannerFaultKind.GARBLED
    assert second == Scanned("NEXT")


def test_an_over_long_line_without_end_is_garbled_at_once_and_skipped_to_its_end() -> None:
    framer = CodeFramer()
    framer.feed(b"x" * (MAX_CODE_BYTES + 1))
    fault = framer.next_code()
    assert isinstance(fault, ScannerFault)
    assert fault.kind is ScannerFaultKind.GARBLED
    framer.feed(b"y" * 10_000)
    assert framer.next_code() is None
    framer.feed(b"zzz\rNEXT\r")
    assert _codes(framer) == [Scanned("NEXT")]


def test_undecodable_bytes_are_garbled_and_do_not_stop_the_stream() -> None:
    framer = CodeFramer()
    framer.feed(b"\xff\xff\rOK\r")
    first, second = _codes(framer)
    assert isinstance(first, ScannerFault)
    assert first.kind is ScannerFaultKind.GARBLED
    assert "重新扫描" in first.message
    assert second == Scanned("OK")


def test_only_the_configured_terminator_ends_a_code() -> None:
    framer = CodeFramer(terminators=b"\r")
    framer.feed(b"line one\nstill one\r")
    assert _codes(framer) == [Scanned("line one\nstill one")]


def test_dropping_pending_input_also_drops_the_rest_of_a_cut_off_code() -> None:
    framer = CodeFramer()
    framer.feed(b"OLD\rHALF-OF-A-CO")
    framer.drop_pending()
    framer.feed(b"DE\rNEW\r")
    assert _codes(framer) == [Scanned("NEW")]


def test_dropping_pending_input_after_a_whole_code_keeps_the_next_one() -> None:
    framer = CodeFramer()
    framer.feed(b"OLD\r")
    framer.drop_pending()
    framer.feed(b"NEW\r")
    assert _codes(framer) == [Scanned("NEW")]


def test_no_terminator_is_refused() -> None:
    with pytest.raises(ValueError, match="terminator"):
        CodeFramer(terminators=b"")
