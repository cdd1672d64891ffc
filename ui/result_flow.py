"""After the submission: the result (办理结果) and the resident's rating (好差评), then back to
the attract screen by itself when the resident walks away."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.ratings import Satisfaction
from kiosk.submissions.service import Accepted
from ui.collaborators import Collaborators
from ui.language import LanguageSwitcher
from ui.modes import Event
from ui.navigator import Stage
from ui.visit import Step

log = logging.getLogger(__name__)

# After a rating the thanks stay this long: long enough to read "谢谢您的评价".
_AFTER_RATING_MS = 3000


class ResultFlow(QObject):
    def __init__(
        self,
        stage: Stage,
        collaborators: Collaborators,
        language: LanguageSwitcher,
    ) -> None:
        screens, visit, navigator = stage.screens, stage.visit, stage.navigator
        super().__init__(navigator)
        self._screens, self._visit, self._navigator = screens, visit, navigator
        self._collaborators = collaborators
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(collaborators.ui.thanks_timeout_s * 1000)
        self._timer.timeout.connect(lambda: navigator.handle(Event.END_VISIT))
        screens.thanks.rate_requested.connect(lambda: navigator.go(Step.RATING))
        screens.rating.rated.connect(self.rate)
        navigator.left.connect(lambda _mode: self._timer.stop())
        language.changed.connect(self.relabel)

    def show(self, accepted: Accepted) -> None:
        self._screens.thanks.show_result(accepted, self._visit.language)
        self._navigator.go(Step.THANKS)
        self._timer.start()

    def rate(self, level: Satisfaction, reasons: tuple[str, ...]) -> None:
        accepted = self._visit.accepted
        if accepted is None:
            return
        cases = tuple(case.case_number for case in accepted.cases)
        refusal = self._collaborators.record_rating(cases, level, reasons)
        if refusal is not None:
            self._screens.rating.show_error(refusal.render(self._visit.language))
            return
        if level.is_bad:
            log.info("bad rating recorded for follow-up", extra={"cases": ",".join(cases)})
        self._screens.rating.show_thanks()
        self._timer.start(_AFTER_RATING_MS)

    def relabel(self, locale: str) -> None:
        if self._visit.accepted is not None:
            self._screens.thanks.show_result(self._visit.accepted, locale)
