"""The progress lookup, whose keyboard is always up, fits short and portrait panels."""

from __future__ import annotations

import pytest

from tests.helpers.ui.layout_check import layout_problems
from tests.helpers.ui.visits import RunningKiosk


@pytest.mark.parametrize(
    ("panel", "elder", "english"),
    [
        ("1366x768", False, True),
        ("1366x768", True, False),
        ("1366x768", True, True),
        ("1280x1024", True, False),
        ("1080x1920", True, True),
    ],
)
def test_the_lookup_with_its_keyboard_fits_the_panel(
    kiosk: RunningKiosk, panel: str, elder: bool, english: bool
) -> None:
    size = kiosk.driver.on_panel(panel, english=english, elder=elder)

    kiosk.driver.tap("lookup_button")

    assert layout_problems(kiosk.window, size) == []


# Elder buttons no longer wrap to a second row at 1280 wide, which leaves room there for both.
@pytest.mark.parametrize("panel_name", ["1366x768"])
def test_an_answer_too_long_for_a_short_panel_takes_the_instructions_place(
    kiosk: RunningKiosk, panel_name: str
) -> None:
    panel = kiosk.driver.on_panel(panel_name, elder=True)
    kiosk.driver.tap("lookup_button")
    lookup = kiosk.window.screens.lookup

    lookup.show_results([])  # 没有找到办件 ...: two lines

    assert lookup.results.isVisible() and not lookup.instruction_label.isVisible()
    assert layout_problems(kiosk.window, panel) == []
    lookup.reset()
    assert lookup.instruction_label.isVisible() and not lookup.results.isVisible()


def test_where_there_is_room_the_answer_shows_beside_the_instruction(kiosk: RunningKiosk) -> None:
    panel = kiosk.driver.on_panel("1280x1024", elder=True)
    kiosk.driver.tap("lookup_button")
    lookup = kiosk.window.screens.lookup

    lookup.show_results([])

    assert lookup.results.isVisible() and lookup.instruction_label.isVisible()
    assert layout_problems(kiosk.window, panel) == []
