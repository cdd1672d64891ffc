"""The one-time notice (一次性告知单) a resident can print from a matter's guide."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject

from kiosk.notices import one_time_notice
from kiosk.receipts import ReceiptOutcome
from ui.collaborators import Collaborators
from ui.screens.guide import GuideScreen
from ui.visit import Visit
from ui.workers import BackgroundRunner


class NoticePrinting(QObject):
    def __init__(
        self,
        guide: GuideScreen,
        visit: Visit,
        collaborators: Collaborators,
        runner: BackgroundRunner,
    ) -> None:
        super().__init__(guide)
        self._guide, self._visit, self._runner = guide, visit, runner
        self._submissions, self._printer = collaborators.submissions, collaborators.printer
        self._terminal = collaborators.terminal
        guide.notice_requested.connect(self.print_notice)

    def print_notice(self) -> None:
        if self._visit.code is None:
            return
        offering = self._submissions.offering(self._visit.code, self._visit.catalog)
        now = datetime.now(UTC).astimezone(ZoneInfo(self._terminal.timezone))
        notice = one_time_notice(offering, self._terminal.hotline, now)
        self._guide.show_notice_status(self.tr("正在打印告知单…"))
        self._runner.run(
            lambda: self._printer.print_notice(notice),
            self._printed,
            lambda _error: self._printed(ReceiptOutcome(False, None)),
        )

    def _printed(self, outcome: ReceiptOutcome) -> None:
        if outcome.printed:
            self._guide.show_notice_status(self.tr("告知单已打印，请在出纸口取走。"))
        else:
            problem = outcome.problem or self.tr("打印机暂时无法使用")
            self._guide.show_notice_status(
                self.tr("告知单未能打印：{problem}。可拍照保存本页内容。").format(problem=problem)
            )
