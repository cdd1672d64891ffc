"""The kiosk's modes and the events that move between them, as plain values and pure functions
(tested without a screen); ui/navigator.py runs the machine and shows what it decides."""

from __future__ import annotations

from enum import Enum

from ui.visit import Step


class Mode(Enum):
    ATTRACT = "attract"  # waiting for the next resident
    VISIT = "visit"  # a resident is being served (a matter, or a progress lookup)
    OUT_OF_SERVICE = "out_of_service"  # staff took the kiosk out of service
    STAFF_ENTRY = "staff_entry"  # the PIN pad of the hidden staff entry
    CONSOLE = "console"  # a staff member or technician is logged in to the console


# The staff's side: a sibling of the resident's modes, entered only through STAFF_ENTRY.
STAFF_MODES = frozenset({Mode.STAFF_ENTRY, Mode.CONSOLE})


class Event(Enum):
    START_VISIT = "start_visit"
    END_VISIT = "end_visit"  # finished, cancelled or failed: the resident is done
    TIMED_OUT = "timed_out"  # nobody touched the screen through the idle countdown
    OUT_OF_SERVICE = "out_of_service"
    BACK_IN_SERVICE = "back_in_service"
    STAFF_ENTRY = "staff_entry"  # the hidden corner was held, or a staff badge scanned
    STAFF_LOGGED_IN = "staff_logged_in"
    STAFF_LEFT = "staff_left"  # the console or the PIN pad closed; the kiosk is in service
    STAFF_LEFT_OUT_OF_SERVICE = "staff_left_out_of_service"  # closed, the kiosk is not


def next_mode(mode: Mode, event: Event) -> Mode:
    """The mode after `event`; an event that means nothing in `mode` leaves it as it is."""
    if mode in STAFF_MODES:
        return _staff_next(mode, event)
    if event is Event.STAFF_ENTRY:
        return Mode.STAFF_ENTRY  # from any resident mode: a visit in progress ends here
    if event is Event.OUT_OF_SERVICE:
        return Mode.OUT_OF_SERVICE
    if mode is Mode.OUT_OF_SERVICE:
        return Mode.ATTRACT if event is Event.BACK_IN_SERVICE else mode
    if event is Event.START_VISIT:
        return Mode.VISIT
    if event in (Event.END_VISIT, Event.TIMED_OUT):
        return Mode.ATTRACT
    return mode


def _staff_next(mode: Mode, event: Event) -> Mode:
    """The staff's side ignores the resident's events (out of service included: the console
    stays open, and leaving it shows what the service switch says)."""
    if event is Event.STAFF_LOGGED_IN and mode is Mode.STAFF_ENTRY:
        return Mode.CONSOLE
    if event is Event.STAFF_LEFT:
        return Mode.ATTRACT
    if event is Event.STAFF_LEFT_OUT_OF_SERVICE:
        return Mode.OUT_OF_SERVICE
    return mode


def showing(mode: Mode, step: Step | None) -> Mode | Step:
    """What is on screen: in a visit the resident's step, otherwise the mode's own screen."""
    if mode is Mode.VISIT:
        return step if step is not None else Mode.ATTRACT
    return mode
