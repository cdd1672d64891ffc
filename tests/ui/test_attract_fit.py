"""The attract screen fits the shortest panel in elder mode, in both languages, with its three
switches in the top bar."""

from __future__ import annotations

import pytest

from tests.ui.conftest import RunningKiosk
from tests.ui.layout_check import PANELS, layout_problems


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_the_elder_attract_screen_fits_a_short_panel_before_and_after_calling_staff(
    kiosk: RunningKiosk, english: bool
) -> None:
    panel = PANELS["1366x768"]
    kiosk.window.resize(panel)
    if english:
        kiosk.driver.tap("language_toggle")

    kiosk.driver.tap("elder_toggle")

    assert layout_problems(kiosk.window, panel) == []
    kiosk.driver.tap("staff_button")
    assert kiosk.driver.text_of("attract_staff_status")
    assert layout_problems(kiosk.window, panel) == []
