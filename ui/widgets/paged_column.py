"""Widgets one under another, shown a page at a time: as many as fit the height the column has
now, recounted whenever it changes. A resident turns pages with large buttons; nothing here
scrolls, so there is no scroll bar to find."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class PagedColumn(QWidget):
    page_changed = Signal()

    def __init__(self, spacing: int = 8) -> None:
        super().__init__()
        # It takes the space left over; its content never makes the screen taller.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(spacing)
        self._layout.addStretch(1)
        self._items: list[QWidget] = []
        self._keep_with_next: set[int] = set()
        self._left_out: set[int] = set()
        self._pages: list[list[QWidget]] = [[]]
        self._page = 0

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def items(self) -> list[QWidget]:
        return list(self._items)

    def add(self, widget: QWidget, keep_with_next: bool = False, left_out: bool = False) -> None:
        """Append `widget`; `keep_with_next` (a heading) never ends a page; `left_out`: see
        `leave_out`."""
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._items.append(widget)
        if keep_with_next:
            self._keep_with_next.add(id(widget))
        if left_out:
            self._left_out.add(id(widget))
        self.paginate()

    def remove(self, widget: QWidget) -> None:
        """Take `widget` out of the column, not deleting it: it may be added again."""
        if widget not in self._items:
            return
        self._layout.removeWidget(widget)
        self._items.remove(widget)
        self._keep_with_next.discard(id(widget))
        self._left_out.discard(id(widget))
        widget.hide()
        self.paginate()

    def leave_out(self, widget: QWidget, left_out: bool = True) -> None:
        """Keep `widget` in its place but off every page, while what it says does not apply
        (a commitment's text while another choice is made)."""
        if left_out:
            self._left_out.add(id(widget))
        else:
            self._left_out.discard(id(widget))
        self.paginate()

    def clear(self) -> None:
        for widget in self._items:
            self._layout.removeWidget(widget)
            widget.hide()  # at once: deletion waits for the event loop
            widget.deleteLater()
        self._items.clear()
        self._keep_with_next.clear()
        self._left_out.clear()
        self._pages, self._page = [[]], 0
        self.page_changed.emit()

    def turn(self, step: int) -> None:
        self._page = max(0, min(self._page + step, len(self._pages) - 1))
        self._show_page()

    def turn_to(self, widget: QWidget) -> None:
        """Show the page that holds `widget` (a row with a problem to fix, say)."""
        self._page = self._page_of(widget, self._page)
        self._show_page()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.paginate()

    def paginate(self) -> None:
        """Cut the items into pages that fit the height there is now; keep the page's first."""
        width, room = self.width(), self.height()
        spacing = self._layout.spacing()
        pages: list[list[QWidget]] = [[]]
        used = 0
        items = self._items
        for index, widget in enumerate(items):
            if id(widget) in self._left_out:
                continue
            height = self._height_of(widget, width)
            needed = height
            following = items[index + 1] if index + 1 < len(items) else None
            kept = following is not None and id(following) not in self._left_out
            if id(widget) in self._keep_with_next and following is not None and kept:
                needed += spacing + self._height_of(following, width)
            if pages[-1] and used + needed > room:
                pages.append([])
                used = 0
            pages[-1].append(widget)
            used += height + spacing
        first = self._pages[self._page][0] if self._pages[self._page] else None
        self._pages = pages
        self._page = self._page_of(first, 0) if first is not None else 0
        self._show_page()

    def label_controls(self, previous: QPushButton, following: QPushButton) -> None:
        """Short page button labels (in English an arrow and "Page"), so that in elder mode a
        step's buttons and these share one row at 1366 wide; their names say it in full."""
        for button, text, name in (
            (previous, self.tr("上一页", "page button"), self.tr("上一页")),
            (following, self.tr("下一页", "page button"), self.tr("下一页")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
            button.setAccessibleDescription(name)

    def update_controls(self, previous: QPushButton, following: QPushButton, label: QLabel) -> None:
        """The page buttons and "第 1 页，共 2 页" show only when there is more than a page."""
        many = len(self._pages) > 1
        for widget in (previous, following, label):
            widget.setVisible(many)
        previous.setEnabled(self._page > 0)
        following.setEnabled(self._page < len(self._pages) - 1)
        label.setText(
            self.tr("第 {page} 页，共 {pages} 页").format(
                page=self._page + 1, pages=len(self._pages)
            )
        )

    def _height_of(self, widget: QWidget, width: int) -> int:
        widget.ensurePolished()
        if width > 0 and widget.hasHeightForWidth():
            return max(widget.heightForWidth(width), widget.minimumSizeHint().height())
        return max(widget.sizeHint().height(), widget.minimumSizeHint().height())

    def _page_of(self, widget: QWidget | None, default: int) -> int:
        return next((i for i, page in enumerate(self._pages) if widget in page), default)

    def _show_page(self) -> None:
        shown = set(map(id, self._pages[self._page]))
        for widget in self._items:
            widget.setVisible(id(widget) in shown)
        self.page_changed.emit()
