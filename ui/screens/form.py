"""The application form (填写申请信息) in short steps, built from the offering's fields.

A page shows a few fields (fewer in elder mode), and never more than fit above the tallest
keyboard its fields can bring up on the panel at hand, so nothing scrolls; "下一步" checks the
page with the same rules as the final submission before moving on. No message shows under a
field before the resident has tried to go on past it; from then on its message follows every
change, so it goes the moment the answer is right. Fields prefilled from the ID card are shown
masked and cannot be edited: the card is the proof. Conditional fields appear as soon as the
answer they depend on is given. The on-screen keyboard follows the field being typed in, and
goes with its page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from kiosk.catalog.offerings import Offering
from kiosk.forms import Application, FieldError
from kiosk.forms.validation import is_shown
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.screens.form_fields import FieldInput
from ui.widgets.error_label import ErrorLabel
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard

Checker = Callable[[Application], tuple[FieldError, ...]]
_KEYBOARDS = {"digits": KeyboardMode.DIGITS, "pinyin": KeyboardMode.PINYIN}


class FormScreen(Screen):
    step = "form"
    completed = Signal(dict)  # the answers, field id -> value
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("form_screen")
        self._container = QWidget()
        # The page takes the space left; its fields never make the screen taller than one
        # text row (its minimum, so the keyboard makes room for it).
        self._container.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self._layout = QFormLayout(self._container)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setVerticalSpacing(8)
        self.page_label = wrapping_label("", "form_page", role="hint")
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("form_keyboard")
        self.keyboard.hide()
        self.card_note = wrapping_label("", "form_card_note", role="hint")
        self.card_note.hide()
        self.body.addWidget(self.card_note)
        self.body.addWidget(self._container, stretch=1)
        self.body.addWidget(self.keyboard)
        self._keyboard_room = KeyboardRoom(self, self.keyboard, self.progress)
        self._keyboard_room.arranged.connect(self._recut)
        self._inputs: list[FieldInput] = []
        self._errors: dict[str, ErrorLabel] = {}
        # Fields the resident has tried to go on past: only these show their messages.
        self._attempted: set[str] = set()
        self._page = 0
        self._per_page = 4
        self._checker: Checker | None = None
        self._current_locale = "zh_CN"
        self.back_button = touch_button("", "form_back")
        self.back_button.clicked.connect(self._back)
        self.next_button = touch_button("", "form_next", primary=True)
        self.next_button.clicked.connect(self._next)
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.page_label)
        self.buttons.addWidget(self.next_button)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("填写申请信息"))
        for button, text, description in (
            (self.back_button, self.tr("上一步"), self.tr("回到上一页")),
            (self.next_button, self.tr("下一步"), self.tr("检查本页并继续")),
        ):
            button.setText(text)
            name_accessibly(button, text, description)
        self._render()

    def instruction(self) -> str:
        return self.tr("请填写申请信息。已从身份证读取的内容无需填写。")

    def set_layout_mode(self, elder: bool) -> None:
        """Elder mode: two fields a page instead of four."""
        self._per_page = 2 if elder else 4
        self.keyboard.set_elder_mode(elder)
        self._page = 0
        self._plan_keyboard()

    def show_form(
        self, offering: Offering, prefill: dict[str, str], checker: Checker, locale: str = "zh_CN"
    ) -> None:
        self.reset()
        self._checker = checker
        self._current_locale = locale
        for spec in offering.fields:
            field = FieldInput(spec, prefill.get(spec.id), locale)
            field.changed.connect(self._answer_changed)
            self._inputs.append(field)
            error = ErrorLabel(f"error_{spec.id}")
            self._errors[spec.id] = error
            # Labels made here, not by Qt from the text: a label Qt made and Python then
            # looked up (labelForField) stays referenced by the layout after removeRow deletes
            # it, one more dead label kept every visit.
            self._layout.addRow(QLabel(spec.label.text(locale)), field)
            self._layout.addRow(QLabel(), error)
        self._plan_keyboard()

    def show_card_note(self, rare_characters: bool) -> None:
        """Cards carry some rare characters (生僻字) as codes no font can draw."""
        self.card_note.setText(
            self.tr("您的姓名或地址中有生僻字，屏幕和回执上可能显示不全，请以证件为准。")
            if rare_characters
            else ""
        )
        self.card_note.setVisible(rare_characters)
        self._keyboard_room.rearrange()

    def answers(self) -> dict[str, Any]:
        """Every answer given to a field that is asked, in declared order."""
        answers: dict[str, Any] = {}
        for field in self._inputs:
            if is_shown(field.spec, answers):
                answers[field.spec.id] = field.value()
        return answers

    def _plan_keyboard(self) -> None:
        """The fields are known: room is made for the tallest keyboard they bring up, and for
        one text row above it."""
        typed = [field for field in self._inputs if _home(field) is not None]
        least = max((self._row_height(field) for field in typed), default=0)
        self._container.setMinimumHeight(least)
        self._keyboard_room.plan_for(_homes(typed))

    def _fields_room(self, homes: frozenset[KeyboardMode]) -> int:
        """The height left for a page's fields with the keyboard up for them (none for a page
        with nothing to type), whether or not it is up yet: a page must not change under the
        resident's finger when it appears, nor when the resident switches pinyin to digits.

        Worked out from the screen's parts and the keyboard's known height, not from the
        fields' own box, whose height follows what the page holds."""
        outer = self.layout()
        margins = outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        typing = bool(homes)
        header = outer.itemAt(0)
        outside = [_height_for(self.buttons, width)]
        if header is not None:
            outside.append(_height_for(header, width))
        if not (typing and self._keyboard_room.spare_makes_way()):
            outside.append(max(self.progress.sizeHint().height(), self.progress.minimumHeight()))
        inside = [0]  # the fields' box
        if self.card_note.isVisibleTo(self):
            inside.append(self.card_note.heightForWidth(width))
        if typing:
            inside.append(self._keyboard_room.keyboard_height(homes))
        gaps = outer.spacing() * len(outside) + self.body.spacing() * (len(inside) - 1)
        taken = margins.top() + margins.bottom() + sum(outside) + sum(inside) + gaps
        return self.height() - taken

    def _pages(self) -> list[list[FieldInput]]:
        shown_ids = set(self.answers())
        shown = [f for f in self._inputs if f.spec.id in shown_ids]
        pages: list[list[FieldInput]] = [[]]
        used = 0
        rooms: dict[frozenset[KeyboardMode], int] = {}  # a few keyboards, many fields
        for field in shown:
            height = self._row_height(field)
            page = pages[-1]
            homes = frozenset(_homes([*page, field]))
            if homes not in rooms:
                rooms[homes] = self._fields_room(homes)
            room = rooms[homes]
            if page and (len(page) == self._per_page or used + height > room):
                pages.append([])
                used = 0
            pages[-1].append(field)
            used += height + self._layout.verticalSpacing()
        return pages

    def _row_height(self, field: FieldInput) -> int:
        label = self._layout.labelForField(field)
        label_width = label.sizeHint().width() if label else 0
        field_width = self._container.width() - label_width - self._layout.horizontalSpacing()
        own = field.sizeHint().height()
        if field.hasHeightForWidth() and field_width > 0:
            own = max(own, field.heightForWidth(field_width))
        height = max(own, label.sizeHint().height() if label else 0)
        error = self._errors[field.spec.id]
        if error.text():
            height += error.sizeHint().height() + self._layout.verticalSpacing()
        return height

    def _render(self) -> None:
        pages = self._pages()
        self._page = min(self._page, len(pages) - 1)
        on_page = {id(f) for f in pages[self._page]}
        for row, field in enumerate(self._inputs):
            visible = id(field) in on_page
            self._layout.setRowVisible(row * 2, visible)
            has_error = bool(self._errors[field.spec.id].text())
            self._layout.setRowVisible(row * 2 + 1, visible and has_error)
        self.page_label.setText(
            self.tr("第 {page} 页，共 {pages} 页").format(page=self._page + 1, pages=len(pages))
        )
        target = self.keyboard.target()
        if target is not None and not any(field.line() is target for field in pages[self._page]):
            # Its field went with the page turned; this page was cut for its own fields.
            self.keyboard.detach()
            self.keyboard.hide()

    def _recut(self) -> None:
        """The room changed: the pages are cut again, with the field being typed in on show."""
        target = self.keyboard.target()
        pages = self._pages()
        for index, page in enumerate(pages):
            if target is not None and any(field.line() is target for field in page):
                self._page = index
        self._render()

    def show_errors(self, errors: tuple[FieldError, ...], locale: str = "zh_CN") -> bool:
        """Show the form's problems and turn to the first page that has one."""
        self._current_locale = locale
        field_errors = {e.field_id: e for e in errors if e.field_id in self._errors}
        self._attempted |= set(self._errors)  # the whole form was checked
        self._show_messages(field_errors)
        self._render()
        for index, page in enumerate(self._pages()):
            if any(f.spec.id in field_errors for f in page):
                self._page = index
                self._render()
                return True
        return False

    def _next(self) -> None:
        if self._checker is None:
            return
        seen = [field for page in self._pages()[: self._page + 1] for field in page]
        self._attempted |= {field.spec.id for field in seen}
        field_errors = self._check()
        self._show_messages(field_errors)
        # A message under a field makes its row taller: the pages are cut again.
        pages = self._pages()
        wrong = [field for field in seen if field.spec.id in field_errors]
        if wrong:
            self._page = _page_of(wrong[0], pages)
            self._render()
            return
        current = _page_of(seen[-1], pages) if seen else 0
        if current < len(pages) - 1:
            self._page = current + 1
            self._render()
            return
        self.keyboard.detach()
        self.keyboard.hide()
        self.completed.emit(self.answers())

    def _check(self) -> dict[str, FieldError]:
        """The problems with the answers as they stand, by field."""
        errors = self._checker(Application(answers=self.answers())) if self._checker else ()
        return {e.field_id: e for e in errors if e.field_id in self._errors}

    def _show_messages(self, field_errors: dict[str, FieldError]) -> None:
        """Each attempted field's message; the others stay quiet."""
        for field_id, label in self._errors.items():
            error = field_errors.get(field_id) if field_id in self._attempted else None
            label.setText(error.message.render(self._current_locale) if error else "")

    def _answer_changed(self) -> None:
        if self._attempted:
            self._show_messages(self._check())
        self._render()

    def _back(self) -> None:
        if self._page == 0:
            self.back_requested.emit()
            return
        self._page -= 1
        self._render()

    def relabel(self, locale: str) -> None:
        """Show the declared labels and options in another language, keeping every answer."""
        self._current_locale = locale
        for field in self._inputs:
            label = self._layout.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(field.spec.label.text(locale))
            field.relabel(locale)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and self.isAncestorOf(new):
            self.keyboard.attach(new, _mode_of(new), allow_x=new.property("allow_x") is True)
            self._keyboard_room.bring_up()

    def reset(self) -> None:
        self.keyboard.detach()
        self.keyboard.hide()
        self._inputs.clear()
        self._errors.clear()
        self._checker = None
        self._attempted.clear()
        self._page = 0
        self.show_card_note(False)
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.page_label.setText("")


def _page_of(field: FieldInput, pages: list[list[FieldInput]]) -> int:
    return next((index for index, page in enumerate(pages) if field in page), 0)


def _mode_of(line: QLineEdit) -> KeyboardMode:
    """The keyboard a text box is typed with, as its field declared."""
    return _KEYBOARDS.get(str(line.property("keyboard")), KeyboardMode.PINYIN)


def _home(field: FieldInput) -> KeyboardMode | None:
    line = field.line()
    return _mode_of(line) if line is not None else None


def _homes(fields: list[FieldInput]) -> set[KeyboardMode]:
    """The keyboards the fields of a page bring up."""
    return {home for field in fields if (home := _home(field)) is not None}


def _height_for(item: QLayoutItem, width: int) -> int:
    """How tall a layout of wrapping rows (the header, the button bar) is at `width`."""
    if item.hasHeightForWidth():
        return item.heightForWidth(width)
    return item.sizeHint().height()
