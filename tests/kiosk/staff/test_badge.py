"""A staff badge's code: its prefix makes it a badge, its tail is the staff number."""

from __future__ import annotations

from kiosk.staff.badge import badge_number, is_badge


def test_a_badge_carries_its_staff_number() -> None:
    assert badge_number("STAFF:1001", "STAFF:") == "1001"


def test_a_code_with_the_prefix_is_a_badge_even_without_a_valid_number() -> None:
    assert is_badge("STAFF:nobody", "STAFF:")
    assert badge_number("STAFF:nobody", "STAFF:") is None


def test_without_a_prefix_configured_nothing_is_a_badge() -> None:
    assert not is_badge("STAFF:1001", "")
    assert badge_number("1001", "") is None


def test_a_case_number_is_no_badge() -> None:
    assert not is_badge("ZW2026120700001", "STAFF:")
