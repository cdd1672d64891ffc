"""The matter list's search keyboard: its keys read whole, and the tiles shown above it are
whole, on every panel and in elder mode."""

from __future__ import annotations

import pytest

from tests.ui.conftest import RunningKiosk
from tests.ui.layout_check import PANELS, layout_problems


def test_the_elder_shift_key_shows_its_whole_label_on_a_portrait_panel(
    kiosk: RunningKiosk,
) -> None:
    panel = PANELS["1080x1920"]
    kiosk.window.resize(panel)
    kiosk.driver.tap("elder_toggle")
    kiosk.driver.tap("start_button")

    kiosk.driver.tap("matter_list_search")

    assert [p for p in layout_problems(kiosk.window, panel) if "key_shift" in p] == []
