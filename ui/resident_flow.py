"""A resident's application, step by step: matter → guide → identify (ID card) → form →
materials → delivery → confirm → submitted. Each step records what the resident did in the
visit and moves the navigator on; checks always read the visit, never the screens."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from drivers.idcard import IdCardRecord
from kiosk.catalog.offerings import Offering, all_offerings
from kiosk.forms import Application, CheckedApplication, FieldError
from kiosk.submissions.service import (
    Accepted,
    InvalidSubmission,
    OutOfService,
    StorageUnavailable,
)
from ui.card_polling import CardPolling
from ui.collaborators import Collaborators
from ui.language import LanguageSwitcher
from ui.modes import Event, Mode
from ui.navigator import Stage
from ui.visit import Step
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)


class ResidentFlow(QObject):
    accepted = Signal(object)  # Accepted: the result to show and rate

    def __init__(
        self,
        stage: Stage,
        collaborators: Collaborators,
        card_polling: CardPolling,
        runner: BackgroundRunner,
        language: LanguageSwitcher,
    ) -> None:
        screens, visit, navigator = stage.screens, stage.visit, stage.navigator
        super().__init__(navigator)
        self._screens, self._visit, self._navigator = screens, visit, navigator
        self._catalogs, self._submissions = collaborators.catalogs, collaborators.submissions
        self._card_polling, self._runner = card_polling, runner
        go = navigator.go
        screens.attract.start_requested.connect(self.begin)
        screens.matters.matter_chosen.connect(self.choose_matter)
        screens.guide.back_requested.connect(lambda: go(Step.MATTERS))
        screens.guide.proceed_requested.connect(self.identify)
        navigator.identity_card.connect(self.identify_with)
        navigator.identity_fault.connect(screens.identify.show_problem)
        screens.identify.type_requested.connect(self.identify_by_typing)
        screens.form.back_requested.connect(lambda: go(Step.GUIDE))
        screens.form.completed.connect(self.answer)
        screens.materials.back_requested.connect(lambda: go(Step.FORM))
        screens.materials.completed.connect(self.choose_materials)
        screens.delivery.back_requested.connect(lambda: go(Step.MATERIALS))
        screens.delivery.completed.connect(self.choose_delivery)
        screens.confirm.back_requested.connect(self.back_from_confirm)
        screens.confirm.confirmed.connect(self.submit)
        navigator.left.connect(lambda _mode: card_polling.stop())
        language.changed.connect(self.relabel)

    def begin(self) -> None:
        """Take the catalog in force now; this visit keeps it to the end."""
        catalog = self._catalogs.refresh()
        self._visit.begin(catalog)
        self._screens.matters.show_offerings(all_offerings(catalog), self._visit.language)
        self._navigator.handle(Event.START_VISIT)

    def choose_matter(self, code: str) -> None:
        self._visit.choose_matter(code)
        self._screens.guide.show_offering(self._offering(), self._visit.language)
        self._navigator.go(Step.GUIDE)

    def identify(self) -> None:
        if self._visit.identified:
            self._navigator.go(Step.FORM)  # already identified in this visit
            return
        self._screens.identify.reset()
        self._navigator.go(Step.IDENTIFY)
        self._screens.identify.start_waiting()
        self._card_polling.start()

    def identify_with(self, record: IdCardRecord) -> None:
        """The card placed while identifying: refuse who may not apply, else prefill the form."""
        self._card_polling.stop()
        offering, locale = self._offering(), self._visit.language
        reason = self._submissions.ineligibility(
            offering.code, record.birth_date, record.sex, self._visit.catalog
        )
        if reason is not None:
            self._screens.identify.show_problem(reason.render(locale))
            return
        self._visit.identify_with(record)
        screens = self._screens
        screens.form.show_form(offering, self._visit.prefill(offering), self._check_form, locale)
        screens.form.show_card_note(record.has_private_use_chars or record.has_unreadable_chars)
        screens.form.set_layout_mode(self._visit.elder)
        screens.materials.show_materials(offering, self._submissions.today(), locale)
        screens.delivery.show_methods(offering.delivery, record.address)
        self._navigator.go(Step.FORM)

    def identify_by_typing(self) -> None:
        """The reader cannot read a card: the form asks for the name and ID number, typed
        with staff's help; the submission is marked so (never with the number in a log)."""
        self._card_polling.stop()
        self._visit.identify_by_typing()
        log.info("identity to be typed with staff", extra={"matter": self._visit.code})
        offering, locale, screens = self._offering(), self._visit.language, self._screens
        screens.form.show_form(offering, {}, self._check_form, locale)
        screens.form.show_card_note(False)
        screens.form.set_layout_mode(self._visit.elder)
        screens.materials.show_materials(offering, self._submissions.today(), locale)
        screens.delivery.show_methods(offering.delivery, "")
        self._navigator.go(Step.FORM)

    def answer(self, answers: dict[str, Any]) -> None:
        self._visit.answer(answers)
        self._navigator.go(Step.MATERIALS)

    def choose_materials(
        self, choices: dict[str, str], signature: dict[str, object] | None
    ) -> None:
        self._visit.choose_materials(choices, signature)
        if self._screens.materials.show_errors(self._checked().errors, self._visit.language):
            return
        if self._offering().delivery:
            self._navigator.go(Step.DELIVERY)
        else:
            self._to_confirm()

    def choose_delivery(self, delivery: dict[str, str]) -> None:
        self._visit.choose_delivery(delivery)
        if self._screens.delivery.show_errors(self._checked().errors, self._visit.language):
            return
        self._to_confirm()

    def back_from_confirm(self) -> None:
        self._navigator.go(Step.DELIVERY if self._offering().delivery else Step.MATERIALS)

    def submit(self) -> None:
        code, catalog = self._visit.code, self._visit.catalog
        application = self._visit.application()
        if code is None:
            return
        self._screens.confirm.set_busy(True)
        self._runner.run(
            lambda: self._submissions.submit(code, application, catalog),
            self._accepted,
            self._refused,
        )

    def relabel(self, locale: str) -> None:
        """Re-show what came from data (catalog, matter) in the new language, keeping input."""
        screens, visit = self._screens, self._visit
        if visit.catalog is not None:
            screens.matters.show_offerings(all_offerings(visit.catalog), locale)
        if visit.code is None or self._navigator.mode is not Mode.VISIT:
            return
        offering = self._offering()
        screens.guide.show_offering(offering, locale)
        screens.form.relabel(locale)
        if visit.step is Step.CONFIRM:
            screens.confirm.show_summary(offering, self._checked(), locale)

    def _offering(self) -> Offering:
        assert self._visit.code is not None, "no matter chosen in this visit"
        return self._submissions.offering(self._visit.code, self._visit.catalog)

    def _checked(self, application: Application | None = None) -> CheckedApplication:
        assert self._visit.code is not None
        return self._submissions.check(
            self._visit.code, application or self._visit.application(), self._visit.catalog
        )

    def _check_form(self, application: Application) -> tuple[FieldError, ...]:
        """The form checks its answers with everything else the resident has given so far."""
        if self._visit.code is None:
            return ()
        full = replace(self._visit.application(), answers=application.answers)
        return self._checked(full).errors

    def _to_confirm(self) -> None:
        checked = self._checked()
        if not checked.ok:  # a problem on an earlier step: show it there
            self._screens.form.show_errors(checked.errors, self._visit.language)
            self._navigator.go(Step.FORM)
            return
        self._screens.confirm.show_summary(self._offering(), checked, self._visit.language)
        self._navigator.go(Step.CONFIRM)

    def _accepted(self, accepted: Accepted) -> None:
        self._visit.submitted(accepted)
        screens = self._screens
        for screen in (screens.form, screens.materials, screens.delivery, screens.confirm):
            screen.reset()
        screens.identify.reset()
        self.accepted.emit(accepted)

    def _refused(self, error: Exception) -> None:
        screens = self._screens
        screens.confirm.set_busy(False)
        if isinstance(error, InvalidSubmission):
            screens.form.show_errors(error.errors, self._visit.language)
            self._navigator.go(Step.FORM)
            return
        if isinstance(error, StorageUnavailable | OutOfService):
            message = str(error)
        else:
            log.error("submission failed unexpectedly", exc_info=error)
            message = self.tr(
                "系统出现问题，您的申请没有提交成功。请联系工作人员，或拨打热线咨询。"
            )
        screens.problem.show_message(message)
        self._navigator.go(Step.PROBLEM)
