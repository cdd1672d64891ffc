"""The title and the switches every screen shares fit the narrowest panel in every language."""

from __future__ import annotations

from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import layout_problems
from tests.helpers.ui.visits import RunningKiosk


def test_the_english_elder_title_wraps_inside_a_portrait_panel(kiosk: RunningKiosk) -> None:
    panel = kiosk.driver.on_panel("1080x1920")

    kiosk.driver.tap("language_toggle")
    kiosk.driver.tap("elder_toggle")

    assert layout_problems(kiosk.window, panel) == []


def test_the_english_elder_matter_list_title_shares_a_row_with_the_switches(
    kiosk: RunningKiosk,
) -> None:
    panel = kiosk.driver.on_panel("1366x768", english=True, elder=True)

    kiosk.driver.tap("start_button")

    matters = kiosk.window.screens.matters
    assert matters.language_button.y() < matters.title.geometry().bottom()  # one row
    assert layout_problems(kiosk.window, panel) == []


def test_the_english_elder_identify_title_shares_a_row_with_the_switches_at_1280x1024(
    kiosk: RunningKiosk,
) -> None:
    panel = kiosk.driver.on_panel("1280x1024", english=True, elder=True)

    kiosk.driver.start_matter(ELDERLY_MATTER)

    identify = kiosk.window.screens.identify
    assert identify.language_button.y() < identify.title.geometry().bottom()  # one row
    assert layout_problems(kiosk.window, panel) == []
