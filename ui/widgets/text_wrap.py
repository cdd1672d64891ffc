"""Breaking text into lines that fit a width, for widgets that cannot wrap their own text (a
QPushButton draws one line per newline and cuts off the rest)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout


def wrap_lines(text: str, font: QFont, width: int) -> list[str]:
    """`text` as the lines Qt's own line breaking gives at `width` pixels (between words,
    or between any two Chinese characters)."""
    layout = QTextLayout(text, font)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return [line for line in lines if line] or [""]
