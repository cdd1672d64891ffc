"""Every screen a resident meets: named for assistive technology, large enough to tap and
read, and laid out to fit every kiosk panel, in normal and elder mode, in Chinese and English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from drivers.idcard import demo_cards
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import PANELS, TEXT_PX, interactive_widgets, problems_on_screen
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials
from ui.visit import Step


class Walk:
    """One visit through every screen, collecting what does not fit on each."""

    def __init__(self, kiosk: RunningKiosk, panel: QSize, elder: bool, english: bool) -> None:
        self.kiosk, self.panel, self.elder, self.english = kiosk, panel, elder, english
        self.found: list[str] = []
        kiosk.window.resize(panel)

    def check(self) -> None:
        self.found += problems_on_screen(self.kiosk.window, self.panel, TEXT_PX[self.elder])

    def choose_settings(self) -> None:
        """Each visit starts in Chinese and normal mode: the resident picks again."""
        if self.english:
            self.kiosk.driver.tap("language_toggle")
        if self.elder:
            self.kiosk.driver.tap("elder_toggle")

    def count_down(self) -> None:
        """The idle countdown at once, not after 90 s without a touch."""
        window, ui = self.kiosk.window, self.kiosk.services.settings.ui
        window.idle.configure(0.01, ui.idle_warning_s)
        window.idle.poke()
        self.kiosk.driver.qtbot.waitUntil(window.idle_dialog.isVisible, timeout=3000)
        window.idle.configure(ui.idle_timeout_s, ui.idle_warning_s)

    def visit(self) -> list[str]:
        kiosk, drive, screens = self.kiosk, self.kiosk.driver, self.kiosk.window.screens
        self.choose_settings()
        self.check()  # attract
        drive.tap("start_button")
        self.check()
        drive.tap("matter_list_search")
        self.check()  # with the keyboard up
        drive.tap("matter_list_back")  # the visit ends
        self.choose_settings()
        drive.start_matter(ELDERLY_MATTER)
        self.check()  # identify, waiting for the card
        drive.tap("identify_cancel")
        self.choose_settings()
        drive.open_guide(ELDERLY_MATTER)
        self.check()  # guide
        kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
        drive.tap("guide_proceed")
        drive.wait_for(screens.form)
        offering = drive.offering()
        assert offering is not None
        for _ in range(20):
            if not drive.on(screens.form):
                break
            self.check()
            drive.fill_form_page(offering)
            self.check()  # with the keyboard up
            drive.tap("form_next")
        drive.tap_paged("material_residence_permit_commitment", "materials_next_page")
        self.check()  # materials: the commitment and the signature pad
        drive.sign("materials_signature")
        drive.tap("materials_next")
        drive.tap("delivery_1")  # by post: the address and the pinyin keyboard appear
        self.check()
        drive.tap("delivery_next")
        self.check()  # confirm
        drive.tap("confirm_submit")
        drive.wait_for(screens.thanks)
        self.check()
        drive.tap("thanks_rate")
        drive.tap("rate_dissatisfied")
        self.check()  # rating, asking why
        self.count_down()
        self.check()  # the idle countdown over it
        drive.tap("idle_continue")
        drive.tap("rating_skip")
        self.choose_settings()
        drive.tap("lookup_button")
        self.check()
        screens.problem.show_message("系统出现问题，您的申请没有提交成功。")
        kiosk.window.navigator.go(Step.PROBLEM)
        self.check()  # problem
        return self.found


def test_every_interactive_widget_has_a_name_and_a_description(kiosk: RunningKiosk) -> None:
    elderly_to_materials(kiosk)  # fills the dynamic screens: matters, guide, form, materials
    kiosk.driver.tap("material_residence_permit_commitment")
    kiosk.driver.tap("materials_next")
    missing = [
        f"{w.objectName() or type(w).__name__} ({type(w).__name__})"
        for w in interactive_widgets(kiosk.window)
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]
    assert missing == []


@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_every_screen_fits_the_panel_with_text_and_targets_large_enough(
    kiosk: RunningKiosk, panel: str, elder: bool, english: bool
) -> None:
    problems = Walk(kiosk, PANELS[panel], elder, english).visit()
    assert problems == [], "\n".join(problems)
