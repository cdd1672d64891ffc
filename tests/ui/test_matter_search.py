"""The matter list's search keyboard: its keys read whole, and the tiles shown above it are
whole, on every panel and in elder mode."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import layout_problems
from tests.helpers.ui.visits import RunningKiosk

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_elder_shift_key_shows_its_whole_label_on_a_portrait_panel(
    kiosk: RunningKiosk,
) -> None:
    panel = kiosk.driver.on_panel("1080x1920", elder=True)
    kiosk.driver.tap("start_button")

    kiosk.driver.tap("matter_list_search")

    assert [p for p in layout_problems(kiosk.window, panel) if "key_shift" in p] == []


@pytest.mark.parametrize(
    ("panel", "elder"), [("1920x1080", True), ("1280x1024", False), ("1080x1920", True)]
)
def test_with_the_keyboard_up_a_row_of_whole_tiles_shows_above_it(
    kiosk: RunningKiosk, panel: str, elder: bool
) -> None:
    size = kiosk.driver.on_panel(panel, elder=elder)
    kiosk.driver.tap("start_button")

    kiosk.driver.tap("matter_list_search")

    assert kiosk.window.screens.matters.matter_buttons
    assert layout_problems(kiosk.window, size) == []


def test_where_no_tile_fits_above_the_keys_the_count_found_shows_instead(
    kiosk: RunningKiosk,
) -> None:
    panel = kiosk.driver.on_panel("1366x768")
    kiosk.driver.tap("start_button")
    kiosk.driver.tap("matter_list_search")

    kiosk.driver.tap_keys("key_l", "key_n", "key_r")

    matters = kiosk.window.screens.matters
    assert matters.matter_buttons == {}
    assert kiosk.driver.text_of("matter_list_found").startswith(f"找到 {len(matters.shown)} 个")
    assert layout_problems(kiosk.window, panel) == []


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_on_a_short_elder_panel_the_back_button_stands_beside_the_search_keys(
    kiosk: RunningKiosk, english: bool
) -> None:
    panel = kiosk.driver.on_panel("1366x768", english=english, elder=True)
    kiosk.driver.tap("start_button")

    kiosk.driver.tap("matter_list_search")

    matters = kiosk.window.screens.matters
    assert layout_problems(kiosk.window, panel) == []
    assert matters.steps.is_beside() and not matters.next_button.isVisible()
    back, keys = matters.back_button.geometry(), matters.keyboard.geometry()
    assert back.left() > keys.right() and back.bottom() <= keys.bottom()
    kiosk.driver.tap("matter_search_done")  # 收起键盘: the back button returns to its bar
    assert not matters.steps.is_beside() and matters.next_button.isVisible()
    assert layout_problems(kiosk.window, panel) == []


def test_putting_the_keys_away_shows_the_tiles_found_and_clearing_brings_filters_back(
    kiosk: RunningKiosk,
) -> None:
    panel = kiosk.driver.on_panel("1366x768")
    kiosk.driver.tap("start_button")
    kiosk.driver.tap("matter_list_search")
    kiosk.driver.tap_keys("key_l", "key_n", "key_r")
    matters = kiosk.window.screens.matters

    kiosk.driver.tap("matter_search_done")  # 收起键盘

    assert ELDERLY_MATTER in matters.matter_buttons
    assert not matters.keyboard.isVisible() and matters.search.text() == "lnr"
    assert layout_problems(kiosk.window, panel) == []

    kiosk.driver.tap("matter_search_done")  # 清除搜索

    assert matters.search.text() == "" and matters.filters_box.isVisible()


def test_the_keys_speak_the_language_the_resident_switched_to(kiosk: RunningKiosk) -> None:
    kiosk.driver.tap("language_toggle")
    kiosk.driver.tap("start_button")

    kiosk.driver.tap("matter_list_search")

    keys = kiosk.window.screens.matters.findChild(QWidget, "matter_search_keyboard")
    assert keys is not None
    labels = {key.objectName(): key.text() for key in keys.findChildren(QPushButton)}
    assert labels["key_backspace"] == "Del"
    # Only the key to Chinese input reads in Chinese (中文), as on any keyboard.
    assert [name for name, text in labels.items() if HAN.search(text)] == ["key_mode_pinyin"]
