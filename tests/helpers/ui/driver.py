"""Drives the kiosk the way a resident does: by tapping what is on the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog.models import FieldSpec, FieldType
from kiosk.catalog.offerings import Offering, find_offering
from kiosk.submissions.service import SubmissionService
from tests.helpers.samples import sample_value
from tests.helpers.ui.layout_check import PANELS
from ui.main_window import KioskWindow
from ui.screens.base import Screen
from ui.screens.form_fields import FieldInput
from ui.visit import Visit

W = TypeVar("W", bound=QWidget)


class KioskDriver:
    def __init__(self, qtbot: QtBot, window: KioskWindow, submissions: SubmissionService) -> None:
        self.qtbot = qtbot
        self.window = window
        self.screens = window.screens
        self._submissions = submissions

    @property
    def visit(self) -> Visit:
        return self.window.visit

    @property
    def screen(self) -> Screen:
        """The screen on show, as the navigator decided."""
        return self.window.navigator.screen

    def offering(self) -> Offering:
        """The matter (or bundle) chosen in this visit, from the visit's catalog."""
        visit = self.visit
        assert visit.catalog is not None and visit.code is not None, "no matter chosen"
        found = find_offering(visit.catalog, visit.code)
        assert found is not None
        return found

    def shown_fields(self) -> list[FieldInput]:
        """The form's fields on the page now shown, in declared order."""
        return [f for f in self.screens.form.findChildren(FieldInput) if f.isVisible()]

    def on_panel(self, name: str, *, english: bool = False, elder: bool = False) -> QSize:
        """The window at the size of the panel `name` (see PANELS), in the language and mode
        a resident chose there; the panel's size, for the layout checks."""
        panel = PANELS[name]
        self.window.resize(panel)
        if english:
            self.tap("language_toggle")
        if elder:
            self.tap("elder_toggle")
        return panel

    def find(self, kind: type[W], name: str) -> W:
        widget = self.window.findChild(kind, name)
        assert widget is not None, f"no {kind.__name__} named {name}"
        return widget

    def visible(self, kind: type[W], name: str) -> W:
        """The widget of that name on the screen now (headers repeat names per screen)."""
        shown = [w for w in self.window.findChildren(kind, name) if w.isVisible()]
        assert shown, f"no visible {kind.__name__} named {name}"
        return shown[0]

    def tap(self, name: str) -> None:
        button = self.visible(QAbstractButton, name)
        assert button.isEnabled(), f"{name} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def tap_paged(self, name: str, next_page: str) -> None:
        """Taps `name`, turning pages with the `next_page` button until it is on show."""
        for _ in range(20):
            if any(w.isVisible() for w in self.window.findChildren(QAbstractButton, name)):
                break
            self.tap(next_page)
        self.tap(name)

    def type_into(self, name: str, text: str) -> None:
        """Key presses for ASCII; Chinese is committed at once, as an input method does
        (QTest cannot synthesise key events for it)."""
        line = self.visible(QLineEdit, name)
        line.setFocus()
        if text.isascii():
            self.qtbot.keyClicks(line, text)
        else:
            line.insert(text)

    def tap_keys(self, *names: str) -> None:
        """Taps on-screen keyboard keys (key_digit_1, key_a, candidate_0, ...)."""
        for name in names:
            self.tap(name)

    def text_of(self, name: str) -> str:
        return self.visible(QLabel, name).text()

    def call_staff(self) -> str:
        """Press "call staff" on the screen on show and wait for its note (the request is
        committed off the GUI thread); the note's text."""
        note = self.screen.staff_status
        note.hide()  # a note from an earlier press must not count as this one's
        self.tap("staff_button")
        self.qtbot.waitUntil(note.isVisible, timeout=5000)
        return note.text()

    def sign(self, pad_name: str) -> None:
        pad = self.find(QWidget, pad_name)
        width, height = pad.width(), pad.height()
        points = [
            QPoint(int(width * (0.1 + i * 0.05)), int(height * (0.3 + (i % 4) * 0.1)))
            for i in range(14)
        ]
        self.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
        for point in points[1:]:
            self.qtbot.mouseMove(pad, point)
        self.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])

    def wait_for(self, screen: Screen, timeout: int = 8000) -> None:
        self.qtbot.waitUntil(lambda: self.screen is screen, timeout=timeout)

    def on(self, screen: Screen) -> bool:
        return self.screen is screen

    def open_guide(self, code: str) -> None:
        """From the attract screen to the matter's guide, paging the list to find its tile."""
        self.tap("start_button")
        assert self.on(self.screens.matters)
        while code not in self.screens.matters.matter_buttons:
            self.tap("matter_list_next")
        self.tap(f"matter_{code}")
        assert self.on(self.screens.guide)

    def choose_filter(self, key: str) -> None:
        """Taps a life-event or department filter, turning the filter pages to find it."""
        screen = self.screens.matters
        for _ in range(len(screen.filter_buttons)):
            if screen.filter_buttons[key].isVisible():
                break
            self.tap("matter_filters_more")
        self.tap(f"filter_{key}")

    def start_matter(self, code: str) -> None:
        self.open_guide(code)
        self.tap("guide_proceed")
        assert self.on(self.screens.identify)

    def next_page_until(self, screen: Screen) -> None:
        """Taps 下一步 on the form until it moves on (each page checked on the way)."""
        for _ in range(20):
            if not self.on(self.screens.form):
                break
            self.tap("form_next")
        assert self.on(screen), f"stuck on {self.screen.objectName()}"

    def fill_form(
        self,
        offering: Offering,
        skip: tuple[str, ...] = (),
        after_typing: Callable[[QLineEdit], None] | None = None,
    ) -> None:
        """Answers every field page by page through its widgets, then leaves the form;
        `after_typing` looks at each text field just typed into, while it has the focus."""
        for _ in range(20):
            if not self.on(self.screens.form):
                return
            self.fill_form_page(offering, skip, after_typing)
            self.tap("form_next")
        raise AssertionError("the form never let the resident through")

    def fill_form_page(
        self,
        offering: Offering,
        skip: tuple[str, ...] = (),
        after_typing: Callable[[QLineEdit], None] | None = None,
    ) -> None:
        """Answers the fields on the form's page now shown."""
        today = self._submissions.today()
        for field in self.shown_fields():
            if field.spec.id not in skip:
                self._answer(field.spec, sample_value(field.spec, offering, today), after_typing)

    def _answer(
        self,
        spec: FieldSpec,
        value: object,
        after_typing: Callable[[QLineEdit], None] | None = None,
    ) -> None:
        name = f"field_{spec.id}"
        if self.window.findChild(QLabel, f"{name}_shown") is not None:
            return  # read from the ID card
        if spec.type is FieldType.SIGNATURE:
            self.sign(f"{name}_pad")
        elif spec.type in (FieldType.CHOICE, FieldType.YES_NO, FieldType.MULTI_CHOICE):
            wanted = value if isinstance(value, list) else [value]
            for button in self.window.findChildren(QAbstractButton):
                ours = button.objectName().startswith(name + "_")
                if ours and button.property("value") in wanted and not button.isChecked():
                    self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            line = self.visible(QLineEdit, f"{name}_input")
            if line.text():
                return  # prefilled from the card (an address, say) and still right
            self.type_into(f"{name}_input", str(value))
            if after_typing is not None:
                after_typing(line)
