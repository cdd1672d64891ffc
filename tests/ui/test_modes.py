"""The kiosk's modes: which events move it where, and what each mode shows."""

from __future__ import annotations

import pytest

from ui.modes import STAFF_MODES, Event, Mode, next_mode, showing
from ui.visit import Step


def test_a_visit_starts_from_attract_and_every_ending_returns_there() -> None:
    assert next_mode(Mode.ATTRACT, Event.START_VISIT) is Mode.VISIT
    assert next_mode(Mode.VISIT, Event.END_VISIT) is Mode.ATTRACT
    assert next_mode(Mode.VISIT, Event.TIMED_OUT) is Mode.ATTRACT


@pytest.mark.parametrize("mode", [mode for mode in Mode if mode not in STAFF_MODES])
def test_out_of_service_is_reached_from_every_residents_mode(mode: Mode) -> None:
    assert next_mode(mode, Event.OUT_OF_SERVICE) is Mode.OUT_OF_SERVICE


@pytest.mark.parametrize("event", [Event.START_VISIT, Event.END_VISIT, Event.TIMED_OUT])
def test_out_of_service_holds_until_back_in_service(event: Event) -> None:
    assert next_mode(Mode.OUT_OF_SERVICE, event) is Mode.OUT_OF_SERVICE
    assert next_mode(Mode.OUT_OF_SERVICE, Event.BACK_IN_SERVICE) is Mode.ATTRACT


def test_an_event_that_means_nothing_leaves_the_mode() -> None:
    assert next_mode(Mode.ATTRACT, Event.END_VISIT) is Mode.ATTRACT
    assert next_mode(Mode.ATTRACT, Event.BACK_IN_SERVICE) is Mode.ATTRACT
    assert next_mode(Mode.VISIT, Event.START_VISIT) is Mode.VISIT


def test_a_visit_shows_its_step_and_the_other_modes_their_own_screen() -> None:
    assert showing(Mode.VISIT, Step.FORM) is Step.FORM
    assert showing(Mode.ATTRACT, Step.FORM) is Mode.ATTRACT  # a step left over shows nothing
    assert showing(Mode.OUT_OF_SERVICE, Step.FORM) is Mode.OUT_OF_SERVICE
    assert showing(Mode.VISIT, None) is Mode.ATTRACT
    assert showing(Mode.CONSOLE, Step.FORM) is Mode.CONSOLE  # nothing of a visit on staff's side


@pytest.mark.parametrize("mode", [Mode.ATTRACT, Mode.VISIT, Mode.OUT_OF_SERVICE])
def test_the_staff_entry_opens_from_every_residents_mode(mode: Mode) -> None:
    assert next_mode(mode, Event.STAFF_ENTRY) is Mode.STAFF_ENTRY


def test_the_right_pin_opens_the_console_and_leaving_follows_the_service_switch() -> None:
    assert next_mode(Mode.STAFF_ENTRY, Event.STAFF_LOGGED_IN) is Mode.CONSOLE
    for mode in STAFF_MODES:
        assert next_mode(mode, Event.STAFF_LEFT) is Mode.ATTRACT
        assert next_mode(mode, Event.STAFF_LEFT_OUT_OF_SERVICE) is Mode.OUT_OF_SERVICE


@pytest.mark.parametrize("mode", sorted(STAFF_MODES, key=lambda mode: mode.value))
@pytest.mark.parametrize(
    "event",
    [
        Event.START_VISIT,
        Event.END_VISIT,
        Event.TIMED_OUT,
        Event.OUT_OF_SERVICE,
        Event.BACK_IN_SERVICE,
        Event.STAFF_ENTRY,
    ],
)
def test_the_residents_events_do_not_move_the_staff_side(mode: Mode, event: Event) -> None:
    assert next_mode(mode, event) is mode


def test_staff_events_mean_nothing_on_the_residents_side() -> None:
    for event in (Event.STAFF_LOGGED_IN, Event.STAFF_LEFT, Event.STAFF_LEFT_OUT_OF_SERVICE):
        assert next_mode(Mode.ATTRACT, event) is Mode.ATTRACT
        assert next_mode(Mode.VISIT, event) is Mode.VISIT
