"""A radio button whose text breaks into lines when the row it sits in is narrower than the
text, instead of asking the window to grow (a QRadioButton draws one line and its width is
the whole text's).

It asks for at most `WRAP_AFTER_EMS` characters' width, so a row of choices can hold it on a
portrait panel, and grows taller for each extra line at the width the layout gives it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontInfo, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

from ui.widgets.text_wrap import wrap_lines
from ui.widgets.touch_choices import TouchRadioButton

# Twenty characters of the button's own font: an elder-mode choice of that length and its
# indicator still fit a portrait 1080-pixel panel.
WRAP_AFTER_EMS = 20


class WrappingRadioButton(TouchRadioButton):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        # Qt's radio button is fixed at one line's height; this one grows by its lines.
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        natural = self._size_for(self.text())
        widest = self._chrome() + WRAP_AFTER_EMS * QFontInfo(self.font()).pixelSize()
        return QSize(min(natural.width(), widest), natural.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._size_for(self._lines_at(width)).height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self._lines_at(self.width())  # type: ignore[attr-defined]  # stubs omit it
        painter.drawControl(QStyle.ControlElement.CE_RadioButton, option)

    def _lines_at(self, width: int) -> str:
        """The text with a line break wherever it reaches `width` (the whole button's)."""
        text = self.text()
        if width >= self._size_for(text).width():
            return text
        return "\n".join(wrap_lines(text, self.font(), width - self._chrome()))

    def _chrome(self) -> int:
        """The width the indicator, the spacing and the padding take beside the text."""
        text = self.text()
        return self._size_for(text).width() - self._text_size(text).width()

    def _text_size(self, text: str) -> QSize:
        return self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic.value, text)

    def _size_for(self, text: str) -> QSize:
        """What Qt's radio button would ask for with `text` (line breaks and all)."""
        self.ensurePolished()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text  # type: ignore[attr-defined]  # stubs omit it
        contents = self._text_size(text)
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_RadioButton, option, contents, self
        )
        return size.expandedTo(self.minimumSize())
