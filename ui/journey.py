"""The resident's journey through the screens, and the wipe that ends every visit.

attract → find a matter → guide → identify (ID card) → form (in steps) → materials →
delivery → confirm → result → rating → attract; and attract → progress lookup → attract.
Every ending (finished, cancelled, timed out, failed) goes through `end_session`, which drops
the resident's data from the session and from every screen and restores the defaults.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QStackedWidget

from drivers.idcard import IdCardRecord
from kiosk.catalog.offerings import Offering, all_offerings
from kiosk.evaluations import Evaluation, InvalidEvaluation, Satisfaction
from kiosk.forms import Application, CheckedApplication, FieldError
from kiosk.notices import one_time_notice
from kiosk.receipts import ReceiptOutcome
from kiosk.submissions.service import Accepted, InvalidSubmission, StorageUnavailable
from kiosk.wiring.services import KioskServices
from ui.card_polling import CardPolling
from ui.idle import IdleDialog, IdleWatch
from ui.language import LanguageSwitcher
from ui.scan_polling import ScanPolling
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.confirm import ConfirmScreen
from ui.screens.delivery import DeliveryScreen
from ui.screens.form import FormScreen
from ui.screens.guide import GuideScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.lookup import LookupScreen
from ui.screens.materials import MaterialsScreen
from ui.screens.matter_list import MatterListScreen
from ui.screens.problem import ProblemScreen
from ui.screens.rating import RatingScreen
from ui.screens.thanks import ThanksScreen
from ui.session import ResidentSession, card_facts
from ui.style import DisplayMode, apply_mode
from ui.voice import VoiceGuide
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)


@dataclass
class Helpers:
    """The journey's collaborators that are not screens."""

    card_polling: CardPolling
    scan_polling: ScanPolling | None
    voice: VoiceGuide
    language: LanguageSwitcher
    idle: IdleWatch
    idle_dialog: IdleDialog


class Journey(QObject):
    def __init__(self, stack: QStackedWidget, services: KioskServices, helpers: Helpers) -> None:
        super().__init__(stack)
        self._stack = stack
        self._services = services
        self._submissions = services.submissions
        self._ui_settings = services.settings.ui
        self._terminal = services.settings.terminal
        self.helpers = helpers
        self.idle = helpers.idle
        self._runner = BackgroundRunner(self)
        self.session = ResidentSession()
        self.elder = False
        self._mode_applied = False
        self.accepted: Accepted | None = None

        self.attract = AttractScreen(self._terminal.hall_name, self._terminal.hotline)
        self.matters = MatterListScreen()
        self.guide = GuideScreen()
        self.identify = IdentifyScreen()
        self.form = FormScreen()
        self.materials = MaterialsScreen()
        self.delivery = DeliveryScreen()
        self.confirm = ConfirmScreen()
        self.thanks = ThanksScreen(self._terminal.hotline)
        self.rating = RatingScreen()
        self.lookup = LookupScreen(helpers.scan_polling)
        self.problem = ProblemScreen()
        self.screens: tuple[Screen, ...] = (
            self.attract,
            self.matters,
            self.guide,
            self.identify,
            self.form,
            self.materials,
            self.delivery,
            self.confirm,
            self.thanks,
            self.rating,
            self.lookup,
            self.problem,
        )
        for screen in self.screens:
            stack.addWidget(screen)

        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(self._ui_settings.thanks_timeout_s * 1000)
        self._thanks_timer.timeout.connect(self.end_session)
        self._connect()
        self.end_session()

    # -- wiring ---------------------------------------------------------------------------

    def _connect(self) -> None:
        helpers = self.helpers
        self.attract.start_requested.connect(self._start_session)
        self.attract.lookup_requested.connect(self._start_lookup)
        self.attract.staff_requested.connect(self._call_staff)
        for screen in self.screens:
            screen.elder_toggled.connect(self.set_elder)
            screen.language_requested.connect(self._other_language)
        self.attract.voice_toggled.connect(self._set_voice)
        helpers.language.changed.connect(self._language_changed)
        self.matters.matter_chosen.connect(self._choose_matter)
        self.matters.back_requested.connect(self.end_session)
        self.guide.back_requested.connect(lambda: self._show(self.matters))
        self.guide.proceed_requested.connect(self._start_identify)
        self.guide.notice_requested.connect(self._print_notice)
        self.identify.cancel_requested.connect(self.end_session)
        helpers.card_polling.card_placed.connect(self._card_placed)
        helpers.card_polling.fault.connect(self._card_fault)
        if helpers.scan_polling is not None:
            helpers.scan_polling.scanned.connect(self._scanned)
            helpers.scan_polling.fault.connect(self._scan_fault)
        self.form.back_requested.connect(lambda: self._show(self.guide))
        self.form.completed.connect(lambda: self._show(self.materials))
        self.materials.back_requested.connect(lambda: self._show(self.form))
        self.materials.completed.connect(self._materials_done)
        self.delivery.back_requested.connect(lambda: self._show(self.materials))
        self.delivery.completed.connect(self._delivery_done)
        self.confirm.back_requested.connect(self._back_from_confirm)
        self.confirm.confirmed.connect(self._submit)
        self.thanks.done_requested.connect(self.end_session)
        self.thanks.rate_requested.connect(lambda: self._show(self.rating))
        self.rating.rated.connect(self._rate)
        self.rating.skip_requested.connect(self.end_session)
        self.lookup.typed.connect(self._look_up_text)
        self.lookup.back_requested.connect(self.end_session)
        self.problem.home_requested.connect(self.end_session)
        self.idle.warning.connect(self._idle_warning)
        self.idle.resumed.connect(helpers.idle_dialog.hide)
        self.idle.expired.connect(self._timed_out)
        helpers.idle_dialog.continue_requested.connect(self.idle.poke)

    # -- the visit's beginning and end ------------------------------------------------------

    def current(self) -> Screen:
        widget = self._stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def end_session(self) -> None:
        """Forget the resident: session data, every screen, timers, their chosen settings."""
        helpers = self.helpers
        helpers.card_polling.stop()
        if helpers.scan_polling is not None:
            helpers.scan_polling.stop()
        self.idle.disarm()
        helpers.idle_dialog.hide()
        self._thanks_timer.stop()
        self.session.wipe()
        self.accepted = None
        for screen in self.screens:
            screen.reset()
        helpers.language.switch(self._ui_settings.language)
        self.set_elder(False)
        self._set_voice(self._ui_settings.voice)
        self.attract.show_voice(self._ui_settings.voice)
        self._show(self.attract)

    def shutdown(self) -> None:
        self._runner.wait_for_all()

    def _start_session(self) -> None:
        """Take the catalog in force now; this visit keeps it to the end."""
        self.session.catalog = self._services.catalogs.refresh()
        self.matters.show_offerings(all_offerings(self.session.catalog), self._locale())
        self.idle.arm(self._idle_factor())
        self._show(self.matters)

    def _timed_out(self) -> None:
        log.info("visit ended after inactivity")
        self.end_session()

    def _idle_warning(self, seconds: int) -> None:
        dialog = self.helpers.idle_dialog
        dialog.show_seconds(seconds)
        if not dialog.isVisible():
            parent = dialog.parentWidget()
            if parent is not None:
                dialog.setGeometry(parent.rect())
            dialog.show()
            dialog.raise_()
            self.helpers.voice.speak(dialog.question.text())

    # -- preferences ----------------------------------------------------------------------

    def set_elder(self, elder: bool) -> None:
        """长辈模式: larger text, higher contrast, fewer items per screen, longer timeouts."""
        changed = elder != self.elder or not self._mode_applied
        self.elder = elder
        for screen in self.screens:
            screen.show_elder(elder)
        app = QApplication.instance()
        # Restyling every widget costs over 100 ms: only when the mode really changes.
        if changed and isinstance(app, QApplication):
            apply_mode(app, DisplayMode.ELDER if elder else DisplayMode.NORMAL)
            self._mode_applied = True
        for screen in (self.matters, self.form, self.delivery, self.lookup):
            screen.set_layout_mode(elder)
        if self.session.catalog is not None:
            self.idle.arm(self._idle_factor())

    def _idle_factor(self) -> float:
        return self._ui_settings.elder_timeout_factor if self.elder else 1.0

    def _set_voice(self, enabled: bool) -> None:
        self.helpers.voice.set_enabled(enabled)
        if enabled and self._stack.currentWidget() is not None:
            self.helpers.voice.speak(self.current().instruction())

    def _locale(self) -> str:
        return self.helpers.language.locale

    def _other_language(self) -> None:
        self.helpers.language.switch("en_US" if self._locale() == "zh_CN" else "zh_CN")

    def _language_changed(self, locale: str) -> None:
        """Re-show what came from data (catalog, results) in the new language, keeping input."""
        self.helpers.voice.set_language(locale)
        offering = self._offering()
        if self.session.catalog is not None:
            self.matters.show_offerings(all_offerings(self.session.catalog), locale)
        if offering is not None:
            self.guide.show_offering(offering, locale)
            self.form.relabel(locale)
        if self.current() is self.confirm and offering is not None:
            self.confirm.show_summary(offering, self._checked(), locale)
        if self.accepted is not None:
            self.thanks.show_result(self.accepted, locale)
        self.helpers.voice.speak(self.current().instruction())

    # -- finding and reading ----------------------------------------------------------------

    def _offering(self) -> Offering | None:
        if self.session.code is None:
            return None
        return self._submissions.offering(self.session.code, self.session.catalog)

    def _choose_matter(self, code: str) -> None:
        self.session.code = code
        offering = self._offering()
        if offering is not None:
            self.guide.show_offering(offering, self._locale())
            self._show(self.guide)

    def _print_notice(self) -> None:
        offering = self._offering()
        if offering is None:
            return
        now = datetime.now(UTC).astimezone(ZoneInfo(self._terminal.timezone))
        notice = one_time_notice(offering, self._terminal.hotline, now)
        self.guide.show_notice_status(self.tr("正在打印告知单…"))
        self._runner.run(
            lambda: self._services.printer.print_notice(notice),
            self._notice_printed,
            lambda _error: self._notice_printed(ReceiptOutcome(False, None)),
        )

    def _notice_printed(self, outcome: ReceiptOutcome) -> None:
        if outcome.printed:
            self.guide.show_notice_status(self.tr("告知单已打印，请在出纸口取走。"))
        else:
            problem = outcome.problem or self.tr("打印机暂时无法使用")
            self.guide.show_notice_status(
                self.tr("告知单未能打印：{problem}。可拍照保存本页内容。").format(problem=problem)
            )

    def _start_identify(self) -> None:
        offering = self._offering()
        if offering is not None and self.session.prefill:
            self._show(self.form)  # already identified in this visit
            return
        self.identify.reset()
        self._show(self.identify)
        self.identify.start_waiting()
        self.helpers.card_polling.start()

    def _card_placed(self, record: IdCardRecord) -> None:
        if self.current() is self.lookup:
            self.lookup.show_results(self._services.progress.by_id_number(record.id_number))
            return
        offering = self._offering()
        if self.current() is not self.identify or offering is None:
            return
        self.helpers.card_polling.stop()
        reason = self._submissions.ineligibility(
            offering.code, record.birth_date, record.sex, self.session.catalog
        )
        if reason is not None:
            self.identify.show_problem(reason.render(self._locale()))
            return
        facts = card_facts(record)
        self.session.prefill = {
            spec.id: facts[spec.prefill] for spec in offering.fields if spec.prefill is not None
        }
        self.form.show_form(offering, self.session.prefill, self._check_form, self._locale())
        self.form.show_card_note(record.has_private_use_chars or record.has_unreadable_chars)
        self.form.set_layout_mode(self.elder)
        self.materials.show_materials(offering, self._submissions.today(), self._locale())
        self.delivery.show_methods(offering.delivery, record.address)
        self._show(self.form)

    def _card_fault(self, message: str) -> None:
        if self.current() in (self.identify, self.lookup):
            self.identify.show_problem(message)
            self.lookup.show_problem(message)

    # -- the application ----------------------------------------------------------------------

    def _application(self) -> Application:
        return Application(
            answers=self.form.answers(),
            materials=self.materials.choices(),
            signature=self.materials.signature_value(),
            delivery=self.delivery.value() or None,
        )

    def _checked(self) -> CheckedApplication:
        assert self.session.code is not None
        return self._submissions.check(self.session.code, self._application(), self.session.catalog)

    def _check_form(self, application: Application) -> tuple[FieldError, ...]:
        if self.session.code is None:
            return ()
        full = replace(self._application(), answers=application.answers)
        return self._submissions.check(self.session.code, full, self.session.catalog).errors

    def _materials_done(self) -> None:
        if self.materials.show_errors(self._checked().errors, self._locale()):
            return
        offering = self._offering()
        if offering is not None and offering.delivery:
            self._show(self.delivery)
        else:
            self._to_confirm()

    def _delivery_done(self) -> None:
        if self.delivery.show_errors(self._checked().errors, self._locale()):
            return
        self._to_confirm()

    def _to_confirm(self) -> None:
        offering, checked = self._offering(), self._checked()
        if offering is None:
            return
        if not checked.ok:  # a problem on an earlier step: show it there
            self.form.show_errors(checked.errors, self._locale())
            self._show(self.form)
            return
        self.session.application = self._application()
        self.confirm.show_summary(offering, checked, self._locale())
        self._show(self.confirm)

    def _back_from_confirm(self) -> None:
        offering = self._offering()
        self._show(self.delivery if offering is not None and offering.delivery else self.materials)

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
        self.accepted = accepted
        code = self.session.code
        self.session.wipe()
        self.session.code = code  # only what the rating needs: which cases
        for screen in (self.form, self.materials, self.delivery, self.confirm, self.identify):
            screen.reset()
        self.thanks.show_result(accepted, self._locale())
        self._show(self.thanks)
        self._thanks_timer.start()

    def _refused(self, error: Exception) -> None:
        self.confirm.set_busy(False)
        if isinstance(error, InvalidSubmission):
            self.form.show_errors(error.errors, self._locale())
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

    def _rate(self, level: Satisfaction, reasons: tuple[str, ...]) -> None:
        if self.accepted is None:
            return
        cases = tuple(case.case_number for case in self.accepted.cases)
        try:
            self._services.evaluations.record(Evaluation(cases, level, reasons))
        except InvalidEvaluation as exc:
            self.rating.show_error(exc.message.render(self._locale()))
            return
        if level.is_bad:
            log.info("bad rating recorded for follow-up", extra={"cases": ",".join(cases)})
        self.rating.show_thanks()
        self._thanks_timer.start(3000)

    # -- progress lookup ------------------------------------------------------------------------

    def _start_lookup(self) -> None:
        self.lookup.reset()
        self.idle.arm(self._idle_factor())
        self._show(self.lookup)
        self.lookup.start()
        self.helpers.card_polling.start()
        if self.helpers.scan_polling is not None:
            self.helpers.scan_polling.start()

    def _look_up_text(self, text: str) -> None:
        self.lookup.show_results(self._services.progress.by_text(text))

    def _scanned(self, text: str) -> None:
        if self.current() is self.lookup:
            self._look_up_text(text)

    def _scan_fault(self, message: str) -> None:
        if self.current() is self.lookup:
            self.lookup.show_problem(message)

    def _call_staff(self) -> None:
        log.warning("staff called to the kiosk", extra={"terminal": self._terminal.id})

    # -- showing screens --------------------------------------------------------------------------

    def _show(self, screen: Screen) -> None:
        self._stack.setCurrentWidget(screen)
        self.helpers.voice.speak(screen.instruction())
