"""The resident's journey through the screens, and the wipe that ends every visit.

attract → matter list → guide → identify (ID card) → form → confirm → thanks → attract.
Every ending (finished, cancelled, failed) goes through `end_session`, which drops the
resident's data from the session and from every screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget

from drivers.idcard import IdCardRecord
from kiosk.submissions.service import (
    Accepted,
    InvalidSubmission,
    StorageUnavailable,
    SubmissionService,
)
from ui.card_polling import CardPolling
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.confirm import ConfirmScreen
from ui.screens.form import FormScreen
from ui.screens.guide import GuideScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.matter_list import MatterListScreen
from ui.screens.problem import ProblemScreen
from ui.screens.thanks import ThanksScreen
from ui.session import ResidentSession, card_facts
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)


class Journey(QObject):
    def __init__(
        self,
        stack: QStackedWidget,
        *,
        submissions: SubmissionService,
        polling: CardPolling,
        hall_name: str,
        hotline: str,
        thanks_timeout_s: int,
    ) -> None:
        super().__init__(stack)
        self._stack = stack
        self._submissions = submissions
        self._polling = polling
        self._runner = BackgroundRunner(self)
        self.session = ResidentSession()

        self.attract = AttractScreen(hall_name, hotline)
        self.matters = MatterListScreen(submissions.catalog.matters)
        self.guide = GuideScreen()
        self.identify = IdentifyScreen()
        self.form = FormScreen()
        self.confirm = ConfirmScreen()
        self.thanks = ThanksScreen(hotline)
        self.problem = ProblemScreen()
        self.screens: tuple[Screen, ...] = (
            self.attract,
            self.matters,
            self.guide,
            self.identify,
            self.form,
            self.confirm,
            self.thanks,
            self.problem,
        )
        for screen in self.screens:
            stack.addWidget(screen)

        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(thanks_timeout_s * 1000)
        self._thanks_timer.timeout.connect(self.end_session)

        self.attract.start_requested.connect(lambda: self._show(self.matters))
        self.matters.matter_chosen.connect(self._choose_matter)
        self.matters.back_requested.connect(self.end_session)
        self.guide.back_requested.connect(lambda: self._show(self.matters))
        self.guide.proceed_requested.connect(self._start_identify)
        self.identify.cancel_requested.connect(self.end_session)
        polling.card_placed.connect(self._card_placed)
        polling.fault.connect(self._card_fault)
        self.form.back_requested.connect(self.end_session)
        self.form.submitted.connect(self._check_form)
        self.confirm.back_requested.connect(lambda: self._show(self.form))
        self.confirm.confirmed.connect(self._submit)
        self.thanks.done_requested.connect(self.end_session)
        self.problem.home_requested.connect(self.end_session)
        self._show(self.attract)

    def current(self) -> Screen:
        widget = self._stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def end_session(self) -> None:
        """Forget the resident: session data, every screen's contents, pending timers."""
        self._polling.stop()
        self._thanks_timer.stop()
        self.session.wipe()
        for screen in self.screens:
            screen.reset()
        self._show(self.attract)

    def shutdown(self) -> None:
        self._runner.wait_for_all()

    def _show(self, screen: Screen) -> None:
        self._stack.setCurrentWidget(screen)

    def _choose_matter(self, code: str) -> None:
        self.session.matter_code = code
        self.guide.show_matter(self._submissions.matter(code))
        self._show(self.guide)

    def _start_identify(self) -> None:
        self.identify.reset()
        self._show(self.identify)
        self._polling.start()

    def _card_placed(self, record: IdCardRecord) -> None:
        if self.current() is not self.identify or self.session.matter_code is None:
            return
        self._polling.stop()
        matter = self._submissions.matter(self.session.matter_code)
        reason = self._submissions.ineligibility(matter.code, record.birth_date)
        if reason:
            self.identify.show_problem(reason)
            return
        facts = card_facts(record)
        self.session.prefill = {
            spec.id: facts[spec.prefill] for spec in matter.fields if spec.prefill is not None
        }
        self.form.show_form(matter, self.session.prefill)
        self._show(self.form)

    def _card_fault(self, message: str) -> None:
        if self.current() is self.identify:
            self.identify.show_problem(message)

    def _check_form(self, answers: dict[str, str]) -> None:
        code = self.session.matter_code
        if code is None:
            return
        result = self._submissions.check(code, answers)
        self.form.show_errors(result.errors)
        if not result.ok:
            return
        self.session.values = result.values
        self.confirm.show_summary(self._submissions.matter(code), result.values)
        self._show(self.confirm)

    def _submit(self) -> None:
        code, values = self.session.matter_code, dict(self.session.values)
        if code is None:
            return
        self.confirm.set_busy(True)
        self._runner.run(
            lambda: self._submissions.submit(code, values), self._accepted, self._refused
        )

    def _accepted(self, accepted: Accepted) -> None:
        self.session.wipe()
        self.confirm.reset()
        self.form.reset()
        self.thanks.show_result(accepted)
        self._show(self.thanks)
        self._thanks_timer.start()

    def _refused(self, error: Exception) -> None:
        self.confirm.set_busy(False)
        if isinstance(error, InvalidSubmission):
            self.form.show_errors(error.errors)
            self._show(self.form)
            return
        if isinstance(error, StorageUnavailable):
            message = str(error)
        else:
            log.error("submission failed unexpectedly", exc_info=error)
            message = self.tr(
                "系统出现问题，您的申请没有提交成功。请联系工作人员，或拨打热线咨询。"
            )
        self.problem.show_message(message)
        self._show(self.problem)
