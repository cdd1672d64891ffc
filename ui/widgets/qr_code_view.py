"""A QR code drawn on screen large enough for a phone to scan from arm's length: each module
a whole number of pixels (crisp edges, no smoothing), with its quiet zone."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel

# About 6 cm on a 22" panel: a phone's camera reads that from 30-40 cm.
DEFAULT_SIDE_PX = 320


class QrCodeView(QLabel):
    def __init__(self, object_name: str, side_px: int = DEFAULT_SIDE_PX) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._side = side_px
        self.payload = ""

    def show_code(self, payload: str, correction: Literal["L", "M"] = "M") -> None:
        """Draw `payload` (empty: nothing) at error correction level `correction`."""
        self.payload = payload
        if not payload:
            self.clear()
            return
        # OpenCV's encoder, loaded only once a code is drawn: not on the start-up path.
        from drivers.qr.render import render_qr

        symbol = render_qr(payload, correction=correction)
        modules = symbol.shape[0]
        scale = max(1, self._side // modules)
        image = QImage(
            symbol.tobytes(), modules, modules, modules, QImage.Format.Format_Grayscale8
        ).copy()  # own the pixels: the array is gone after this call
        side = modules * scale
        self.setPixmap(
            QPixmap.fromImage(image).scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        self.setMinimumSize(side, side)
