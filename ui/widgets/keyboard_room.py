"""Room for the on-screen keyboard: what is being typed, and the step's buttons, stay in view.

The keyboard is laid out in the screen, not over it, so whatever it takes the rest of the screen
gives up. On a short panel (1366x768) that would squeeze the field being typed in out of its
scroll area and the keys below their touch size; there, while the keyboard is up, the progress
bar (the one thing a resident typing does not need) makes way, and if that is not enough the
keys turn compact. Inside a scroll area the focused field is scrolled into view whenever the
area's size or content changes under it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from ui.widgets.onscreen_keyboard import OnScreenKeyboard

# Space kept around the focused field when it is scrolled into view, so its border shows.
_FOCUS_MARGIN = 8


class KeyboardRoom(QObject):
    """While `keyboard` is up on a screen too short for everything at full size, first `spare`
    (if given) makes way, then the keys turn compact."""

    def __init__(self, screen: QWidget, keyboard: OnScreenKeyboard, spare: QWidget | None) -> None:
        super().__init__(screen)
        self._screen = screen
        self._keyboard = keyboard
        self._spare = spare
        keyboard.installEventFilter(self)
        keyboard.mode_changed.connect(lambda _mode: self._arrange())  # pinyin has a row more
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        shown_or_hidden = kind in (QEvent.Type.Show, QEvent.Type.Hide)
        if (watched is self._keyboard and shown_or_hidden) or (
            watched is self._screen and kind == QEvent.Type.Resize
        ):
            self._arrange()
        return False

    def _arrange(self) -> None:
        """From everything at full size, give up one thing at a time until the screen fits."""
        typing = self._keyboard.isVisibleTo(self._screen)
        if self._spare is not None:
            self._spare.setHidden(typing and self._too_short())
        self._keyboard.set_compact(False)
        self._keyboard.set_compact(typing and self._too_short())

    def _too_short(self) -> bool:
        layout = self._screen.layout()
        if layout is not None:  # nested layouts cache their minimum until laid out afresh
            layout.invalidate()
            layout.activate()
        return self._screen.minimumSizeHint().height() > self._screen.height()


class FocusInView(QObject):
    """Keeps the focused widget inside `area` scrolled into view."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area
        area.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self.reveal())

    def reveal(self) -> None:
        focused = QApplication.focusWidget()
        content = self._area.widget()
        if focused is None or content is None or not content.isAncestorOf(focused):
            return
        # The whole field, not just its text cursor (which is what ensureWidgetVisible shows).
        centre = focused.mapTo(content, focused.rect().center())
        half_width, half_height = focused.width() // 2, focused.height() // 2
        self._area.ensureVisible(
            centre.x(), centre.y(), half_width + _FOCUS_MARGIN, half_height + _FOCUS_MARGIN
        )
