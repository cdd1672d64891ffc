"""SW3 status codes and what the reader driver makes of them."""

from __future__ import annotations

import pytest

from drivers.idcard.interface import FaultKind
from drivers.idcard.sam_reader import status_fault
from drivers.idcard.status import Sw3, describe

DOCUMENTED_CODES = {
    0x90: "OK",
    0x91: "NO_SUCH_ITEM",
    0x9F: "CARD_FOUND",
    0x10: "CHECK_BYTE_ERROR",
    0x11: "LENGTH_ERROR",
    0x21: "BAD_COMMAND",
    0x23: "UNAUTHORISED",
    0x24: "UNKNOWN_ERROR",
    0x31: "CARD_TO_SAM_AUTH_FAILED",
    0x32: "SAM_TO_CARD_AUTH_FAILED",
    0x33: "VERIFICATION_FAILED",
    0x37: "FINGERPRINT_ERROR",
    0x3F: "INFO_LENGTH_ERROR",
    0x40: "UNRECOGNISED_CARD_TYPE",
    0x41: "READ_FAILED",
    0x47: "RANDOM_NUMBER_FAILED",
    0x60: "SAM_SELF_TEST_FAILED",
    0x66: "SAM_NOT_AUTHORISED",
    0x80: "FIND_CARD_FAILED",
    0x81: "SELECT_CARD_FAILED",
}


@pytest.mark.parametrize(("code", "name"), DOCUMENTED_CODES.items())
def test_every_documented_code_has_a_member_and_a_chinese_message(code: int, name: str) -> None:
    status = Sw3(code)
    assert status.name == name
    assert status.message
    assert any("\u4e00" <= char <= "\u9fff" for char in status.message)


def test_no_undocumented_members() -> None:
    assert {int(status) for status in Sw3} == set(DOCUMENTED_CODES)


def test_unknown_code_still_gets_a_message_with_the_code() -> None:
    assert "0x5A" in describe(0x5A)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (0x81, FaultKind.SELECT_FAILED),
        (0x60, FaultKind.SAM_FAULT),
        (0x66, FaultKind.SAM_FAULT),
        (0x23, FaultKind.SAM_FAULT),
        (0x10, FaultKind.GARBLED),
        (0x11, FaultKind.GARBLED),
        (0x21, FaultKind.GARBLED),
        (0x40, FaultKind.BAD_CARD_DATA),
        (0x41, FaultKind.READ_FAILED),
        (0x31, FaultKind.READ_FAILED),
        (0x24, FaultKind.READ_FAILED),
        (0x5A, FaultKind.READ_FAILED),
    ],
)
def test_status_codes_map_to_fault_kinds_with_the_status_advice(code: int, kind: FaultKind) -> None:
    fault = status_fault(code)
    assert fault.kind is kind
    assert fault.message == describe(code)
    assert f"0x{code:02X}" in fault.detail


def test_select_failure_tells_the_resident_to_lay_the_card_flat() -> None:
    assert "平放" in Sw3.SELECT_CARD_FAILED.message
