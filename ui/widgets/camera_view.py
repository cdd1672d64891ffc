"""The camera's picture with a square guide (取景框) that shows where to hold the code.

The picture is drawn as it comes (the preview pipeline has already mirrored and scaled it),
centred, with the guide over its middle. A code read flashes the guide: a thicker border in
another colour and a light fill, so the resident sees the kiosk took it, even from the side.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# The camera's frames are 4:3 (640x480); the view keeps that shape.
ASPECT_WIDTH, ASPECT_HEIGHT = 4, 3
# The guide covers the middle 60% of the picture's height: a receipt's code held inside it at
# the kiosk's reading distance covers the third of the frame the decoders were tuned for.
GUIDE_FRACTION = 0.6
# Long enough to be seen from the corner of the eye, over before the results have been read.
FLASH_MS = 600

_BACKGROUND = QColor("#1a1a1a")
# White with a dark outline stays visible over any picture; the flash is green and thicker.
_GUIDE = QColor("#ffffff")
_GUIDE_OUTLINE = QColor("#1a1a1a")
_FLASH = QColor("#1e8e3e")
_FLASH_FILL = QColor(30, 142, 62, 90)
_GUIDE_PEN_PX = 4
_FLASH_PEN_PX = 10


class CameraView(QWidget):
    """Shows the pictures it is given and the guide; ``flash`` highlights the guide briefly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._picture = QImage()
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(self.update)

    def set_height(self, height: int) -> None:
        """Make the view ``height`` pixels tall, and as wide as the camera's shape asks."""
        self.setFixedSize(self.size_for_height(height))

    @staticmethod
    def size_for_height(height: int) -> QSize:
        return QSize(round(height * ASPECT_WIDTH / ASPECT_HEIGHT), height)

    def show_picture(self, picture: QImage) -> None:
        self._picture = picture
        self.update()

    def picture(self) -> QImage:
        """The picture on show (a null image before the first, and after ``clear``)."""
        return self._picture

    def clear(self) -> None:
        """Drop the picture (and any flash): nothing of the last resident stays on screen."""
        self._picture = QImage()
        self._flash.stop()
        self.update()

    def flash(self) -> None:
        """Highlight the guide for ``FLASH_MS``: a code was read."""
        self._flash.start()
        self.update()

    def is_flashing(self) -> bool:
        return self._flash.isActive()

    def guide_rect(self) -> QRect:
        """Where the guide is drawn: a square in the middle of the view."""
        side = round(min(self.width(), self.height()) * GUIDE_FRACTION)
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        if not self._picture.isNull():
            shown = self._picture.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(
                (self.width() - shown.width()) // 2,
                (self.height() - shown.height()) // 2,
                shown.width(),
                shown.height(),
            )
            painter.drawImage(target, self._picture)
        guide = self.guide_rect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.is_flashing():
            painter.fillRect(guide, _FLASH_FILL)
            painter.setPen(QPen(_FLASH, _FLASH_PEN_PX))
            painter.drawRect(guide)
        else:
            painter.setPen(QPen(_GUIDE_OUTLINE, _GUIDE_PEN_PX + 4))
            painter.drawRect(guide)
            painter.setPen(QPen(_GUIDE, _GUIDE_PEN_PX))
            painter.drawRect(guide)
        painter.end()
