"""Debouncing reader results into card events."""

from __future__ import annotations

from collections.abc import Iterable

from drivers.idcard import demo_cards
from drivers.idcard.fake_reader import FakeIdCardReader
from drivers.idcard.interface import CardPresent, CardRead, FaultKind, NoCard, ReaderFault
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import Fault, SamSimulator
from drivers.idcard.watcher import (
    CardEvent,
    CardPlaced,
    CardRemoved,
    CardWatcher,
    ReaderRecovered,
    WatcherFault,
)

CARD = demo_cards.ELDERLY_RESIDENT
OTHER = demo_cards.YOUNG_MAN
SILENT = ReaderFault.of(FaultKind.NO_RESPONSE, "no reply")
UNPLUGGED = ReaderFault.of(FaultKind.PORT_UNAVAILABLE)
NOT_FLAT = ReaderFault.of(FaultKind.SELECT_FAILED)


class ScriptedReader:
    """Returns the given results in order, then NoCard forever."""

    def __init__(self, results: Iterable[CardRead]) -> None:
        self._results = list(results)

    def read_card(self) -> CardRead:
        return self._results.pop(0) if self._results else NoCard()

    def close(self) -> None:
        pass


def events(results: list[CardRead], polls: int | None = None) -> list[CardEvent]:
    watcher = CardWatcher(ScriptedReader(results))
    seen = [watcher.poll() for _ in range(polls or len(results))]
    return [event for event in seen if event is not None]


def test_card_read_once_after_placement_gives_one_placed_and_one_removed() -> None:
    # The real-reader pattern: read once, then "no card" while it still lies there.
    assert events([NoCard(), CardPresent(CARD), NoCard(), NoCard(), NoCard(), NoCard()]) == [
        CardPlaced(CARD),
        CardRemoved(),
    ]


def test_card_that_keeps_being_reported_is_placed_only_once() -> None:
    assert events([CardPresent(CARD)] * 10) == [CardPlaced(CARD)]


def test_single_missed_poll_does_not_remove_the_card() -> None:
    assert events([CardPresent(CARD), NoCard(), CardPresent(CARD)], polls=3) == [CardPlaced(CARD)]


def test_card_placed_again_after_removal_is_a_new_placement() -> None:
    script: list[CardRead] = [CardPresent(CARD), NoCard(), NoCard(), NoCard(), CardPresent(CARD)]
    assert events(script) == [CardPlaced(CARD), CardRemoved(), CardPlaced(CARD)]


def test_card_swapped_between_polls_is_removed_then_placed() -> None:
    watcher = CardWatcher(ScriptedReader([CardPresent(CARD), CardPresent(OTHER)]))
    assert watcher.poll() == CardPlaced(CARD)
    assert watcher.poll() == CardRemoved()
    assert watcher.poll() == CardPlaced(OTHER)  # queued; the reader is not asked again
    assert watcher.card == OTHER


def test_same_fault_is_reported_once_not_on_every_poll() -> None:
    assert events([SILENT] * 5) == [WatcherFault(SILENT)]


def test_changing_fault_is_reported_again() -> None:
    assert events([SILENT, SILENT, UNPLUGGED, UNPLUGGED, SILENT]) == [
        WatcherFault(SILENT),
        WatcherFault(UNPLUGGED),
        WatcherFault(SILENT),
    ]


def test_fault_detail_alone_does_not_count_as_a_change() -> None:
    assert events([SILENT, ReaderFault.of(FaultKind.NO_RESPONSE, "other detail")]) == [
        WatcherFault(SILENT)
    ]


def test_recovery_without_a_card_is_reported_once() -> None:
    assert events([SILENT, NoCard(), NoCard()]) == [WatcherFault(SILENT), ReaderRecovered()]


def test_recovery_with_a_card_is_just_the_placement() -> None:
    assert events([SILENT, CardPresent(CARD)], polls=2) == [
        WatcherFault(SILENT),
        CardPlaced(CARD),
    ]


def test_select_failure_after_a_read_counts_as_the_card_going_quiet() -> None:
    # Some readers keep finding a card they have read but refuse to select it again.
    assert events([CardPresent(CARD), NOT_FLAT, NOT_FLAT, NOT_FLAT]) == [
        CardPlaced(CARD),
        CardRemoved(),
        WatcherFault(NOT_FLAT),
    ]


def test_fault_while_a_card_lies_there_does_not_remove_it() -> None:
    script: list[CardRead] = [CardPresent(CARD), SILENT, SILENT, CardPresent(CARD)]
    assert events(script, polls=4) == [CardPlaced(CARD), WatcherFault(SILENT), ReaderRecovered()]


def test_removal_poll_count_is_configurable() -> None:
    watcher = CardWatcher(ScriptedReader([CardPresent(CARD)]), removal_polls=3)
    assert watcher.poll() == CardPlaced(CARD)
    assert [watcher.poll() for _ in range(3)] == [None, None, CardRemoved()]


def test_fake_reader_mimics_the_real_read_once_behaviour() -> None:
    fake = FakeIdCardReader()
    watcher = CardWatcher(fake)
    fake.place_card(CARD)
    assert watcher.poll() == CardPlaced(CARD)
    assert [watcher.poll() for _ in range(5)] == [None, CardRemoved(), None, None, None]
    fake.place_card(CARD)
    assert watcher.poll() == CardPlaced(CARD)


def test_watcher_over_the_simulated_reader_debounces_a_real_placement(
    simulator: SamSimulator, reader: SamSerialReader
) -> None:
    watcher = CardWatcher(reader)
    assert watcher.poll() is None
    simulator.place_card(CARD)
    seen = [watcher.poll() for _ in range(6)]
    simulator.set_fault(Fault.SILENCE)
    seen += [watcher.poll() for _ in range(3)]
    simulator.set_fault(None)
    seen += [watcher.poll() for _ in range(2)]
    assert [event for event in seen if event is not None] == [
        CardPlaced(CARD),
        CardRemoved(),
        WatcherFault(ReaderFault.of(FaultKind.NO_RESPONSE)),
        ReaderRecovered(),
    ]
