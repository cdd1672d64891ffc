"""The kiosk's modes: which events move it where, and what each mode shows."""

from __future__ import annotations

import pytest

from ui.modes import Event, Mode, next_mode, showing
from ui.visit import Step


def test_a_visit_starts_from_attract_and_every_ending_returns_there() -> None:
    assert next_mode(Mode.ATTRACT, Event.START_VISIT) is Mode.VISIT
    assert next_mode(Mode.VISIT, Event.END_VISIT) is Mode.ATTRACT
    assert next_mode(Mode.VISIT, Event.TIMED_OUT) is Mode.ATTRACT


@pytest.mark.parametrize("mode", list(Mode))
def test_out_of_service_is_reached_from_every_mode(mode: Mode) -> None:
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
