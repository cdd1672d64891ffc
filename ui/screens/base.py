"""What every screen shares: a title, a body, a bar of large touch buttons, and a reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def touch_button(text: str, object_name: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setProperty("primary", primary)
    button.setAccessibleName(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch only: no focus rectangle
    return button


def wrapping_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


class Screen(QWidget):
    """A full-screen step. `reset` returns it to how it looked before any resident used it."""

    def __init__(self, title: str, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.title = QLabel(title)
        self.title.setObjectName("screen_title")
        self.title.setWordWrap(True)
        self.body = QVBoxLayout()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addLayout(self.body, stretch=1)
        layout.addLayout(self.buttons)

    def reset(self) -> None:
        """Drop everything a resident left on this screen."""
