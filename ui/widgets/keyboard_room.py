"""Room for the on-screen keyboard: what is being typed, and the step's buttons, stay in view.

The keyboard is laid out in the screen, not over it, so whatever it takes the rest of the screen
gives up. On a short panel (1366x768) that would squeeze the field being typed in and the keys
below their touch size; there, while the keyboard is up, the progress bar (the one thing a
resident typing does not need) makes way, and if that is not enough the keys turn compact.

A screen that pages its fields (the form) says which modes they attach the keyboard in; the
choice is then made for the tallest keyboard they can bring up (pinyin, with its candidate bar,
unless every field types digits), whether or not it is up yet, from heights the keyboard works
out rather than from a layout pass: switching pinyin to digits changes nothing, and the screen
can cut its pages for the keyboard before it appears. Its keys are never squeezed; the room is
made by giving things up. Other screens have the choice made for the keyboard as it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLayout, QSizePolicy, QWidget

from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard


class KeyboardRoom(QObject):
    """While `keyboard` is up on a screen too short for everything at full size, first `spare`
    (if given) makes way, then the keys turn compact."""

    arranged = Signal()  # the keys' size or what makes way may have changed

    def __init__(self, screen: QWidget, keyboard: OnScreenKeyboard, spare: QWidget | None) -> None:
        super().__init__(screen)
        self._screen = screen
        self._keyboard = keyboard
        self._spare = spare
        # The modes the screen's fields attach the keyboard in; None: plan for it as it shows.
        self._homes: tuple[KeyboardMode, ...] | None = None
        self._spare_makes_way = False
        keyboard.installEventFilter(self)
        keyboard.mode_changed.connect(self._follow_mode)
        screen.installEventFilter(self)

    def plan_for(self, homes: Iterable[KeyboardMode]) -> None:
        """From now on make room for the tallest keyboard fields attached in `homes` bring up
        (none: no field is typed in), and keep the keyboard at exactly its height."""
        policy = self._keyboard.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self._keyboard.setSizePolicy(policy)
        self._homes = tuple(homes)
        self.rearrange()

    def keyboard_height(self, homes: Iterable[KeyboardMode]) -> int:
        """What the keyboard takes when up for fields of `homes`, at the key size chosen."""
        return max((self._keyboard.tallest_for(home) for home in homes), default=0)

    def spare_makes_way(self) -> bool:
        """Whether `spare` is hidden while the keyboard is up."""
        return self._spare_makes_way

    def _follow_mode(self, _mode: KeyboardMode) -> None:
        if self._homes is None:  # pinyin has a row more than the others
            self.rearrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        shown_or_hidden = kind in (QEvent.Type.Show, QEvent.Type.Hide)
        if (watched is self._keyboard and shown_or_hidden) or (
            watched is self._screen and kind == QEvent.Type.Resize
        ):
            self.rearrange()
        return False

    def bring_up(self) -> None:
        """Show the keyboard, what makes way for it gone first: Qt lays the window out as a
        widget appears, and a window grown for a moment stays grown."""
        self._set_spare_hidden(self._spare_makes_way)
        self._keyboard.show()

    def rearrange(self) -> None:
        """From everything at full size, give up one thing at a time until the screen fits.

        Worked out, not tried: showing the spare to measure it would lay the window out."""
        self._keyboard.set_compact(False)
        least = self._least_height()
        room = self._screen.height()
        self._spare_makes_way = self._spare is not None and least > room
        if least - self._spare_makes_way * self._spare_height() > room:
            self._keyboard.set_compact(True)
        typing = self._keyboard.isVisibleTo(self._screen)
        self._set_spare_hidden(typing and self._spare_makes_way)
        self.arranged.emit()

    def _set_spare_hidden(self, hidden: bool) -> None:
        if self._spare is not None and self._spare.isHidden() != hidden:
            self._spare.setHidden(hidden)

    def _spare_height(self) -> int:
        """What the spare takes, with the gap it leaves, when shown."""
        layout = self._screen.layout()
        if self._spare is None or layout is None:
            return 0
        spare = max(self._spare.sizeHint().height(), self._spare.minimumSizeHint().height())
        return spare + max(_spacing_around(layout, self._spare), 0)

    def _least_height(self) -> int:
        """The screen's least height with the spare shown, and with the tallest keyboard up
        where the modes are known (else the keyboard as it shows)."""
        layout = self._screen.layout()
        if layout is None:
            return 0
        for fresh in (self._keyboard.layout(), layout):
            if fresh is not None:
                forget_sizes(fresh)
        least = layout.totalMinimumSize().height()  # also while the screen is not on show
        if self._spare is not None and self._spare.isHidden():
            least += self._spare_height()
        if self._homes is not None:
            spacing = max(_spacing_around(layout, self._keyboard), 0)
            if self._keyboard.isVisibleTo(self._screen):
                least -= self._keyboard.sizeHint().height() + spacing
            if self._homes:
                least += self.keyboard_height(self._homes) + spacing
        return least


def _spacing_around(layout: QLayout, widget: QWidget) -> int:
    """The spacing of the layout (nested anywhere in `layout`) that holds `widget`."""
    for holder in _nested(layout):
        if holder.indexOf(widget) >= 0:
            return max(holder.spacing(), 0)
    return -1


def _nested(layout: QLayout) -> Iterator[QLayout]:
    """`layout` and every layout nested in it, found as children rather than through
    ``itemAt``: a Python wrapper made for a widget's layout item outlives the item once Qt
    deletes it (the widget moved to another layout, a page refilled), and an event Qt later
    allocates at its address comes to Python as that item."""
    yield layout
    for child in layout.children():
        if isinstance(child, QLayout):
            yield from _nested(child)


def forget_sizes(layout: QLayout) -> None:
    """Nested layouts cache their sizes until laid out; measuring must not lay out (a window
    would take the size of a step that is only being tried)."""
    for each in _nested(layout):
        each.invalidate()
