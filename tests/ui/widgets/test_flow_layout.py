"""The wrapping button bar: rows that fit, never wider than the panel."""

from __future__ import annotations

from ui.widgets.flow_layout import wrap


def test_buttons_that_fit_share_one_row() -> None:
    assert wrap([200, 200, 200], width=640, spacing=16) == [[0, 1, 2]]


def test_a_button_that_would_overflow_starts_the_next_row() -> None:
    assert wrap([300, 300, 300], width=640, spacing=16) == [[0, 1], [2]]


def test_a_button_wider_than_the_row_still_gets_a_row_of_its_own() -> None:
    assert wrap([100, 900, 100], width=640, spacing=16) == [[0], [1], [2]]
