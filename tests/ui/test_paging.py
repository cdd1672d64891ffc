"""Long content is paged with large buttons, sized from the panel, instead of scrolled."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from drivers.idcard import demo_cards
from kiosk.forms import MaterialChoice
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import PANELS, layout_problems, settle
from tests.helpers.ui.visits import RunningKiosk
from ui.visit import Step


@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_every_filter_is_reachable_by_turning_filter_pages(
    kiosk: RunningKiosk, panel: str, elder: bool
) -> None:
    drive, matters = kiosk.driver, kiosk.window.screens.matters
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
    drive, matters = kiosk.driver, kiosk.window.screens.matters
    drive.tap("start_button")
    counts = {}
    for panel in ("1366x768", "1080x1920"):
        kiosk.window.resize(PANELS[panel])
        settle()
        filters = sum(button.isVisible() for button in matters.filter_buttons.values())
        counts[panel] = (len(matters.matter_buttons), filters)
    assert counts["1080x1920"][0] > counts["1366x768"][0]
    assert counts["1080x1920"][1] > counts["1366x768"][1]


@pytest.mark.parametrize("elder_english", [False, True], ids=["zh", "elder-en"])
def test_a_long_guide_is_read_page_by_page_with_every_line_on_one_page(
    kiosk: RunningKiosk, elder_english: bool
) -> None:
    drive, guide = kiosk.driver, kiosk.window.screens.guide
    panel = PANELS["1366x768"]
    kiosk.window.resize(panel)
    if elder_english:
        drive.tap("language_toggle")
        drive.tap("elder_toggle")
    drive.open_guide(ELDERLY_MATTER)
    settle()
    page_text = "Page 1 of {}" if elder_english else "第 1 页，共 {} 页"
    assert drive.visible(QLabel, "guide_page").text() == page_text.format(guide.pages.page_count)
    seen: list[QLabel] = []
    for page in range(guide.pages.page_count):
        if page:
            drive.tap("guide_next")
            settle()
        assert layout_problems(kiosk.window, panel) == []
        seen += [line for line in guide.pages.items() if line.isVisible()]
    assert len(seen) == len(guide.pages.items()) == len(set(map(id, seen)))
    assert not drive.visible(type(guide.next_button), "guide_next").isEnabled()


def test_back_from_a_guide_the_tiles_of_the_page_do_not_overlap(kiosk: RunningKiosk) -> None:
    panel = PANELS["1080x1920"]
    kiosk.window.resize(panel)
    kiosk.driver.open_guide(ELDERLY_MATTER)  # on the second page of tiles
    kiosk.driver.tap("guide_back")
    assert layout_problems(kiosk.window, panel) == []


def _to_materials(kiosk: RunningKiosk, panel: str, elder: bool, english: bool) -> None:
    """王秀英 answers the form on `panel`; the materials screen then has the panel to itself
    (the form's own fit is the form's tests' business)."""
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.window.resize(PANELS[panel])
    if english:
        drive.tap("language_toggle")
    if elder:
        drive.tap("elder_toggle")
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)
    offering = drive.offering()
    assert offering is not None
    drive.fill_form(offering)
    assert drive.on(screens.materials)
    kiosk.window.resize(PANELS[panel])


@pytest.mark.parametrize(
    ("panel", "elder", "english"),
    [("1366x768", False, False), ("1280x1024", True, True), ("1080x1920", True, True)],
    ids=["1366x768", "1280x1024-elder-en", "1080x1920-elder-en"],
)
def test_a_commitment_its_text_and_the_signature_pad_fit_page_by_page(
    kiosk: RunningKiosk, panel: str, elder: bool, english: bool
) -> None:
    drive, materials = kiosk.driver, kiosk.window.screens.materials
    _to_materials(kiosk, panel, elder, english)

    drive.tap_paged("material_residence_permit_commitment", "materials_next_page")
    (row,) = [row for row in materials.rows if row.choice() == MaterialChoice.COMMITMENT.value]

    problems, seen = _every_page(
        kiosk, panel, "materials", [row, row.commitment, materials.signature]
    )

    assert problems == []
    assert seen == {id(row), id(row.commitment), id(materials.signature)}


def _every_page(
    kiosk: RunningKiosk, panel: str, prefix: str, watched: list[QWidget]
) -> tuple[list[str], set[int]]:
    """Turns from the first page to the last with the screen's page buttons (if it has
    them): what does not fit on each, and which of `watched` were on show on the way."""
    window = kiosk.window
    previous = window.findChild(QAbstractButton, f"{prefix}_previous_page")
    following = window.findChild(QAbstractButton, f"{prefix}_next_page")
    while previous is not None and previous.isVisible() and previous.isEnabled():
        kiosk.driver.tap(previous.objectName())
    problems: list[str] = []
    seen: set[int] = set()
    for _ in range(20):
        settle()
        problems += layout_problems(window, PANELS[panel])
        seen |= {id(widget) for widget in watched if widget.isVisible()}
        if following is None or not following.isVisible() or not following.isEnabled():
            break
        kiosk.driver.tap(following.objectName())
    return problems, seen


@pytest.mark.parametrize(
    ("panel", "elder", "english"),
    [
        ("1366x768", False, True),
        ("1366x768", True, True),
        ("1280x1024", True, False),
        ("1920x1080", True, True),
    ],
    ids=["1366x768-en", "1366x768-elder-en", "1280x1024-elder", "1920x1080-elder-en"],
)
def test_every_reason_for_a_bad_rating_is_on_a_page_that_fits(
    kiosk: RunningKiosk, panel: str, elder: bool, english: bool
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.window.resize(PANELS[panel])
    if english:
        drive.tap("language_toggle")
    if elder:
        drive.tap("elder_toggle")
    drive.tap("start_button")  # a visit: the rating is one of its steps
    kiosk.window.navigator.go(Step.RATING)

    drive.tap("rate_dissatisfied")
    shown_at_once = {id(c) for c in screens.rating.reason_checks if c.isVisible()}
    reasons: list[QWidget] = list(screens.rating.reason_checks)
    problems, seen = _every_page(kiosk, panel, "rating", reasons)

    assert problems == []
    assert shown_at_once, "choosing a bad level turns to its reasons"
    assert seen == {id(check) for check in reasons}


@pytest.mark.parametrize("panel", ["1280x1024", "1366x768"])
def test_the_result_of_a_submission_is_read_page_by_page_in_english_elder_mode(
    kiosk: RunningKiosk, panel: str
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    _to_materials(kiosk, panel, elder=True, english=True)
    drive.tap("materials_next")
    drive.tap("delivery_0")  # pick up
    drive.tap("delivery_next")
    drive.tap("confirm_submit")
    drive.wait_for(screens.thanks)
    kiosk.window.resize(PANELS[panel])
    thanks = screens.thanks

    problems, seen = _every_page(
        kiosk, panel, "thanks", [thanks.case_number, thanks.receipt, thanks.next_steps]
    )

    assert problems == []
    assert seen == {id(thanks.case_number), id(thanks.receipt), id(thanks.next_steps)}


def test_the_ways_to_receive_the_result_are_named_in_english(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    _to_materials(kiosk, "1920x1080", elder=False, english=True)

    drive.tap("materials_next")
    methods = [screens.delivery.group.button(index).text() for index in range(2)]
    drive.tap("delivery_0")
    drive.tap("delivery_next")

    answers = [label.text() for label in screens.confirm.findChildren(QLabel, "confirm_value")]
    assert methods == ["Pick up", "By post"]
    assert "Pick up" in answers


@pytest.mark.parametrize(
    ("panel", "elder"),
    [("1366x768", False), ("1280x1024", True), ("1366x768", True)],
    ids=["1366x768", "elder", "elder-1366x768"],
)
def test_the_address_keyboard_is_given_its_room_without_growing_the_window(
    kiosk: RunningKiosk, panel: str, elder: bool
) -> None:
    drive, delivery = kiosk.driver, kiosk.window.screens.delivery
    _to_materials(kiosk, panel, elder=elder, english=False)
    drive.tap("materials_next")

    drive.tap("delivery_1")  # by post: the address and its pinyin keyboard
    typing = layout_problems(kiosk.window, PANELS[panel])
    progress_while_typing = delivery.progress.isVisible()
    drive.tap("delivery_0")  # pick up: the keyboard goes

    assert typing == []
    assert not progress_while_typing
    assert delivery.progress.isVisible()
    assert not delivery.keyboard.is_compact()
    assert not delivery.steps.is_beside()  # the step's buttons are back in their bar


def test_a_missing_signature_turns_to_the_page_of_the_signature_pad(kiosk: RunningKiosk) -> None:
    drive, materials = kiosk.driver, kiosk.window.screens.materials
    _to_materials(kiosk, "1366x768", elder=False, english=False)
    drive.tap_paged("material_residence_permit_commitment", "materials_next_page")
    drive.tap("materials_previous_page")

    drive.tap("materials_next")  # not signed yet

    assert drive.on(kiosk.window.screens.materials)
    assert materials.signature.isVisible()
    assert drive.visible(QLabel, "error_signature").text()
