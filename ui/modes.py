"""The kiosk's modes and the events that move between them, as plain values and pure functions
(tested without a screen); ui/navigator.py runs the machine and shows what it decides."""

from __future__ import annotations

from enum import Enum

from ui.visit import Step


class Mode(Enum):
    ATTRACT = "attract"  # waiting for the next resident
    VISIT = "visit"  # a resident is being served (a matter, or a progress lookup)
    OUT_OF_SERVICE = "out_of_service"  # staff took the kiosk out of service


class Event(Enum):
    START_VISIT = "start_visit"
    END_VISIT = "end_visit"  # finished, cancelled or failed: the resident is done
    TIMED_OUT = "timed_out"  # nobody touched the screen through the idle countdown
    OUT_OF_SERVICE = "out_of_service"
    BACK_IN_SERVICE = "back_in_service"


def next_mode(mode: Mode, event: Event) -> Mode:
    """The mode after `event`; an event that means nothing in `mode` leaves it as it is."""
    if event is Event.OUT_OF_SERVICE:
        return Mode.OUT_OF_SERVICE
    if mode is Mode.OUT_OF_SERVICE:
        return Mode.ATTRACT if event is Event.BACK_IN_SERVICE else mode
    if event is Event.START_VISIT:
        return Mode.VISIT
    if event in (Event.END_VISIT, Event.TIMED_OUT):
        return Mode.ATTRACT
    return mode


def showing(mode: Mode, step: Step | None) -> Mode | Step:
    """What is on screen: in a visit the resident's step, otherwise the mode's own screen."""
    if mode is Mode.VISIT:
        return step if step is not None else Mode.ATTRACT
    return mode
