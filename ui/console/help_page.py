"""The console's list of help requests (帮办): which screen a resident called from, how long
ago, whether the platform has heard of it, and a "dealt with" button for each.

The list is read again each time the page opens and every half minute while it shows, so a
call made while staff look at it appears without a tap. Marking a request dealt with commits
off the GUI thread and names the staff member signed in to the console (`sign_in`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.help_requests import HelpDesk, HelpRequest
from kiosk.staff.rights import Role, Verb, can
from ui.console.page import ConsolePage
from ui.screens.base import name_accessibly, touch_button, wrapping_label
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)

REFRESH_MS = 30_000


class HelpPage(ConsolePage):
    verb = Verb.VIEW_HELP_REQUESTS

    def __init__(
        self, desk: HelpDesk, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        super().__init__("console_help_page")
        self._desk = desk
        self._clock = clock
        self._runner = BackgroundRunner(self)
        self._requests: list[HelpRequest] = []
        self.summary = wrapping_label("", "help_summary", role="instruction")
        self.problem = wrapping_label("", "help_problem", role="hint")
        self.problem.hide()
        self._list = QVBoxLayout()
        self.body.addWidget(self.summary)
        self.body.addWidget(self.problem)
        self.body.addLayout(self._list)
        self.body.addStretch(1)
        self.rows: dict[int, QWidget] = {}  # request id → its row, for the ones listed
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.retranslate()

    def title(self) -> str:
        return self.tr("求助")

    def sign_in(self, staff_number: str, role: Role) -> None:
        super().sign_in(staff_number, role)
        self._show()

    def sign_out(self) -> None:
        super().sign_out()
        self._requests = []
        self._show()

    def refresh(self) -> None:
        self._requests = self._desk.open_requests()
        self._show()

    def retranslate(self) -> None:
        self._show()

    def _show(self) -> None:
        for row in self.rows.values():
            self._list.removeWidget(row)
            row.deleteLater()
        self.rows = {request.id: self._row(request) for request in self._requests}
        for row in self.rows.values():
            self._list.addWidget(row)
        if self._requests:
            self.summary.setText(
                self.tr("有 {n} 位居民在等工作人员，最早的在最上面。").format(n=len(self._requests))
            )
        else:
            self.summary.setText(self.tr("现在没有居民在等工作人员。"))

    def _row(self, request: HelpRequest) -> QWidget:
        row = QWidget()
        row.setObjectName(f"help_request_{request.id}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = self.tr("{screen} · {ago} · {delivered}").format(
            screen=self._screen_name(request.screen),
            ago=self._ago(request.requested_at),
            delivered=(
                self.tr("已报送平台")
                if request.delivered
                else self.tr("尚未报送平台，联网后自动报送")
            ),
        )
        layout.addWidget(wrapping_label(text, "help_request_text"), stretch=1)
        resolve = touch_button("", f"help_resolve_{request.id}")
        resolve.setText(self.tr("已处理"))
        name_accessibly(resolve, self.tr("已处理"), self.tr("这位居民已经得到帮助，从列表中移除"))
        resolve.setEnabled(self._may_resolve())
        resolve.clicked.connect(partial(self._resolve, request.id, resolve))
        layout.addWidget(resolve)
        return row

    def _may_resolve(self) -> bool:
        return (
            self.actor is not None
            and self.role is not None
            and can(self.role, Verb.RESOLVE_HELP_REQUESTS)
        )

    def _resolve(self, request_id: int, button: QPushButton) -> None:
        staff_number = self.actor
        if staff_number is None or not self._may_resolve():
            return
        button.setEnabled(False)
        self._runner.run(
            partial(self._desk.resolve, request_id, staff_number),
            lambda _none: self._resolved(),
            self._not_resolved,
        )

    def _resolved(self) -> None:
        self.problem.hide()
        self.refresh()

    def _not_resolved(self, exc: Exception) -> None:
        log.error("help request not resolved", extra={"error": repr(exc)})
        self.problem.setText(self.tr("没能记下处理结果，请再按一次“已处理”。"))
        self.problem.show()
        self.refresh()

    def _ago(self, requested_at: datetime) -> str:
        minutes = max(0, int((self._clock() - requested_at).total_seconds() // 60))
        if minutes < 1:
            return self.tr("刚刚")
        if minutes < 60:
            return self.tr("{n} 分钟前").format(n=minutes)
        return self.tr("{n} 小时前").format(n=minutes // 60)

    def _screen_name(self, screen: str) -> str:
        """The resident screen in the words staff use; its object name if it is not known."""
        names = {
            "attract_screen": self.tr("首页"),
            "matter_list_screen": self.tr("选择事项"),
            "guide_screen": self.tr("办事指南"),
            "identify_screen": self.tr("读取身份证"),
            "form_screen": self.tr("填写申请表"),
            "materials_screen": self.tr("提交材料"),
            "delivery_screen": self.tr("选择领取方式"),
            "confirm_screen": self.tr("确认提交"),
            "thanks_screen": self.tr("办理结果"),
            "rating_screen": self.tr("评价"),
            "lookup_screen": self.tr("办件查询"),
            "problem_screen": self.tr("出错提示"),
            "out_of_service_screen": self.tr("暂停服务"),
        }
        return names.get(screen, screen)

    def open_count(self) -> int:
        """How many requests wait for staff, for the health page."""
        return self._desk.open_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self._timer.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        """Wait for a resolution being committed."""
        self._runner.wait_for_all()
