"""Radio buttons and check boxes that react to a tap anywhere on them.

Qt's own react only on the indicator and the text; on a touchscreen a finger lands anywhere
in the row, and a tap that does nothing is the worst thing an unsure resident can meet.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QCheckBox, QRadioButton


class TouchRadioButton(QRadioButton):
    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt's name)
        return self.rect().contains(pos)


class TouchCheckBox(QCheckBox):
    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt's name)
        return self.rect().contains(pos)
