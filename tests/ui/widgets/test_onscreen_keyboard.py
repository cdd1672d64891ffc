"""The on-screen keyboard types into its field by real taps, and never takes focus from it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard

HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Screen:
    """A field with the keyboard under it, the way a form screen holds them."""

    qtbot: QtBot
    window: QWidget
    field: QLineEdit
    keyboard: OnScreenKeyboard

    def key(self, name: str) -> QPushButton:
        key = self.keyboard.findChild(QPushButton, name)
        assert key is not None, f"no key {name}"
        return key

    def tap(self, *names: str) -> None:
        for name in names:
            key = self.key(name)
            assert key.isVisible(), f"{name} is not on the keyboard now"
            assert key.isEnabled(), f"{name} is disabled"
            self.qtbot.mouseClick(key, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    def type_letters(self, letters: str) -> None:
        self.tap(*(f"key_{letter}" for letter in letters))

    def candidates(self) -> list[str]:
        return [self.key(f"candidate_{slot}").text() for slot in range(8)]

    def pick(self, candidate: str) -> None:
        """Taps the candidate, paging forward until it shows."""
        for _ in range(20):
            shown = self.candidates()
            if candidate in shown:
                self.tap(f"candidate_{shown.index(candidate)}")
                return
            self.tap("key_candidates_next")
        raise AssertionError(f"{candidate} never showed")

    def visible_keys(self) -> list[QPushButton]:
        return [k for k in self.all_keys() if k.isVisible()]

    def all_keys(self) -> list[QPushButton]:
        found: Iterable[QObject] = self.keyboard.findChildren(QPushButton)
        return [k for k in found if isinstance(k, QPushButton)]


@pytest.fixture(autouse=True)
def no_application_style_sheet() -> Iterator[None]:
    """Other tests may leave the kiosk sheet on the shared QApplication; sizes here are ours."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = app.styleSheet()
    app.setStyleSheet("")
    yield
    app.setStyleSheet(saved)


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    field.setObjectName("address")
    keyboard = OnScreenKeyboard()
    layout.addWidget(field)
    layout.addWidget(keyboard)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    keyboard.attach(field, KeyboardMode.PINYIN)
    return Screen(qtbot, window, field, keyboard)


def test_typing_renminlu_then_picking_candidates_yields_renminlu(screen: Screen) -> None:
    screen.type_letters("renminlu")
    screen.pick("人民")

    assert screen.field.text() == "人民"
    assert screen.keyboard.pending_letters() == "lu"

    screen.pick("路")

    assert screen.field.text() == "人民路"
    assert screen.keyboard.pending_letters() == ""


def test_the_whole_road_is_the_first_candidate(screen: Screen) -> None:
    screen.type_letters("renminlu")
    screen.tap("candidate_0")

    assert screen.field.text() == "人民路"


def test_shi_offers_the_character_for_city_on_the_first_page(screen: Screen) -> None:
    screen.type_letters("shi")

    assert "市" in screen.candidates()


def test_xian_offers_both_the_city_xi_an_and_xian(screen: Screen) -> None:
    screen.type_letters("xian")

    shown = screen.candidates()
    assert "西安" in shown
    assert "县" in shown or "先" in shown


def test_initials_rml_offer_renminlu(screen: Screen) -> None:
    screen.type_letters("rml")

    assert "人民路" in screen.candidates()


def test_space_picks_the_first_candidate(screen: Screen) -> None:
    screen.type_letters("lu")
    screen.tap("key_space")

    assert screen.field.text() == "路"


def test_punctuation_turns_pending_pinyin_into_chinese_first(screen: Screen) -> None:
    screen.type_letters("lu")
    screen.tap("key_comma")
    screen.tap("key_digit_8", "key_hash")

    assert screen.field.text() == "路，8#"


def test_the_letters_typed_show_above_the_candidates(screen: Screen) -> None:
    screen.type_letters("ren")

    assert screen.keyboard.pending_letters() == "ren"
    preedit = screen.keyboard.findChild(QLabel, "pinyin_preedit")
    assert preedit is not None
    assert preedit.text() == "ren"


def test_candidates_page_forward_and_back(screen: Screen) -> None:
    screen.type_letters("shi")
    first_page = screen.candidates()
    assert not screen.key("key_candidates_prev").isEnabled()

    screen.tap("key_candidates_next")
    second_page = screen.candidates()
    screen.tap("key_candidates_prev")

    assert set(first_page).isdisjoint(second_page)
    assert screen.candidates() == first_page


def test_backspace_removes_pending_letters_first_then_characters(screen: Screen) -> None:
    screen.field.setText("人民")
    screen.type_letters("lu")

    screen.tap("key_backspace")
    assert screen.keyboard.pending_letters() == "l"
    assert screen.field.text() == "人民"

    screen.tap("key_backspace")
    assert screen.keyboard.pending_letters() == ""
    assert screen.field.text() == "人民"

    screen.tap("key_backspace")
    assert screen.field.text() == "人"


def test_digits_mode_types_an_id_number_with_x(screen: Screen) -> None:
    screen.keyboard.attach(screen.field, KeyboardMode.DIGITS, allow_x=True)

    screen.tap(*(f"key_digit_{d}" for d in "11010519491231002"), "key_id_x")

    assert screen.field.text() == "11010519491231002X"


def test_the_x_key_shows_only_when_the_field_allows_it(screen: Screen) -> None:
    screen.keyboard.attach(screen.field, KeyboardMode.DIGITS)

    assert not screen.key("key_id_x").isVisible()


def test_a_digits_field_offers_no_letters(screen: Screen) -> None:
    screen.keyboard.attach(screen.field, KeyboardMode.DIGITS)

    shown = {k.objectName() for k in screen.visible_keys()}
    assert not any(name.startswith(("key_mode_", "candidate_")) for name in shown)
    assert "key_a" not in shown


def test_clear_empties_the_field(screen: Screen) -> None:
    screen.keyboard.attach(screen.field, KeyboardMode.DIGITS)
    screen.tap("key_digit_1", "key_digit_2", "key_clear")

    assert screen.field.text() == ""


def test_a_pinyin_field_can_switch_to_digits_and_back(screen: Screen) -> None:
    screen.type_letters("lu")
    screen.tap("candidate_0", "key_mode_digits", "key_digit_8", "key_digit_8")
    screen.tap("key_mode_pinyin")

    assert screen.field.text() == "路88"
    assert screen.keyboard.mode() is KeyboardMode.PINYIN


def test_latin_mode_types_capitals_with_shift_and_a_hyphen(screen: Screen) -> None:
    screen.tap("key_mode_latin", "key_shift")
    screen.type_letters("ab")
    screen.tap("key_hyphen", "key_shift")
    screen.type_letters("c")
    screen.tap("key_digit_1", "key_space")

    assert screen.field.text() == "AB-c1 "
    assert screen.keyboard.mode() is KeyboardMode.LATIN


def test_switching_to_latin_keeps_pending_letters_as_typed(screen: Screen) -> None:
    screen.type_letters("abc")
    screen.tap("key_mode_latin")

    assert screen.field.text() == "abc"
    assert screen.keyboard.pending_letters() == ""


def test_the_fields_max_length_and_validator_still_apply(screen: Screen) -> None:
    screen.field.setMaxLength(3)
    screen.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*")))
    screen.tap("key_mode_latin", "key_a", "key_digit_1", "key_digit_2", "key_digit_3")
    screen.tap("key_digit_4")

    assert screen.field.text() == "123"


def test_the_keyboard_never_takes_focus(screen: Screen) -> None:
    screen.type_letters("renminlu")
    screen.tap("key_candidates_next", "key_candidates_prev", "candidate_0", "key_mode_latin")
    screen.tap("key_shift", "key_a", "key_mode_digits", "key_digit_1", "key_backspace")

    assert QApplication.focusWidget() is screen.field
    assert screen.field.hasFocus()
    keys = screen.all_keys()
    assert all(k.focusPolicy() == Qt.FocusPolicy.NoFocus for k in keys)


class _KeyEventCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.count += 1
        return False


def test_taps_send_no_key_events_anywhere(screen: Screen) -> None:
    counter = _KeyEventCounter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        screen.type_letters("lu")
        screen.tap("key_space", "key_mode_latin", "key_b", "key_backspace")
    finally:
        app.removeEventFilter(counter)

    assert screen.field.text() == "路"
    assert counter.count == 0


def test_a_detached_keyboard_types_nowhere(screen: Screen) -> None:
    screen.keyboard.detach()

    assert not screen.key("key_a").isEnabled()
    assert screen.keyboard.target() is None
    assert screen.field.text() == ""


def test_a_read_only_field_is_not_typed_into(screen: Screen) -> None:
    screen.field.setReadOnly(True)
    screen.type_letters("lu")
    screen.tap("key_digit_1")

    assert screen.field.text() == ""
    assert screen.keyboard.pending_letters() == ""


def test_a_deleted_field_is_forgotten(screen: Screen) -> None:
    other = QLineEdit(screen.window)
    screen.keyboard.attach(other, KeyboardMode.PINYIN)
    screen.type_letters("lu")

    other.deleteLater()
    screen.qtbot.waitUntil(lambda: screen.keyboard.target() is None)

    assert screen.keyboard.pending_letters() == ""
    assert not screen.key("key_a").isEnabled()


def _every_key_in_every_mode(screen: Screen) -> Iterator[tuple[KeyboardMode, QPushButton]]:
    for mode in KeyboardMode:
        screen.keyboard.attach(screen.field, mode, allow_x=True)
        if mode is KeyboardMode.PINYIN:
            screen.type_letters("lu")  # so the candidate keys are live too
        for key in screen.visible_keys():
            yield mode, key


def test_every_key_has_a_chinese_accessible_name_and_a_description(screen: Screen) -> None:
    for key in screen.all_keys():
        assert HAN.search(key.accessibleName()), key.objectName()
        assert key.accessibleDescription(), key.objectName()
    assert screen.key("key_a").accessibleName() == "字母 A"
    assert screen.key("key_digit_5").accessibleName() == "数字 5"
    assert screen.key("key_backspace").accessibleName() == "删除"
    assert screen.key("key_space").accessibleName() == "空格"


def test_a_candidate_is_named_by_what_it_types(screen: Screen) -> None:
    screen.type_letters("lu")

    assert screen.key("candidate_0").accessibleName() == "候选字：路"


def test_every_key_is_at_least_72_px_each_way(screen: Screen) -> None:
    for mode, key in _every_key_in_every_mode(screen):
        assert key.width() >= 72, (mode, key.objectName(), key.width())
        assert key.height() >= 72, (mode, key.objectName(), key.height())


def test_elder_mode_makes_keys_80_px_and_text_half_as_large_again(screen: Screen) -> None:
    normal_pixels = screen.key("key_a").font().pixelSize()

    screen.keyboard.set_elder_mode(True)
    screen.window.resize(1600, 1000)

    assert screen.keyboard.is_elder_mode()
    for mode, key in _every_key_in_every_mode(screen):
        assert key.minimumWidth() >= 80, (mode, key.objectName())
        assert key.minimumHeight() >= 80, (mode, key.objectName())
        assert key.font().pixelSize() == round(normal_pixels * 1.5), key.objectName()


@pytest.mark.parametrize("mode", [KeyboardMode.PINYIN, KeyboardMode.LATIN])
def test_compact_elder_letters_leave_the_digits_to_the_digit_key(
    screen: Screen, mode: KeyboardMode
) -> None:
    screen.keyboard.set_elder_mode(True)
    screen.keyboard.attach(screen.field, mode)

    screen.keyboard.set_compact(True)
    QApplication.processEvents()  # the layout is laid out afresh

    keys = [k for k in screen.visible_keys() if k.parentWidget() is screen.keyboard]
    keys = [k for k in keys if not k.objectName().startswith(("candidate_", "key_candidates_"))]
    assert not screen.key("key_digit_1").isVisible()
    assert min(k.y() for k in keys) == screen.key("key_q").y()  # the letters on top
    assert len({k.y() for k in keys}) == 4  # three of letters, one of mode keys and space
    screen.tap("key_mode_digits", "key_digit_1", "key_digit_0")
    assert screen.field.text() == "10"


def test_compact_keys_in_normal_mode_keep_the_digit_row(screen: Screen) -> None:
    screen.keyboard.attach(screen.field, KeyboardMode.LATIN)

    screen.keyboard.set_compact(True)

    assert screen.key("key_digit_1").isVisible()
    assert screen.key("key_q").isVisible()
