"""Room for the on-screen keyboard: what is being typed, and the step's buttons, stay in view.

The keyboard is laid out in the screen, not over it, so whatever it takes the rest of the screen
gives up. On a short panel (1366x768) that would squeeze the field being typed in and the keys
below their touch size; there, while the keyboard is up, the progress bar (the one thing a
resident typing does not need) makes way, and if that is not enough the keys turn compact. The
form pages itself to the room left above the keyboard, so the focused field is always on the
page shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.widgets.onscreen_keyboard import OnScreenKeyboard


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
