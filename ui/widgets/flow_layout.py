"""A layout that fills rows left to right and starts a new row when the next widget would not
fit, so a bar of large touch buttons never makes the window wider than a portrait panel.

Each row is stretched to the full width, its widgets sharing the spare room equally, as a row
of buttons in a QHBoxLayout would; widgets marked with `keep_width` keep their own width and
leave the room to the others (a row of only those sits at the right). A row is as tall as its
tallest widget at the width it got (a wrapping label grows taller when it gets narrower).
"""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


def wrap(widths: list[int], width: int, spacing: int) -> list[list[int]]:
    """The indexes of items of these widths, row by row, when wrapped at `width`."""
    rows: list[list[int]] = []
    used = 0
    for index, wanted in enumerate(widths):
        if rows and used + spacing + wanted <= width:
            rows[-1].append(index)
            used += spacing + wanted
        else:
            rows.append([index])
            used = wanted
    return rows


def _delete_items(items: list[QLayoutItem]) -> None:
    while items:
        shiboken6.delete(items.pop())


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 16) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._fixed: list[QWidget] = []
        # A layout's items are its own: Qt's layouts delete theirs in their destructors, which
        # a layout written in Python does not have; without this every item (one for each
        # widget laid out) outlived the layout, a little more memory lost with every screen.
        self.destroyed.connect(partial(_delete_items, self._items))
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def keep_width(self, widget: QWidget) -> None:
        """`widget` keeps its own width; the others in its row share the spare room."""
        self._fixed.append(widget)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    # Qt asks for None past the last item (its nullptr); the stubs do not allow for it.
    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as the widest widget: everything else can move to another row. Text that
        wraps (a title) asks only for its narrowest width: it wraps into more lines instead."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
            if not item.hasHeightForWidth():
                size = size.expandedTo(item.sizeHint())
        margins = self.contentsMargins()
        return size.grownBy(margins)

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The visible items, row by row, as they fall in `width` pixels."""
        shown = self._shown()
        widths = [item.sizeHint().width() for item in shown]
        return [[shown[i] for i in row] for row in wrap(widths, width, self.spacing())]

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place (or only measure) the rows inside `rect`; returns the height they take."""
        area = rect.marginsRemoved(self.contentsMargins())
        y = area.y()
        for row in self.rows(area.width()):
            widths = self._widths(row, area.width())
            height = max(_height_at(item, width) for item, width in zip(row, widths, strict=True))
            # A row of only fixed-width widgets (switches under a title) sits at the right.
            x = area.x() + max(0, area.width() - sum(widths) - self.spacing() * (len(row) - 1))
            for item, width in zip(row, widths, strict=True):
                if apply:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + self.spacing()
            y += height + self.spacing()
        used = y - area.y() - (self.spacing() if y > area.y() else 0)
        margins = self.contentsMargins()
        return used + margins.top() + margins.bottom()

    def _widths(self, row: list[QLayoutItem], room: int) -> list[int]:
        """Each item's width: its own, plus an equal share of the spare room unless fixed."""
        wanted = [item.sizeHint().width() for item in row]
        spare = max(0, room - sum(wanted) - self.spacing() * (len(row) - 1))
        growing = [i for i, item in enumerate(row) if item.widget() not in self._fixed]
        for rank, index in enumerate(growing):
            # The first take the pixels left over from dividing the spare room.
            wanted[index] += spare // len(growing) + (1 if rank < spare % len(growing) else 0)
        return [min(width, room) for width in wanted]


def _height_at(item: QLayoutItem, width: int) -> int:
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return item.sizeHint().height()
