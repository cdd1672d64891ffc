"""The console's health page: every part of the kiosk on one screen, faults first, each with
a coloured marker that also says its status in words, what is wrong and what to do; and the
button that exports a diagnostics bundle to a USB stick.

Checks wait on the network and the disk, so they run on a worker; the page asks again every
few seconds while it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.health.report import HealthLine, HealthReport, Status
from kiosk.health.usb import Drive
from kiosk.staff.rights import Verb
from ui.console.page import ConsolePage
from ui.language import current_locale
from ui.screens.base import label_buttons, touch_button, wrapping_label
from ui.workers import BackgroundRunner

REFRESH_MS = 5000
# Marker colours, each with its text colour at or above 4.5:1 (WCAG AA): white on #a40000 is
# 8.1:1, #1a1a1a on #ffc940 is 11.3:1, white on #1e6b32 is 6.6:1.
STYLE = """
QLabel#health_marker { font-size: 26px; font-weight: bold; padding: 4px 12px;
                       border-radius: 8px; min-width: 110px; }
QLabel#health_marker[status="fault"] { background: #a40000; color: #ffffff; }
QLabel#health_marker[status="warning"] { background: #ffc940; color: #1a1a1a; }
QLabel#health_marker[status="ok"] { background: #1e6b32; color: #ffffff; }
QLabel#health_topic { font-size: 26px; font-weight: bold; }
QLabel#health_message { font-size: 26px; }
QLabel#health_todo { font-size: 24px; color: #1a1a1a; }
QLabel#health_summary { font-size: 32px; font-weight: bold; }
"""


def _grid() -> QGridLayout:
    """Lines as rows: the marker, the part's name, then its words (and what to do below)."""
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(6)
    grid.setColumnStretch(2, 1)
    return grid


class HealthPage(ConsolePage):
    verb = Verb.VIEW_HEALTH

    def __init__(
        self,
        take_report: Callable[[], HealthReport],
        find_drives: Callable[[], list[Drive]],
        export_to: Callable[[Path, str], Path],  # (the stick, who exports) -> the file
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__("health_page")
        self.setStyleSheet(STYLE)
        self._take_report = take_report
        self._find_drives = find_drives
        self._export_to = export_to
        self._runner = BackgroundRunner(self)
        self._checking = False
        self._exporting = False
        self._report: HealthReport | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)

        self.summary = wrapping_label("", "health_summary")
        self.checked_at = wrapping_label("", "health_checked_at", role="hint")
        self.body.addWidget(self.summary)
        self.body.addWidget(self.checked_at)
        # What needs care and what works: one above the other on a portrait panel, side by
        # side on a landscape one; scrolled only when a panel cannot hold every line.
        self._needs_care, self._working = _grid(), _grid()
        holder = QWidget()
        self._sections = QBoxLayout(QBoxLayout.Direction.TopToBottom, holder)
        self._sections.setContentsMargins(0, 0, 0, 0)
        self._sections.setSpacing(24)
        for section, stretch in ((self._needs_care, 2), (self._working, 1)):
            column = QVBoxLayout()
            column.addLayout(section)
            column.addStretch(1)
            self._sections.addLayout(column, stretch)
        scroller = QScrollArea()
        scroller.setObjectName("health_lines")
        scroller.setWidget(holder)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(scroller, 1)
        self._shown: dict[str, QLabel] = {}

        self.export_button = touch_button("", "health_export", primary=True)
        self.export_button.clicked.connect(self._look_for_drives)
        self.export_status = wrapping_label("", "health_export_status", role="instruction")
        self._drive_row = QHBoxLayout()
        self._drive_buttons: list[QPushButton] = []
        self.body.addWidget(self.export_button)
        self.body.addLayout(self._drive_row)
        self.body.addWidget(self.export_status)
        self.retranslate()

    # -- ConsolePage ---------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("运行状态")

    def refresh(self) -> None:
        """Take a report on the worker; a check still running is not started twice."""
        if self._checking:
            return
        self._checking = True
        self._runner.run(self._take_report, self._show_report, self._report_failed)

    def retranslate(self) -> None:
        label_buttons((self.export_button, self.tr("导出诊断信息到U盘")))
        if self._report is not None:
            self._show_lines(self._report)
        else:
            self.summary.setText(self.tr("正在检查……"))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self._timer.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Side by side on a landscape panel, one above the other on a portrait one.
        wide = event.size().width() > event.size().height()
        self._sections.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    # -- what is shown -------------------------------------------------------------------

    def line_topics(self) -> list[str]:
        """The topics in the order shown: what needs care first, then what works."""
        return list(self._shown)

    def message_shown(self, topic: str) -> str:
        """The words beside the marker of `topic`'s line."""
        return self._shown[topic].text()

    @property
    def checking(self) -> bool:
        """Whether a report is being taken now (a refresh meanwhile does nothing)."""
        return self._checking

    def wait_for_work(self) -> None:
        self._runner.wait_for_all()

    def _show_report(self, report: HealthReport) -> None:
        self._checking = False
        self._report = report
        self._show_lines(report)

    def _report_failed(self, error: Exception) -> None:
        self._checking = False
        self.summary.setText(self.tr("无法读取运行状态，请重启本机；仍不行请联系技术人员"))

    def _show_lines(self, report: HealthReport) -> None:
        self._clear_lines()
        locale = current_locale()
        for each in report.ordered():
            grid = self._working if each.status is Status.OK else self._needs_care
            self._add_line(grid, each, locale)
        faults = sum(each.status is Status.FAULT for each in report.lines)
        warnings = sum(each.status is Status.WARNING for each in report.lines)
        if faults:
            text = self.tr("有 {faults} 项故障、{warnings} 项需要注意：请按红色一行的提示处理")
        elif warnings:
            text = self.tr("没有故障，{warnings} 项需要注意")
        else:
            text = self.tr("一切正常")
        self.summary.setText(text.format(faults=faults, warnings=warnings))
        self.checked_at.setText(
            self.tr("检查于 {time}（每隔几秒自动更新）").format(
                time=report.taken_at.astimezone().strftime("%H:%M:%S")
            )
        )

    def _add_line(self, grid: QGridLayout, each: HealthLine, locale: str) -> None:
        row = grid.rowCount()
        marker = QLabel(self._status_words(each.status))
        marker.setObjectName("health_marker")
        marker.setProperty("status", each.status.value)
        marker.setProperty("topic", each.topic)
        topic = wrapping_label(each.title.render(locale), "health_topic")
        message = wrapping_label(each.message.render(locale), "health_message")
        grid.addWidget(marker, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(topic, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(message, row, 2)
        todo = each.todo.render(locale)
        if todo and each.status is not Status.OK:
            advice = wrapping_label(self.tr("请这样做：") + todo, "health_todo")
            grid.addWidget(advice, row + 1, 1, 1, 2)
        self._shown[each.topic] = message

    def _status_words(self, status: Status) -> str:
        if status is Status.FAULT:
            return self.tr("✖ 故障")
        if status is Status.WARNING:
            return self.tr("▲ 注意")
        return self.tr("✔ 正常")

    def _clear_lines(self) -> None:
        self._shown.clear()
        for grid in (self._needs_care, self._working):
            while (item := grid.takeAt(0)) is not None:
                widget = item.widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()

    # -- the diagnostics export ----------------------------------------------------------

    def _look_for_drives(self) -> None:
        if self._exporting:
            return
        self._exporting = True
        self.export_button.setEnabled(False)
        self._clear_drive_buttons()
        self.export_status.setText(self.tr("正在查找U盘……"))
        self._runner.run(self._find_drives, self._drives_found, self._export_failed)

    def _drives_found(self, drives: list[Drive]) -> None:
        if not drives:
            self._finish(self.tr("没有找到U盘。请插入U盘后再试"))
            return
        if len(drives) == 1:
            self._export(drives[0])
            return
        self.export_status.setText(self.tr("找到多个U盘，请点选要写入的一个"))
        for drive in drives:
            button = touch_button(drive.label, "health_drive")
            button.clicked.connect(lambda _=False, chosen=drive: self._export(chosen))
            self._drive_row.addWidget(button)
            self._drive_buttons.append(button)

    def _export(self, drive: Drive) -> None:
        self._clear_drive_buttons()
        self.export_status.setText(
            self.tr("正在写入U盘 {drive}，请不要拔出……").format(drive=drive.label)
        )
        actor = self.actor or "unknown"  # the console signs its pages in before they show
        self._runner.run(
            lambda: self._export_to(drive.mount_point, actor),
            lambda written: self._exported(drive, written),
            self._export_failed,
        )

    def _exported(self, drive: Drive, written: Path) -> None:
        self._finish(
            self.tr("已写入U盘 {drive}：{file}。现在可以拔出U盘，交给技术人员").format(
                drive=drive.label, file=written.name
            )
        )

    def _export_failed(self, error: Exception) -> None:
        self._finish(self.tr("写入U盘没有成功。请换一个U盘再试；仍不行请联系技术人员"))

    def _finish(self, text: str) -> None:
        self._exporting = False
        self.export_button.setEnabled(True)
        self.export_status.setText(text)

    def _clear_drive_buttons(self) -> None:
        for button in self._drive_buttons:
            button.hide()
            button.deleteLater()
        self._drive_buttons.clear()
