"""The kiosk's screens, built once and put on the window's stack, each named by what it shows."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QStackedWidget

from kiosk.config import TerminalSettings
from ui.modes import Mode
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
from ui.screens.out_of_service import OutOfServiceScreen
from ui.screens.problem import ProblemScreen
from ui.screens.rating import RatingScreen
from ui.screens.thanks import ThanksScreen
from ui.visit import Step


class ScreenSet:
    def __init__(
        self,
        stack: QStackedWidget,
        terminal: TerminalSettings,
        scanning: ScanPolling | None = None,
    ) -> None:
        self.attract = AttractScreen(terminal.hall_name, terminal.hotline)
        self.matters = MatterListScreen()
        self.guide = GuideScreen()
        self.identify = IdentifyScreen(terminal.hotline)
        self.form = FormScreen()
        self.materials = MaterialsScreen()
        self.delivery = DeliveryScreen()
        self.confirm = ConfirmScreen()
        self.thanks = ThanksScreen(terminal.hotline)
        self.rating = RatingScreen()
        self.lookup = LookupScreen(scanning)
        self.problem = ProblemScreen()
        self.out_of_service = OutOfServiceScreen(terminal.hall_name, terminal.hotline)
        self._by_step: dict[Step, Screen] = {
            Step.MATTERS: self.matters,
            Step.GUIDE: self.guide,
            Step.IDENTIFY: self.identify,
            Step.FORM: self.form,
            Step.MATERIALS: self.materials,
            Step.DELIVERY: self.delivery,
            Step.CONFIRM: self.confirm,
            Step.THANKS: self.thanks,
            Step.RATING: self.rating,
            Step.LOOKUP: self.lookup,
            Step.PROBLEM: self.problem,
        }
        for screen in self:
            stack.addWidget(screen)

    def __iter__(self) -> Iterator[Screen]:
        yield self.attract
        yield from self._by_step.values()
        yield self.out_of_service

    def screen_for(self, shown: Mode | Step) -> Screen:
        """The screen of a step, or of a mode that has its own (attract, out of service)."""
        if isinstance(shown, Step):
            return self._by_step[shown]
        return self.out_of_service if shown is Mode.OUT_OF_SERVICE else self.attract
