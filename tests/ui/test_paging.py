"""Long content is paged with large buttons, sized from the panel, instead of scrolled."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.helpers import ELDERLY_MATTER
from tests.ui.conftest import RunningKiosk
from tests.ui.layout_check import PANELS, layout_problems, settle


@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_every_filter_is_reachable_by_turning_filter_pages(
    kiosk: RunningKiosk, panel: str, elder: bool
) -> None:
    drive, matters = kiosk.driver, kiosk.window.journey.matters
    kiosk.window.resize(PANELS[panel])
    if elder:
        drive.tap("elder_toggle")
    drive.tap("start_button")
    seen: set[str] = set()
    problems: list[str] = []
    for _ in range(len(matters.filter_buttons)):
        settle()
        problems += layout_problems(kiosk.window, PANELS[panel])
        seen |= {key for key, button in matters.filter_buttons.items() if button.isVisible()}
        if not matters.more_filters.isVisible():
            break
        drive.tap("matter_filters_more")
    assert seen == set(matters.filter_buttons)
    assert problems == []


def test_a_portrait_panel_shows_more_tiles_and_filters_a_page_than_a_short_one(
    kiosk: RunningKiosk,
) -> None:
    drive, matters = kiosk.driver, kiosk.window.journey.matters
    drive.tap("start_button")
    counts = {}
    for panel in ("1366x768", "1080x1920"):
        kiosk.window.resize(PANELS[panel])
        settle()
        filters = sum(button.isVisible() for button in matters.filter_buttons.values())
        counts[panel] = (len(matters.matter_buttons), filters)
    assert counts["1080x1920"][0] > counts["1366x768"][0]
    assert counts["1080x1920"][1] > counts["1366x768"][1]


def test_a_long_guide_is_read_page_by_page_with_every_line_on_one_page(
    kiosk: RunningKiosk,
) -> None:
    drive, guide = kiosk.driver, kiosk.window.journey.guide
    panel = PANELS["1366x768"]
    kiosk.window.resize(panel)
    drive.open_guide(ELDERLY_MATTER)
    settle()
    assert (
        drive.visible(QLabel, "guide_page").text() == f"第 1 页，共 {guide._content.page_count} 页"
    )
    seen: list[QLabel] = []
    for page in range(guide._content.page_count):
        if page:
            drive.tap("guide_next")
            settle()
        assert layout_problems(kiosk.window, panel) == []
        seen += [line for line in guide._content.items() if line.isVisible()]
    assert len(seen) == len(guide._content.items()) == len(set(map(id, seen)))
    assert not drive.visible(type(guide.next_button), "guide_next").isEnabled()


def test_back_from_a_guide_the_tiles_of_the_page_do_not_overlap(kiosk: RunningKiosk) -> None:
    panel = PANELS["1080x1920"]
    kiosk.window.resize(panel)
    kiosk.driver.open_guide(ELDERLY_MATTER)  # on the second page of tiles
    kiosk.driver.tap("guide_back")
    assert layout_problems(kiosk.window, panel) == []
