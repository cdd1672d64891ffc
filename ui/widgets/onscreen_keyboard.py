"""The on-screen keyboard (屏幕键盘): digits, pinyin with Chinese candidates, and Latin letters,
typed into one attached QLineEdit.

The kiosk has no physical keyboard. Text goes in only through `QLineEdit.insert` and
`QLineEdit.backspace` on the attached field, so its maxLength and validator still apply,
and no key event is ever sent anywhere. No key takes focus: the field keeps its cursor and
the screen's focus never moves.

Every key is a QPushButton with a stable objectName (`key_a`, `key_digit_5`, `candidate_0`,
...) and a Chinese accessible name, so tests and screen readers find it the same way. Keys
carry the `key` property that the kiosk style sheets size and colour; the sizes set here
(72 px, 96 px in elder mode) hold even without a sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.input.pinyin import PinyinEngine


class KeyboardMode(Enum):
    """Which keys show: a digit pad, pinyin letters with candidates, or plain letters."""

    DIGITS = "digits"
    PINYIN = "pinyin"
    LATIN = "latin"


# 15 mm is the kiosk's minimum touch target, 61 px on a 21.5-inch 1080p panel; keys are 72 px.
# Elder mode uses 80 px keys (20 mm): larger still, yet the six rows of the pinyin keyboard
# leave room on a 1080-pixel screen for the field being typed in and the step's buttons.
# Fonts follow the sheets: 32 px, and 1.5x that for elders.
KEY_SIZE = 72
ELDER_KEY_SIZE = 80
# Compact keys for short panels (1366x768): 61 px, the 15 mm minimum even at a 1080p panel's
# pitch, so they are still full-size touch targets wherever the window is.
COMPACT_KEY_SIZE = 61
KEY_ROW_SPACING = 4
KEY_FONT_PIXELS = 32
ELDER_SCALE = 1.5
CANDIDATES_PER_PAGE = 8
# Folded (compact, elder): six, so the candidate bar leaves the step's buttons room beside it
# on a 1366-pixel panel.
FOLDED_CANDIDATES_PER_PAGE = 6
# Longer than any word a resident types at once; keeps every lookup within a few ms.
MAX_PENDING_LETTERS = 32

_T = TypeVar("_T")
_LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_DIGITS = "1234567890"
# Punctuation keys: object name -> the text typed.
_PUNCTUATION = {"key_comma": "，", "key_period": "。", "key_hyphen": "-", "key_hash": "#"}


class OnScreenKeyboard(QWidget):
    """Keys that type into the attached QLineEdit; see the module doc for the rules it keeps."""

    mode_changed = Signal(object)  # the new KeyboardMode

    def __init__(self, parent: QWidget | None = None, engine: PinyinEngine | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onscreen_keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._engine = engine if engine is not None else PinyinEngine()
        self._target: QLineEdit | None = None
        self._target_gone: QMetaObject.Connection | None = None
        self._mode = KeyboardMode.PINYIN
        self._home = KeyboardMode.PINYIN  # the mode the field was attached with
        self._allow_x = False
        self._letters = ""
        self._shown: list[str] = []  # candidates on the current page
        self._has_next_page = False
        self._page = 0
        self._elder = False
        self._compact = False
        self._keys: dict[str, QPushButton] = {}

        self._preedit = QLabel(self)
        self._preedit.setObjectName("pinyin_preedit")
        self._preedit.setMinimumWidth(2 * KEY_SIZE)
        self._bar = QWidget(self)
        self._bar.setObjectName("candidate_bar")
        bar = QHBoxLayout(self._bar)
        bar.setContentsMargins(0, 0, 0, 0)
        # 4 px apart, the elder candidate keys and the letters typed fit a portrait panel's 984.
        bar.setSpacing(KEY_ROW_SPACING)
        bar.addWidget(self._preedit)
        self._grid = QGridLayout()
        # Rows 4 px apart, not the style's 7: on a 1080-high panel in elder mode that is the
        # room for a row of matter tiles above the search keyboard.
        self._grid.setVerticalSpacing(KEY_ROW_SPACING)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)  # the screen's margins are enough
        outer.addWidget(self._bar)
        outer.addLayout(self._grid)
        self._build_keys(bar)
        self.retranslate()
        self._apply_sizes()
        self._arrange()
        self._enable_keys()

    # ---- public API ----

    def attach(self, target: QLineEdit, mode: KeyboardMode, *, allow_x: bool = False) -> None:
        """Type into `target` from now on; `allow_x` offers X (the last digit of an ID number).

        A field attached in DIGITS mode stays in digits: letters make no sense in it.
        """
        self.detach()
        self._target = target
        self._target_gone = target.destroyed.connect(self._forget_target)
        self._home = mode
        self._allow_x = allow_x
        self._engine.prepare_in_background()
        self._set_mode(mode)
        self._enable_keys()

    def detach(self) -> None:
        """Stop typing anywhere; letters not yet turned into Chinese are dropped."""
        if self._target_gone is not None:
            QObject.disconnect(self._target_gone)
            self._target_gone = None
        self._target = None
        self._set_letters("")
        self._enable_keys()

    def target(self) -> QLineEdit | None:
        return self._target

    def mode(self) -> KeyboardMode:
        return self._mode

    def pending_letters(self) -> str:
        """Pinyin letters typed but not yet turned into Chinese."""
        return self._letters

    def candidates_shown(self) -> list[str]:
        """The candidates on the current page of the candidate bar."""
        return list(self._shown)

    def set_elder_mode(self, elder: bool) -> None:
        """Elder mode (长辈模式): keys of 96 px and 1.5x larger text."""
        self._elder = elder
        self.setProperty("elder", elder)
        self._apply_sizes()
        self._arrange()  # compact, elder letters fold their digits away
        self._set_letters(self._letters)  # folded, a page holds fewer candidates
        self._forget_sizes()

    def is_elder_mode(self) -> bool:
        return self._elder

    def set_compact(self, compact: bool) -> None:
        """Compact keys (61 px, 80 in elder mode) for a panel too short for full-size ones."""
        if compact == self._compact:
            return
        self._compact = compact
        self.setProperty("compact", compact)
        for key in self._keys.values():  # the sheets size keys by the keyboard's property
            key.style().unpolish(key)
            key.style().polish(key)
        self._apply_sizes()
        self._arrange()  # the compact digit pad is shorter
        self._set_letters(self._letters)  # folded, a page holds fewer candidates
        self._forget_sizes()

    def _forget_sizes(self) -> None:
        """Nested layouts and the candidate bar keep their cached minimum until laid out."""
        self._grid.invalidate()
        self._bar.updateGeometry()  # a page of fewer candidates is narrower
        self.updateGeometry()

    def is_compact(self) -> bool:
        return self._compact

    def digits_folded(self) -> bool:
        """Compact in elder mode, the letters come without the row of digits over them: the
        digits are a tap away on the 数字 key, and the row saved is the room a short panel
        needs for the field being typed in."""
        return self._compact and self._elder

    def tallest_for(self, home: KeyboardMode) -> int:
        """The height of the tallest keyboard a field attached in `home` can switch to, at the
        present key size: a screen leaves that room before the resident switches modes."""
        modes = (home,) if home is KeyboardMode.DIGITS else tuple(KeyboardMode)
        return max(self._height_in(mode, home) for mode in modes)

    def _candidates_per_page(self) -> int:
        return FOLDED_CANDIDATES_PER_PAGE if self.digits_folded() else CANDIDATES_PER_PAGE

    def _height_in(self, mode: KeyboardMode, home: KeyboardMode) -> int:
        """Worked out from the rows the mode lays out, without switching to it."""
        digits = mode is KeyboardMode.DIGITS
        placed = self._pad_places(home) if digits else self._letter_places(mode)
        rows = 1 + max(row for _, row, _, _ in placed)
        key = self._keys["key_digit_1"]
        key.ensurePolished()
        side = max(key.sizeHint().height(), key.minimumHeight())
        height = rows * side + (rows - 1) * self._grid.verticalSpacing()
        if mode is KeyboardMode.PINYIN:  # the candidate bar
            self._bar.ensurePolished()
            height += max(side, self._bar.sizeHint().height()) + self._outer_spacing()
        return height

    def _outer_spacing(self) -> int:
        outer = self.layout()
        return outer.spacing() if outer is not None else 0

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """A resident who switches language mid-visit reads the keys in it too."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Sets every label, accessible name and description in the current language."""
        for letter in "".join(_LETTER_ROWS):
            self._name(f"key_{letter}", self.tr("字母 {letter}").format(letter=letter.upper()))
        for digit in _DIGITS:
            key = self._name(f"key_digit_{digit}", self.tr("数字 {digit}").format(digit=digit))
            key.setAccessibleDescription(self.tr("输入这个数字"))
        self._name("key_id_x", self.tr("字母 X"), self.tr("身份证号码最后一位是 X 时用"))
        self._name(
            "key_backspace",
            self.tr("删除"),
            self.tr("删除最后一个字母或字"),
            self.tr("删除", "the key's label, as short as the key is narrow"),
        )
        self._name("key_clear", self.tr("清空"), self.tr("清空这一栏"), self.tr("清空"))
        self._name("key_space", self.tr("空格"), "", self.tr("空格"))
        self._name("key_shift", self.tr("大写"), self.tr("切换大写和小写字母"), self.tr("大写"))
        self._name(
            "key_mode_latin",
            self.tr("切换到英文字母"),
            self.tr("输入英文字母和数字"),
            self.tr("英文"),
        )
        self._name(
            "key_mode_pinyin",
            self.tr("切换到拼音"),
            self.tr("用拼音输入汉字"),
            self.tr(
                "拼音", "the key's label: Chinese input names itself in Chinese, as on any keyboard"
            ),
        )
        self._name("key_mode_digits", self.tr("切换到数字"), self.tr("输入数字"), self.tr("数字"))
        self._name("key_comma", self.tr("逗号"), self.tr("输入中文逗号"))
        self._name("key_period", self.tr("句号"), self.tr("输入中文句号"))
        self._name("key_hyphen", self.tr("短横线"), self.tr("输入短横线 -"))
        self._name("key_hash", self.tr("井号"), self.tr("输入井号 #"))
        self._name("key_candidates_prev", self.tr("上一页候选字"), self.tr("看前面的候选字"))
        self._name("key_candidates_next", self.tr("下一页候选字"), self.tr("看更多候选字"))
        self._preedit.setAccessibleName(self.tr("已输入的拼音"))
        self._describe_mode_keys()
        self._show_candidates()

    # ---- building ----

    def _build_keys(self, bar: QHBoxLayout) -> None:
        for letter in "".join(_LETTER_ROWS):
            self._key(f"key_{letter}", letter, _bound(self._press_letter, letter))
        for digit in _DIGITS:
            self._key(f"key_digit_{digit}", digit, _bound(self._press_text, digit))
        self._key("key_id_x", "X", _bound(self._press_text, "X"))
        for name, text in _PUNCTUATION.items():
            self._key(name, text, _bound(self._press_text, text))
        self._key("key_backspace", "", self._press_backspace)
        self._key("key_clear", "", self._press_clear)
        self._key("key_space", "", self._press_space)
        shift = self._key("key_shift", "", self._show_letter_case)
        shift.setCheckable(True)
        shift.setProperty("toggle", True)
        self._key("key_mode_latin", "", lambda: self._set_mode(KeyboardMode.LATIN))
        self._key("key_mode_pinyin", "", lambda: self._set_mode(KeyboardMode.PINYIN))
        self._key("key_mode_digits", "", lambda: self._set_mode(KeyboardMode.DIGITS))
        bar.addWidget(self._key("key_candidates_prev", "◀", lambda: self._turn_page(-1)))
        for slot in range(CANDIDATES_PER_PAGE):
            bar.addWidget(self._key(f"candidate_{slot}", "", _bound(self._pick, slot)))
        bar.addWidget(self._key("key_candidates_next", "▶", lambda: self._turn_page(1)))

    def _key(self, name: str, label: str, action: Callable[[], None]) -> QPushButton:
        key = QPushButton(label, self)
        key.setObjectName(name)
        key.setProperty("key", True)  # sized and coloured by the kiosk style sheets
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps focus and its cursor
        key.setAutoDefault(False)  # never reacts to Enter inside a dialog
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.clicked.connect(action)
        self._keys[name] = key
        return key

    def _name(
        self, name: str, accessible: str, description: str = "", label: str | None = None
    ) -> QPushButton:
        key = self._keys[name]
        key.setAccessibleName(accessible)
        if description:
            key.setAccessibleDescription(description)
        if label is not None:
            key.setText(label)
        return key

    def _describe_mode_keys(self) -> None:
        """Descriptions that depend on the mode: what a letter or the space key does now."""
        if self._mode is KeyboardMode.PINYIN:
            letters, space = self.tr("输入拼音字母，再在上方选字"), self.tr("选第一个候选字")
        else:
            letters, space = self.tr("输入这个字母"), self.tr("输入一个空格")
        for letter in "".join(_LETTER_ROWS):
            self._keys[f"key_{letter}"].setAccessibleDescription(letters)
        self._keys["key_space"].setAccessibleDescription(space)

    def _apply_sizes(self) -> None:
        side = ELDER_KEY_SIZE if self._elder else KEY_SIZE
        side = COMPACT_KEY_SIZE if self._compact and not self._elder else side
        pixels = round(KEY_FONT_PIXELS * (ELDER_SCALE if self._elder else 1.0))
        for key in self._keys.values():
            key.setMinimumSize(side, side)
        self._preedit.setMinimumHeight(side)
        widgets: list[QWidget] = [*self._keys.values(), self._preedit]
        for widget in widgets:
            font = widget.font()
            font.setPixelSize(pixels)
            widget.setFont(font)

    def _arrange(self) -> None:
        """Lays out the keys of the current mode; the others are hidden."""
        while self._grid.takeAt(0) is not None:
            pass
        digits = self._mode is KeyboardMode.DIGITS
        placed = self._pad_places(self._home) if digits else self._letter_places(self._mode)
        shown = {name for name, *_ in placed}
        for name, key in self._keys.items():
            if not name.startswith(("candidate_", "key_candidates_")):
                key.setVisible(name in shown)
        for name, row, column, span in placed:
            self._grid.addWidget(self._keys[name], row, column, 1, span)
        columns = 1 + max(column + span - 1 for _, _, column, span in placed)
        for column in range(10):
            self._grid.setColumnStretch(column, int(column < columns))
        self._bar.setVisible(self._mode is KeyboardMode.PINYIN)

    def _pad_places(self, home: KeyboardMode) -> list[tuple[str, int, int, int]]:
        """The digit pad: (key, row, column, columns spanned), like a phone's; compact, the
        digits go in two rows of five with the side keys at their ends, a short pad."""
        switches = home is not KeyboardMode.DIGITS
        if self._compact:
            places = [
                (f"key_digit_{digit}", row, column, 1)
                for row, digits in enumerate(("12345", "67890"))
                for column, digit in enumerate(digits)
            ]
            places += [("key_backspace", 0, 5, 1), ("key_clear", 1, 5, 1)]
            extra = ["key_id_x"] * self._allow_x
            extra += ["key_mode_pinyin", "key_mode_latin"] * switches
            return places + [(name, 2, 2 * slot, 2) for slot, name in enumerate(extra)]
        places = [
            (f"key_digit_{digit}", row, column, 1)
            for row, digits in enumerate(("123", "456", "789"))
            for column, digit in enumerate(digits)
        ]
        if self._allow_x:
            places.append(("key_id_x", 3, 0, 1))
        places += [("key_digit_0", 3, 1, 1), ("key_backspace", 3, 2, 1)]
        if not switches:
            return [*places, ("key_clear", 4, 0, 3)]
        return [
            *places,
            ("key_clear", 4, 0, 1),
            ("key_mode_pinyin", 4, 1, 1),
            ("key_mode_latin", 4, 2, 1),
        ]

    def _letter_places(self, mode: KeyboardMode) -> list[tuple[str, int, int, int]]:
        """Digits over QWERTY letters (unless folded away), then the mode keys and space, ten
        columns wide.

        A key with a word on it (大写, 删除, 拼音) spans two columns: one column of a portrait
        panel is narrower than two large characters."""
        latin = mode is KeyboardMode.LATIN
        top = int(not self.digits_folded())  # the letters' first row
        places = [(f"key_digit_{digit}", 0, column, 1) for column, digit in enumerate(_DIGITS)]
        places = places[: 10 * top]
        for row, letters in enumerate(_LETTER_ROWS, start=top):
            indent = int(latin and row == top + 2)  # staggered like a real keyboard's
            places += [(f"key_{c}", row, column + indent, 1) for column, c in enumerate(letters)]
        second, third, bottom = top + 1, top + 2, top + 3
        if latin:
            return [
                *places,
                ("key_hyphen", second, 9, 1),
                ("key_backspace", third, 8, 2),
                ("key_shift", bottom, 0, 2),
                ("key_mode_pinyin", bottom, 2, 2),
                ("key_mode_digits", bottom, 4, 2),
                ("key_space", bottom, 6, 4),
            ]
        return [
            *places,
            ("key_comma", second, 9, 1),
            ("key_period", third, 7, 1),
            ("key_backspace", third, 8, 2),
            ("key_mode_latin", bottom, 0, 2),
            ("key_mode_digits", bottom, 2, 2),
            ("key_hyphen", bottom, 4, 1),
            ("key_hash", bottom, 5, 1),
            ("key_space", bottom, 6, 4),
        ]

    def _enable_keys(self) -> None:
        """Keys do nothing without a field, so they look it."""
        attached = self._target is not None
        for name, key in self._keys.items():
            if not name.startswith(("candidate_", "key_candidates_")):
                key.setEnabled(attached)
        self._show_candidates()

    # ---- what the keys do ----

    def _press_letter(self, letter: str) -> None:
        if self._mode is KeyboardMode.PINYIN:
            if self._writable() and len(self._letters) < MAX_PENDING_LETTERS:
                self._set_letters(self._letters + letter)
        else:
            self._insert(letter.upper() if self._keys["key_shift"].isChecked() else letter)

    def _press_text(self, text: str) -> None:
        """Digits and punctuation; pending pinyin is turned into Chinese first."""
        self._commit_pending()
        self._insert(text)

    def _press_space(self) -> None:
        if self._letters:
            self._pick_candidate(self._shown[0] if self._shown else None)
        else:
            self._insert(" ")

    def _press_backspace(self) -> None:
        if self._letters:
            self._set_letters(self._letters[:-1])
        elif self._writable() and self._target is not None:
            self._target.backspace()

    def _press_clear(self) -> None:
        self._set_letters("")
        if self._writable() and self._target is not None:
            self._target.clear()

    def _show_letter_case(self) -> None:
        upper = self._keys["key_shift"].isChecked()
        for letter in "".join(_LETTER_ROWS):
            self._keys[f"key_{letter}"].setText(letter.upper() if upper else letter)

    def _pick(self, slot: int) -> None:
        if slot < len(self._shown):
            self._pick_candidate(self._shown[slot])

    def _pick_candidate(self, candidate: str | None) -> None:
        """Types the candidate and keeps the letters it did not use for the next pick.

        With no candidate the letters are typed as they are, so nothing typed is lost.
        """
        if candidate is None:
            self._insert(self._letters)
            self._set_letters("")
            return
        self._insert(candidate)
        self._set_letters(self._engine.consume(self._letters, candidate))

    def _commit_pending(self) -> None:
        """Turns all pending letters into the first candidates, one pick after another."""
        for _ in range(MAX_PENDING_LETTERS):
            if not self._letters:
                return
            self._pick_candidate(self._shown[0] if self._shown else None)

    def _turn_page(self, step: int) -> None:
        page = self._page + step
        if page >= 0 and (step < 0 or self._has_next_page):
            self._page = page
            self._lookup()

    def _set_mode(self, mode: KeyboardMode) -> None:
        if self._home is KeyboardMode.DIGITS and mode is not KeyboardMode.DIGITS:
            mode = KeyboardMode.DIGITS
        if self._mode is KeyboardMode.PINYIN and mode is not KeyboardMode.PINYIN:
            self._insert(self._letters)  # leaving pinyin keeps the letters as they show
            self._set_letters("")
        if mode is not KeyboardMode.LATIN and self._keys["key_shift"].isChecked():
            self._keys["key_shift"].setChecked(False)  # pinyin is typed in lower case
            self._show_letter_case()
        changed = mode is not self._mode
        self._mode = mode
        self._describe_mode_keys()
        self._arrange()
        if changed:
            self.mode_changed.emit(mode)

    # ---- pending letters and candidates ----

    def _set_letters(self, letters: str) -> None:
        self._letters = letters
        self._page = 0
        self._preedit.setText(letters)
        self._lookup()

    def _lookup(self) -> None:
        """Fetches the current page of candidates (and one more, to know if a next page is)."""
        per_page = self._candidates_per_page()
        wanted = (self._page + 1) * per_page
        found = self._engine.candidates(self._letters, limit=wanted + 1) if self._letters else []
        self._shown = found[self._page * per_page : wanted]
        self._has_next_page = len(found) > wanted
        self._show_candidates()

    def _show_candidates(self) -> None:
        for slot in range(CANDIDATES_PER_PAGE):
            key = self._keys[f"candidate_{slot}"]
            key.setVisible(slot < self._candidates_per_page())
            if slot < len(self._shown):
                text = self._shown[slot]
                key.setText(text)
                pattern = self.tr("候选字：{text}") if len(text) == 1 else self.tr("候选词：{text}")
                key.setAccessibleName(pattern.format(text=text))
                key.setAccessibleDescription(self.tr("点一下把它填进输入框"))
                key.setEnabled(True)
            else:
                key.setText("")
                key.setAccessibleName(self.tr("候选位置 {number}（空）").format(number=slot + 1))
                key.setAccessibleDescription(self.tr("先输入拼音，这里会出现候选字"))
                key.setEnabled(False)
        self._keys["key_candidates_prev"].setEnabled(self._page > 0)
        self._keys["key_candidates_next"].setEnabled(self._has_next_page)

    # ---- the attached field ----

    def _writable(self) -> bool:
        target = self._target
        return target is not None and target.isEnabled() and not target.isReadOnly()

    def _insert(self, text: str) -> None:
        if text and self._writable() and self._target is not None:
            self._target.insert(text)

    def _forget_target(self) -> None:
        """The field was deleted (its screen closed): type nowhere."""
        self._target_gone = None
        self._target = None
        self._set_letters("")
        self._enable_keys()


def _bound(action: Callable[[_T], None], value: _T) -> Callable[[], None]:
    """A slot taking no arguments, so Qt's `clicked(checked)` cannot slip into `value`."""
    return lambda: action(value)
