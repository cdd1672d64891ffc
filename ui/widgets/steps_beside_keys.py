"""The step's buttons beside the on-screen keyboard, for a panel too short to hold them under it.

On a 768-pixel panel in elder mode the bar of step buttons under the keyboard takes the room the
field being typed in needs. Beside the keys, in a column as tall as the keyboard, the same
buttons (the same widgets: their names, signals and labels do not change) stay in reach and
give that row back. The keys get narrower, never shorter: ten of them still fit the width left.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.widgets.flow_layout import FlowLayout


class StepsBesideKeys:
    """A row of `keyboard` and a column that `buttons` move into from `bar`, and back."""

    def __init__(self, keyboard: QWidget, bar: FlowLayout, buttons: Sequence[QPushButton]) -> None:
        self._keyboard = keyboard
        self._bar = bar
        self._buttons = tuple(buttons)
        self._beside = False
        self.row = QHBoxLayout()  # the screen puts this where the keyboard goes
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(bar.spacing())
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(bar.spacing())
        self.row.addWidget(keyboard, stretch=1)
        self.row.addLayout(self._column)

    def is_beside(self) -> bool:
        return self._beside

    def set_beside(self, beside: bool) -> None:
        """Beside the keys, at their foot where the bar was, in the bar's order; or back."""
        if beside == self._beside:
            return
        self._beside = beside
        if beside:
            self._column.addStretch(1)
            for button in self._buttons:
                self._column.addWidget(button)  # Qt takes it out of the bar first
            return
        for index, button in enumerate(self._buttons):
            self._bar.insertWidget(index, button)  # Qt takes it out of the column first
        while self._column.takeAt(0) is not None:  # the stretch
            pass

    def fit_beside(self, width: int) -> bool:
        """Whether the keys, at their least width, and the buttons share `width` side by side."""
        buttons = max((_least_width(button) for button in self._buttons), default=0)
        keys = max(self._keyboard.minimumSizeHint().width(), self._keyboard.minimumWidth())
        return keys + self.row.spacing() + buttons <= width


def _least_width(button: QPushButton) -> int:
    button.ensurePolished()  # the style sheet's min-width applies once polished
    # A push button is never laid out narrower than its size hint (its policy is Minimum).
    return max(button.sizeHint().width(), button.minimumWidth())
