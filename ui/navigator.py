"""Which screen shows, decided in one place: the kiosk's mode and, in a visit, the resident's step.

The mode is a small state machine (ui/modes.py: one pure function maps a mode and an event to
the next mode); the navigator announces every change as `left` then
`entered`, the way a mode manager does, so what follows a change (the wipe that ends a visit,
arming the idle watch) hangs on the change itself and no handler can forget it. Devices report
to the navigator too: a card placed or a code scanned goes to whoever the current step is
waiting for, or nowhere; a staff badge goes to the staff's side, never to a resident's lookup.
The staff's screens (ui/console/) are a sibling set of the resident's, shown in their modes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from drivers.idcard import IdCardRecord
from kiosk.staff.badge import badge_number, is_badge
from ui.console.staff_screens import StaffScreens
from ui.modes import STAFF_MODES, Event, Mode, next_mode, showing
from ui.screen_set import ScreenSet
from ui.screens.base import Screen
from ui.visit import Step, Visit

log = logging.getLogger(__name__)


class Navigator(QObject):
    entered = Signal(object)  # Mode
    left = Signal(object)  # Mode
    shown = Signal(object)  # the Screen now on show
    # Device events, routed by the step that waits for them.
    identity_card = Signal(object)  # IdCardRecord, while identifying
    identity_fault = Signal(str)
    lookup_card = Signal(object)  # IdCardRecord, while looking up progress
    lookup_code = Signal(str)
    lookup_fault = Signal(str)
    staff_badge = Signal(str)  # the staff number on a badge scanned on the resident's side

    def __init__(
        self,
        stack: QStackedWidget,
        screens: ScreenSet,
        visit: Visit,
        staff: StaffScreens,
        badge_prefix: str = "",
    ) -> None:
        super().__init__(stack)
        self._stack, self._screens, self._visit = stack, screens, visit
        self._staff, self._badge_prefix = staff, badge_prefix
        self._mode = Mode.ATTRACT

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def screen(self) -> Screen:
        """The screen on show, as the state says it must be."""
        shown = showing(self._mode, self._visit.step)
        staff = self._staff.screen_for(shown) if isinstance(shown, Mode) else None
        return staff if staff is not None else self._screens.screen_for(shown)

    def handle(self, event: Event) -> None:
        """Move the machine; the wipe and the rest follow from `left` and `entered`."""
        before, after = self._mode, next_mode(self._mode, event)
        if after is before:
            return
        log.info("mode changed", extra={"from": before.value, "to": after.value})
        self._mode = after
        self.left.emit(before)
        self.entered.emit(after)
        self.refresh()

    def go(self, step: Step) -> None:
        """The resident moves on (or back) to `step` in this visit."""
        self._visit.go_to(step)
        self.refresh()

    def card_placed(self, record: IdCardRecord) -> None:
        if self._step_is(Step.IDENTIFY):
            self.identity_card.emit(record)
        elif self._step_is(Step.LOOKUP):
            self.lookup_card.emit(record)

    def card_fault(self, message: str) -> None:
        if self._step_is(Step.IDENTIFY):
            self.identity_fault.emit(message)
        elif self._step_is(Step.LOOKUP):
            self.lookup_fault.emit(message)

    def scanned(self, text: str) -> None:
        if is_badge(text, self._badge_prefix):
            number = badge_number(text, self._badge_prefix)
            if number is not None and self._mode not in STAFF_MODES:
                self.staff_badge.emit(number)
        elif self._step_is(Step.LOOKUP):
            self.lookup_code.emit(text)

    def scan_fault(self, message: str) -> None:
        if self._step_is(Step.LOOKUP):
            self.lookup_fault.emit(message)

    def _step_is(self, step: Step) -> bool:
        return self._mode is Mode.VISIT and self._visit.step is step

    def refresh(self) -> None:
        """Show the screen the state says, and let the voice guide announce it."""
        screen = self.screen
        self._stack.setCurrentWidget(screen)
        self.shown.emit(screen)


@dataclass(frozen=True)
class Stage:
    """What every flow of the resident's side acts on: the screens, the visit, the navigator."""

    screens: ScreenSet
    visit: Visit
    navigator: Navigator
