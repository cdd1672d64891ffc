"""The keyboard-wedge scanner: evdev records to text, and the device on files and FIFOs."""

from __future__ import annotations

import errno
import os
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.qr.hid_scanner import (
    EV_KEY,
    EV_SYN,
    EVIOCGRAB,
    INPUT_EVENT,
    KEY_ENTER,
    KEY_KPENTER,
    KEY_LEFTALT,
    KEY_LEFTSHIFT,
    KEY_PRESS,
    KEY_RELEASE,
    KEY_REPEAT,
    SYN_DROPPED,
    EventParser,
    HidQrScanner,
    InputEvent,
    KeystrokeDecoder,
    key_events,
    pack_event,
)
from drivers.qr.hid_simulator import HidScannerSimulator
from drivers.qr.interface import NothingScanned, Scanned, ScannerFault, ScannerFaultKind
from tests.helpers.devices.qr import CODE_TIMEOUT, QUIET_TIMEOUT

CASE_URL = "https://zwfw.example.gov.cn/progress?case=T3F9A0C21-20261123-000042"
KEY_F1, KEY_UP, KEY_CAPSLOCK, KEY_KP1 = 59, 103, 58, 79


def _codes(keys: KeystrokeDecoder) -> list[Scanned | ScannerFault]:
    found = []
    while (code := keys.next_code()) is not None:
        found.append(code)
    return found


def _tap(code: int) -> bytes:
    return pack_event(EV_KEY, code, KEY_PRESS) + pack_event(EV_KEY, code, KEY_RELEASE)


# -- records ---------------------------------------------------------------------------------


def test_eviocgrab_is_iow_e_0x90_int() -> None:
    write, size_of_int = 1, 4
    iow = (write << 30) | (size_of_int << 16) | (ord("E") << 8) | 0x90
    assert iow == EVIOCGRAB


@pytest.mark.skipif(struct.calcsize("l") != 8, reason="64-bit layout")
def test_input_event_is_24_bytes_on_64_bit_linux() -> None:
    assert INPUT_EVENT.size == 24


def test_records_split_anywhere_come_out_whole() -> None:
    parser = EventParser()
    data = pack_event(EV_KEY, 30, KEY_PRESS, when=12.5) + pack_event(EV_SYN, 0, 0)

    first = parser.feed(data[:7])
    second = parser.feed(data[7:30])
    third = parser.feed(data[30:])

    assert first == []
    assert second == [InputEvent(EV_KEY, 30, KEY_PRESS)]
    assert third == [InputEvent(EV_SYN, 0, 0)]


# -- keys to text ----------------------------------------------------------------------------


def test_a_receipt_url_comes_out_as_typed() -> None:
    keys = KeystrokeDecoder()
    keys.feed(key_events(CASE_URL))
    assert _codes(keys) == [Scanned(CASE_URL)]


def test_every_printable_ascii_character_survives_the_us_layout() -> None:
    text = "".join(chr(c) for c in range(0x20, 0x7F))
    keys = KeystrokeDecoder()
    keys.feed(key_events(text))
    assert _codes(keys) == [Scanned(text)]


def test_shift_makes_upper_case_and_url_punctuation_only_while_held() -> None:
    keys = KeystrokeDecoder()
    shift_down = pack_event(EV_KEY, KEY_LEFTSHIFT, KEY_PRESS)
    shift_up = pack_event(EV_KEY, KEY_LEFTSHIFT, KEY_RELEASE)
    # a, Shift+a, Shift+/ (?), Shift+- (_), -, then Enter
    keys.feed(_tap(30) + shift_down + _tap(30) + _tap(53) + _tap(12) + shift_up + _tap(12))
    keys.feed(_tap(KEY_ENTER))
    assert _codes(keys) == [Scanned("aA?_-")]


def test_one_code_per_enter_and_keypad_enter_counts() -> None:
    keys = KeystrokeDecoder()
    keys.feed(key_events("T1") + key_events("T2", enter=False) + _tap(KEY_KPENTER))
    assert _codes(keys) == [Scanned("T1"), Scanned("T2")]


def test_a_lone_enter_is_not_a_code() -> None:
    keys = KeystrokeDecoder()
    keys.feed(_tap(KEY_ENTER) + _tap(KEY_ENTER))
    assert _codes(keys) == []


def test_a_code_typed_across_feeds_waits_for_its_enter() -> None:
    keys = KeystrokeDecoder()
    data = key_events(CASE_URL)
    keys.feed(data[: len(data) // 2 + 5])  # also cuts a record in two
    assert _codes(keys) == []
    keys.feed(data[len(data) // 2 + 5 :])
    assert _codes(keys) == [Scanned(CASE_URL)]


def test_keys_without_a_character_and_key_repeats_are_ignored() -> None:
    keys = KeystrokeDecoder()
    noise = (
        _tap(KEY_F1)
        + _tap(KEY_UP)
        + _tap(KEY_CAPSLOCK)
        + pack_event(EV_KEY, 30, KEY_REPEAT)
        + pack_event(4, 4, 458756)  # EV_MSC scan code, sent by many keyboards
        + _tap(0x2FF)  # a code beyond any keyboard
    )
    keys.feed(key_events("AB", enter=False) + noise + key_events("C"))
    assert _codes(keys) == [Scanned("ABC")]


def test_keypad_digits_type_digits() -> None:
    keys = KeystrokeDecoder()
    keys.feed(_tap(KEY_KP1) + _tap(KEY_ENTER))
    assert _codes(keys) == [Scanned("1")]


def test_alt_numpad_input_is_garbled_not_wrong_digits() -> None:
    keys = KeystrokeDecoder()
    alt_code = (
        pack_event(EV_KEY, KEY_LEFTALT, KEY_PRESS)
        + _tap(KEY_KP1)
        + _tap(KEY_KP1)
        + pack_event(EV_KEY, KEY_LEFTALT, KEY_RELEASE)
    )
    keys.feed(key_events("case=", enter=False) + alt_code + _tap(KEY_ENTER) + key_events("OK"))
    first, second = _codes(keys)
    assert isinstance(first, ScannerFault)
    assert first.kind is ScannerFaultKind.GARBLED
    assert "Alt" in first.detail
    assert second == Scanned("OK")


def test_lost_events_spoil_the_code_being_typed() -> None:
    keys = KeystrokeDecoder()
    keys.feed(key_events("T3F", enter=False) + pack_event(EV_SYN, SYN_DROPPED, 0))
    keys.feed(key_events("9A0") + key_events("NEXT"))
    first, second = _codes(keys)
    assert isinstance(first, ScannerFault)
    assert second == Scanned("NEXT")


def test_an_overlong_code_is_garbled_and_the_next_one_reads() -> None:
    keys = KeystrokeDecoder(max_chars=10)
    keys.feed(key_events("X" * 25) + key_events("SHORT"))
    first, second = _codes(keys)
    assert isinstance(first, ScannerFault)
    assert first.kind is ScannerFaultKind.GARBLED
    assert second == Scanned("SHORT")


def test_drop_pending_drops_the_tail_of_a_code_cut_off_midway() -> None:
    keys = KeystrokeDecoder()
    keys.feed(key_events("OLD1") + key_events("OLD2-HE", enter=False))
    keys.drop_pending()
    keys.feed(key_events("AD") + key_events("NEW"))
    assert _codes(keys) == [Scanned("NEW")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=100), max_size=8))
def test_any_byte_stream_gives_only_values(chunks: list[bytes]) -> None:
    keys = KeystrokeDecoder(max_chars=50)
    for chunk in chunks:
        keys.feed(chunk)
    for code in _codes(keys):
        assert isinstance(code, Scanned | ScannerFault)
        if isinstance(code, Scanned):
            assert code.text.isascii()
            assert code.text.isprintable()


_events = st.tuples(
    st.sampled_from([EV_SYN, EV_KEY, EV_KEY, EV_KEY, 4]),
    st.one_of(st.integers(0, 130), st.integers(0, 0xFFFF)),
    st.one_of(st.integers(0, 2), st.integers(-(2**31), 2**31 - 1)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_events, max_size=200))
def test_any_sequence_of_key_events_gives_only_values(events: list[tuple[int, int, int]]) -> None:
    keys = KeystrokeDecoder(max_chars=50)
    keys.feed(b"".join(pack_event(*event) for event in events) + _tap(KEY_ENTER))
    assert all(isinstance(code, Scanned | ScannerFault) for code in _codes(keys))


# -- the device ------------------------------------------------------------------------------


def test_scanner_reads_codes_from_an_event_file(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    device.write_bytes(key_events(CASE_URL) + key_events("SECOND-002"))
    with HidQrScanner(device, grab=False) as scanner:
        assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)
        assert scanner.read(CODE_TIMEOUT) == Scanned("SECOND-002")
        assert scanner.read(QUIET_TIMEOUT) == NothingScanned()


def test_a_code_written_in_two_parts_comes_out_whole(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    data = key_events(CASE_URL)
    device.write_bytes(data[:100])
    with HidQrScanner(device, grab=False) as scanner:
        assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
        with device.open("ab") as more:
            more.write(data[100:])
        assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)


def test_the_device_is_grabbed_exclusively_on_open(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    device.write_bytes(key_events("GRABBED"))
    calls: list[tuple[int, int, int]] = []

    def ioctl(fd: int, request: int, arg: int) -> int:
        calls.append((fd, request, arg))
        return 0

    with HidQrScanner(device, ioctl=ioctl) as scanner:
        assert scanner.read(CODE_TIMEOUT) == Scanned("GRABBED")
    assert [(request, arg) for _, request, arg in calls] == [(EVIOCGRAB, 1)]


def test_a_device_grabbed_by_another_program_is_unavailable(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    device.write_bytes(key_events("NOT-FOR-US"))

    def busy(fd: int, request: int, arg: int) -> int:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))

    result = HidQrScanner(device, ioctl=busy).read(QUIET_TIMEOUT)

    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE
    assert "another program" in result.detail


def test_grabbing_a_plain_file_fails_as_a_value(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    device.write_bytes(b"")
    result = HidQrScanner(device).read(QUIET_TIMEOUT)  # the real ioctl: ENOTTY on a file
    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE


def test_a_missing_device_is_unavailable(tmp_path: Path) -> None:
    result = HidQrScanner(tmp_path / "event99").read(QUIET_TIMEOUT)
    assert result == ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE)


def test_codes_written_to_a_fifo_arrive_while_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "event7"
    os.mkfifo(fifo)
    with HidQrScanner(fifo, grab=False) as scanner:
        scanner.flush()  # opens the reading end, so the writer does not block
        writer = os.open(fifo, os.O_WRONLY)
        try:
            os.write(writer, key_events("FIFO-001"))
            assert scanner.read(CODE_TIMEOUT) == Scanned("FIFO-001")
            assert scanner.read(QUIET_TIMEOUT) == NothingScanned()
        finally:
            os.close(writer)


def test_flush_drops_codes_typed_before_the_screen_listened(tmp_path: Path) -> None:
    device = tmp_path / "event7"
    device.write_bytes(key_events("STALE") + key_events("HALF", enter=False))
    with HidQrScanner(device, grab=False) as scanner:
        scanner.flush()
        with device.open("ab") as more:
            more.write(key_events("-TAIL") + key_events("FRESH"))
        assert scanner.read(CODE_TIMEOUT) == Scanned("FRESH")


def test_the_simulator_types_codes_the_real_driver_reads_from_its_fifo() -> None:
    with HidScannerSimulator() as simulator, HidQrScanner(simulator.path, grab=False) as scanner:
        scanner.flush()
        assert scanner.read(QUIET_TIMEOUT) == NothingScanned()  # no end of file between codes

        simulator.scan(CASE_URL)
        simulator.scan("A2")

        assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)
        assert scanner.read(CODE_TIMEOUT) == Scanned("A2")


def test_a_stopped_simulator_leaves_the_scanner_without_its_device() -> None:
    simulator = HidScannerSimulator()
    path = simulator.start()
    simulator.stop()

    result = HidQrScanner(path, grab=False).read(QUIET_TIMEOUT)

    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE
