"""A pad the resident signs on with a finger; strokes are kept scaled to 0..1 of the pad."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(600, 220)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._strokes: list[list[tuple[float, float]]] = []

    def strokes(self) -> list[list[list[float]]]:
        return [[[x, y] for x, y in stroke] for stroke in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def _scaled(self, point: QPointF) -> tuple[float, float]:
        width, height = max(self.width(), 1), max(self.height(), 1)
        return (
            min(max(point.x() / width, 0.0), 1.0),
            min(max(point.y() / height, 0.0), 1.0),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._strokes.append([self._scaled(event.position())])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self._strokes[-1].append(self._scaled(event.position()))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(Qt.GlobalColor.black, 4))
        for stroke in self._strokes:
            points = [QPointF(x * self.width(), y * self.height()) for x, y in stroke]
            for start, end in pairwise(points):
                painter.drawLine(start, end)
