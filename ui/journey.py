"""The resident's journey through the screens, and the wipe that ends every visit.

attract → matter list → guide → identify (ID card) → form → confirm → thanks → attract.
Every ending (finished, cancelled, failed) goes through `end_session`, which drops the
resident's data from the session and from every screen.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget

from drivers.idcard import IdCardRecord
from kiosk.catalog.models import Catalog
from kiosk.catalog.offerings import all_offerings
from kiosk.forms import Application
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


class CatalogRefresh(Protocol):
    def refresh(self) -> Catalog: ...


class Journey(QObject):
    def __init__(
        self,
        stack: QStackedWidget,
        *,
        submissions: SubmissionService,
        catalogs: CatalogRefresh,
        polling: CardPolling,
        hall_name: str,
        hotline: str,
        thanks_timeout_s: int,
    ) -> None:
        super().__init__(stack)
        self._stack = stack
        self._submissions = submissions
        self._catalogs = catalogs
        self._polling = polling
        self._runner = BackgroundRunner(self)
        self.session = ResidentSession()

        self.attract = AttractScreen(hall_name, hotline)
        self.matters = MatterListScreen()
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

        self.attract.start_requested.connect(self._start_session)
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

    def _start_session(self) -> None:
        """Take the catalog in force now; this visit keeps it to the end."""
        self.session.catalog = self._catalogs.refresh()
        self.matters.show_offerings(all_offerings(self.session.catalog))
        self._show(self.matters)

    def _choose_matter(self, code: str) -> None:
        self.session.code = code
        self.guide.show_offering(self._submissions.offering(code, self.session.catalog))
        self._show(self.guide)

    def _start_identify(self) -> None:
        self.identify.reset()
        self._show(self.identify)
        self._polling.start()

    def _card_placed(self, record: IdCardRecord) -> None:
        code, catalog = self.session.code, self.session.catalog
        if self.current() is not self.identify or code is None:
            return
        self._polling.stop()
        offering = self._submissions.offering(code, catalog)
        reason = self._submissions.ineligibility(code, record.birth_date, record.sex, catalog)
        if reason is not None:
            self.identify.show_problem(reason.render())
            return
        facts = card_facts(record)
        self.session.prefill = {
            spec.id: facts[spec.prefill] for spec in offering.fields if spec.prefill is not None
        }
        if "address" not in self.session.prefill:
            self.session.prefill["address"] = record.address  # for a postal delivery
        self.form.show_form(offering, self.session.prefill)
        self._show(self.form)

    def _card_fault(self, message: str) -> None:
        if self.current() is self.identify:
            self.identify.show_problem(message)

    def _check_form(self, application: Application) -> None:
        code, catalog = self.session.code, self.session.catalog
        if code is None:
            return
        checked = self._submissions.check(code, application, catalog)
        self.form.show_errors(checked.errors)
        if not checked.ok:
            return
        self.session.application = application
        self.confirm.show_summary(self._submissions.offering(code, catalog), checked)
        self._show(self.confirm)

    def _submit(self) -> None:
        code, catalog = self.session.code, self.session.catalog
        application = self.session.application
        if code is None or application is None:
            return
        self.confirm.set_busy(True)
        self._runner.run(
            lambda: self._submissions.submit(code, application, catalog),
            self._accepted,
            self._refused,
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
