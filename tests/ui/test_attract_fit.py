"""The attract screen fits the shortest panel in elder mode, in both languages, with its three
switches and the call for staff in the top bar."""

from __future__ import annotations

import pytest

from tests.helpers.ui.layout_check import layout_problems
from tests.helpers.ui.visits import RunningKiosk


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_elder_attract_screen_fits_a_short_panel_before_and_after_calling_staff(
    kiosk: RunningKiosk, english: bool
) -> None:
    panel = kiosk.driver.on_panel("1366x768", english=english, elder=True)

    assert layout_problems(kiosk.window, panel) == []
    assert kiosk.driver.call_staff()
    assert layout_problems(kiosk.window, panel) == []
