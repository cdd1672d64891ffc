"""An animated picture of a card sliding onto the reader: shows, without words, what to do."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class CardHint(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 240)
        self._offset = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(1600)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._move)

    def start(self) -> None:
        self._animation.start()

    def stop(self) -> None:
        self._animation.stop()

    def _move(self, value: object) -> None:
        self._offset = float(value) if isinstance(value, float | int) else 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        reader = QRectF(width * 0.15, height * 0.62, width * 0.7, height * 0.3)
        painter.setPen(QPen(QColor("#1a1a1a"), 4))
        painter.setBrush(QColor("#d9d9d9"))
        painter.drawRoundedRect(reader, 16, 16)
        travel = height * 0.45 * (1.0 - self._offset)
        top = height * 0.57 - travel
        card = QRectF(width * 0.28, top, width * 0.44, height * 0.3)
        painter.setBrush(QColor("#0b3d91"))
        painter.drawRoundedRect(card, 12, 12)
        painter.setPen(QPen(Qt.GlobalColor.white, 3))
        middle = card.center().y()
        painter.drawLine(QPointF(card.left() + 20, middle), QPointF(card.right() - 20, middle))
