"""长辈模式, switching language mid-journey, and voice guidance."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from drivers.idcard import demo_cards
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.visits import RunningKiosk


def test_elder_mode_enlarges_everything_shows_less_and_waits_longer(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal_size = app.font().pixelSize()
    drive.tap("elder_toggle")
    assert app.font().pixelSize() >= normal_size * 1.5
    drive.tap("start_button")
    tiles = screens.matters.matter_buttons.values()
    assert tiles and len({tile.x() for tile in tiles}) == 1  # one column of large tiles
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.tap("matter_list_next")
    while ELDERLY_MATTER not in screens.matters.matter_buttons:
        drive.tap("matter_list_next")
    drive.tap(f"matter_{ELDERLY_MATTER}")
    drive.tap("guide_proceed")
    drive.wait_for(screens.form)
    shown = drive.shown_fields()
    assert 1 <= len(shown) <= 2  # at most two questions a page, fewer where space is short
    assert drive.visible(QPushButton, "elder_toggle").isChecked()
    drive.tap("form_back")
    drive.tap("guide_back")
    drive.tap("matter_list_back")
    assert app.font().pixelSize() == normal_size  # the next person starts in normal mode


def test_switching_to_english_mid_form_keeps_every_answer(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)
    drive.type_into("field_mobile_input", "13800138000")
    drive.tap("language_toggle")
    assert drive.visible(type(screens.form.next_button), "form_next").text() == "Next"
    assert screens.form.answers()["mobile"] == "13800138000"
    assert any(
        label.text() == "Mobile phone" and label.isVisible()
        for label in screens.form.findChildren(QLabel)
    )
    drive.tap("form_next")
    assert drive.visible(type(screens.form.next_button), "form_next").text() == "Next"
    drive.tap("language_toggle")
    assert drive.visible(type(screens.form.next_button), "form_next").text() == "下一步"


def test_each_screen_instruction_is_spoken_and_voice_can_be_turned_off(
    kiosk: RunningKiosk,
) -> None:
    drive = kiosk.driver
    drive.tap("start_button")
    drive.qtbot.waitUntil(
        lambda: kiosk.spoken.exists() and "请选择要办理的事项" in kiosk.spoken.read_text("utf-8"),
        timeout=5000,
    )
    drive.tap("matter_list_back")
    voice = kiosk.window.voice
    drive.tap("voice_toggle")  # it starts on: this turns it off
    assert not voice.enabled()
    drive.tap("start_button")
    assert not voice.is_speaking()
