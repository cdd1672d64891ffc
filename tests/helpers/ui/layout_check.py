"""Whether the screen on show fits the panel: nothing outside the window or cut off by what
holds it, no text that does not fit its label or button, no scroll bar a resident would have
to find. The kiosk panels this must hold on are in `PANELS`."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.main_window import KioskWindow
from ui.widgets.signature_pad import SignaturePad

# Landscape 1080p, portrait 1080p (standing kiosks), and two older landscape panels.
PANELS = {
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
    "1366x768": QSize(1366, 768),
    "1280x1024": QSize(1280, 1024),
}
_CONTROLS = (QLabel, QAbstractButton, QLineEdit)
# A label's text may overrun its box by a pixel of rounding between layout and measuring.
_SLACK_PX = 1


def settle() -> None:
    """Let every pending layout pass run, so geometry is what the resident would see."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()


def layout_problems(window: QWidget, panel: QSize) -> list[str]:
    """Everything on the visible screen of `window` that does not fit `panel`."""
    settle()
    found: list[str] = []
    if window.size() != panel:
        found.append(
            f"window is {window.width()}x{window.height()}, not the panel's "
            f"{panel.width()}x{panel.height()} (its content asks for more)"
        )
    found += _overlaps(window)
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        name = _name(widget)
        if isinstance(widget, QScrollBar):
            found.append(f"{name}: a scroll bar shows")
            continue
        if not _inside_ancestors(widget, window):
            rect = _rect_in(widget, window)
            found.append(f"{name}: {_show(rect)} is cut off or outside the window")
        if isinstance(widget, QLabel) and not _label_fits(widget):
            found.append(f"{name}: text {widget.text()[:30]!r} does not fit {_show(widget.rect())}")
        if isinstance(widget, QAbstractButton | QLineEdit) and not _control_fits(widget):
            found.append(f"{name}: {widget.width()}x{widget.height()} cuts its text off")
    return found


def _overlaps(window: QWidget) -> list[str]:
    """Controls drawn over each other: a layout squeezed below what they need."""
    found = []
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, _CONTROLS) and w.isVisible() and w.window() is window
    ]
    by_parent: dict[int, list[QWidget]] = {}
    for widget in controls:
        by_parent.setdefault(id(widget.parentWidget()), []).append(widget)
    for siblings in by_parent.values():
        for index, first in enumerate(siblings):
            for second in siblings[index + 1 :]:
                if first.geometry().intersects(second.geometry()):
                    found.append(f"{_name(first)} and {_name(second)} overlap")
    return found


def _name(widget: QWidget) -> str:
    path = []
    current: QWidget | None = widget
    while current is not None and len(path) < 3:
        if current.objectName():
            path.append(current.objectName())
        current = current.parentWidget()
    return "/".join(reversed(path)) or type(widget).__name__


def _rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _inside_ancestors(widget: QWidget, window: QWidget) -> bool:
    """Inside every widget that holds it (a scroll area's viewport clips like a window)."""
    rect = _rect_in(widget, window)
    holder = widget.parentWidget()
    while holder is not None:
        if not _rect_in(holder, window).contains(rect):
            return False
        if holder is window:
            return True
        holder = holder.parentWidget()
    return True


def _label_fits(label: QLabel) -> bool:
    text = label.text()
    if not text:
        return True
    label.ensurePolished()
    box = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
    needed = label.fontMetrics().boundingRect(box, flags, text)
    return needed.width() <= box.width() + _SLACK_PX and needed.height() <= box.height() + _SLACK_PX


def _control_fits(widget: QAbstractButton | QLineEdit) -> bool:
    """The text fits inside the button's padding; a field is as tall as its font asks."""
    if isinstance(widget, QLineEdit):
        return widget.height() >= widget.minimumSizeHint().height()
    if not widget.text():
        return True
    if not isinstance(widget, QPushButton):
        hint = widget.sizeHint()
        return widget.width() >= hint.width() and widget.height() >= hint.height()
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    style = widget.style()
    box = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    needed = widget.fontMetrics().boundingRect(QRect(0, 0, 10_000, 10_000), 0, widget.text())
    return needed.width() <= box.width() + _SLACK_PX and needed.height() <= box.height() + _SLACK_PX


def _show(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


# 15 mm on a 21.5-inch 1920x1080 panel (0.248 mm a pixel) is 61 pixels.
MIN_TARGET_PX = 61
INTERACTIVE = (QAbstractButton, QLineEdit, SignaturePad)
TEXT_PX = {False: 24, True: 36}


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)]


def problems_on_screen(window: KioskWindow, panel: QSize, min_text_px: int) -> list[str]:
    """What does not fit on the screen on show, or is too small to tap or to read."""
    screen = window.navigator.screen
    found = [f"{screen.objectName()}: {p}" for p in layout_problems(window, panel)]
    for widget in interactive_widgets(window):
        if not widget.isVisible():
            continue
        name = f"{screen.objectName()}/{widget.objectName() or type(widget).__name__}"
        if widget.height() < MIN_TARGET_PX or widget.width() < MIN_TARGET_PX:
            found.append(f"{name}: {widget.width()}x{widget.height()} px is too small to tap")
    for label in window.findChildren(QLabel):
        label.ensurePolished()  # the style sheet's font applies once a widget is polished
        if label.isVisible() and label.text() and label.font().pixelSize() < min_text_px:
            found.append(f"{screen.objectName()}/{label.objectName()}: text too small")
    return found
