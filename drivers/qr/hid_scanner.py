"""QR/barcode scanner in USB HID keyboard mode ("keyboard wedge"), read from ``/dev/input``.

Out of the box most scanners pretend to be a keyboard and type each code followed by Enter.
Left alone, that typing lands in whatever text field has focus. This driver opens the
scanner's evdev node (``/dev/input/eventN``, or better a stable
``/dev/input/by-id/usb-…-event-kbd`` link) and grabs it exclusively (EVIOCGRAB), so its keys
reach only us, then turns key presses back into text: one ``Scanned`` per Enter.

Only ASCII comes through. A keyboard has no key for 办 and a scanner can type Chinese only in
an Alt+numpad or Unicode mode meant for Windows; such key chords make the code come out as a
GARBLED fault, never as wrong text. That is enough for receipt lookup URLs and case numbers;
for Chinese payloads (电子证照 JSON, Chinese URLs) put the scanner in serial mode and use
``SerialQrScanner``.

The key map is a US layout, which is what scanners emulate unless told otherwise. The module
has no dependency on python-evdev (only a source package is available for our targets): the
first part parses ``struct input_event`` records and key codes with no I/O; ``HidQrScanner``
is the device behaviour. As with the serial scanner, the device opens lazily, a failure closes
and forgets it, device trouble comes back as ``ScannerFault`` values, and scanned text is
never logged. Not thread-safe: call it from one worker thread.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import select
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from drivers.closing import ClosesOnExit
from drivers.qr.interface import (
    NothingScanned,
    Scanned,
    ScannerFault,
    ScannerFaultKind,
    ScanRead,
)
from drivers.qr.read_log import ReadLog, after
from drivers.qr.serial_scanner import MAX_CODE_BYTES

logger = logging.getLogger(__name__)

# -- wire protocol: struct input_event -------------------------------------------------------

# struct input_event { struct timeval time; __u16 type; __u16 code; __s32 value; } in the
# platform's native layout. The timeval is two C longs: 8 bytes each on 64-bit Linux, so a
# record is "llHHi" = 24 bytes there; on 32-bit ARM kiosks the kernel uses two 32-bit
# fields (16 bytes), which native "l" also gives. Reading any other size would misframe
# every event after the first.
INPUT_EVENT = struct.Struct("llHHi")

# _IOW('E', 0x90, int): direction write (1 << 30) | sizeof(int) << 16 | 'E' << 8 | 0x90
EVIOCGRAB = 0x40044590

EV_SYN = 0x00
EV_KEY = 0x01
SYN_DROPPED = 3  # the kernel's event buffer overflowed: events were lost

KEY_RELEASE, KEY_PRESS, KEY_REPEAT = 0, 1, 2

# Key codes from linux/input-event-codes.h.
KEY_ENTER = 28
KEY_KPENTER = 96
KEY_LEFTSHIFT = 42
KEY_RIGHTSHIFT = 54
KEY_LEFTCTRL = 29
KEY_RIGHTCTRL = 97
KEY_LEFTALT = 56
KEY_RIGHTALT = 100
KEY_LEFTMETA = 125
KEY_RIGHTMETA = 126
KEY_CAPSLOCK = 58

_SHIFTS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
# While one of these is down a key is a command (Ctrl+C, Alt+numpad code), not text.
_CHORD_MODIFIERS = frozenset(
    {KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT, KEY_LEFTMETA, KEY_RIGHTMETA}
)
DEFAULT_TERMINATOR_KEYS = frozenset({KEY_ENTER, KEY_KPENTER})


def _row(first_code: int, plain: str, shifted: str) -> dict[int, tuple[str, str]]:
    """Consecutive key codes from ``first_code``, each with its plain and shifted character."""
    return {first_code + i: (p, s) for i, (p, s) in enumerate(zip(plain, shifted, strict=True))}


# US layout: key code -> (character, character with Shift). The rows follow the key codes,
# which follow the physical rows of a PC keyboard.
US_LAYOUT: dict[int, tuple[str, str]] = {
    **_row(2, "1234567890-=", "!@#$%^&*()_+"),  # KEY_1 … KEY_EQUAL
    **_row(16, "qwertyuiop[]", "QWERTYUIOP{}"),  # KEY_Q … KEY_RIGHTBRACE
    **_row(30, "asdfghjkl;'`", 'ASDFGHJKL:"~'),  # KEY_A … KEY_GRAVE
    **_row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?"),  # KEY_BACKSLASH … KEY_SLASH
    57: (" ", " "),  # KEY_SPACE
    55: ("*", "*"),  # KEY_KPASTERISK
    **_row(71, "789-456+1230.", "789-456+1230."),  # KEY_KP7 … KEY_KPDOT, Num Lock on
    98: ("/", "/"),  # KEY_KPSLASH
    117: ("=", "="),  # KEY_KPEQUAL
}


class InputEvent(NamedTuple):
    """One evdev event, its timestamp dropped (nothing here needs it)."""

    type: int
    code: int
    value: int


class EventParser:
    """Cuts the byte stream of an evdev node into ``InputEvent`` records; feed it bytes in
    any pieces (a read may end in the middle of a record)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[InputEvent]:
        """The events completed by ``data``; a partial record waits for the next feed."""
        self._buffer += data
        size = INPUT_EVENT.size
        whole = len(self._buffer) - len(self._buffer) % size
        events = [
            InputEvent(type_, code, value)
            for _sec, _usec, type_, code, value in INPUT_EVENT.iter_unpack(self._buffer[:whole])
        ]
        del self._buffer[:whole]
        return events

    def clear(self) -> None:
        """Forget a partial record."""
        self._buffer.clear()


def pack_event(type_: int, code: int, value: int, when: float = 0.0) -> bytes:
    """One ``struct input_event`` as the kernel writes it (for tests and simulators)."""
    seconds = int(when)
    return INPUT_EVENT.pack(seconds, int((when - seconds) * 1_000_000), type_, code, value)


def key_events(text: str, *, enter: bool = True, when: float = 0.0) -> bytes:
    """The events a keyboard-wedge scanner sends for ``text`` (US layout, Shift held for
    shifted characters, a SYN report after each change), with Enter at the end."""
    codes: dict[str, tuple[int, bool]] = {}
    # In key code order, so the main rows win over the keypad ('*' is Shift+8, not KP*).
    for code, (plain, shifted) in sorted(US_LAYOUT.items()):
        codes.setdefault(plain, (code, False))
        codes.setdefault(shifted, (code, shifted != plain))
    out = bytearray()

    def tap(code: int) -> None:
        for value in (KEY_PRESS, KEY_RELEASE):
            out.extend(pack_event(EV_KEY, code, value, when))
            out.extend(pack_event(EV_SYN, 0, 0, when))

    for char in text:
        code, with_shift = codes[char]  # KeyError: not typeable on a US keyboard
        if with_shift:
            out.extend(pack_event(EV_KEY, KEY_LEFTSHIFT, KEY_PRESS, when))
        tap(code)
        if with_shift:
            out.extend(pack_event(EV_KEY, KEY_LEFTSHIFT, KEY_RELEASE, when))
    if enter:
        tap(KEY_ENTER)
    return bytes(out)


class KeystrokeDecoder:
    """Turns key events into codes: characters until a terminator key, then one code.

    Shift state is tracked per key; key repeats and keys with no character (F-keys, arrows,
    Caps Lock) are ignored. A character key pressed while Ctrl, Alt or Meta is down (an
    Alt+numpad code for a Chinese character), or a gap in the event stream (SYN_DROPPED),
    spoils the code: it comes out as a GARBLED fault at its terminator, since guessing would
    give wrong text. A code longer than ``max_chars`` is cut off the same way.
    """

    def __init__(
        self,
        terminator_keys: Iterable[int] = DEFAULT_TERMINATOR_KEYS,
        max_chars: int = MAX_CODE_BYTES,
    ) -> None:
        self._parser = EventParser()
        self._terminators = frozenset(terminator_keys)
        self._max_chars = max_chars
        self._held: set[int] = set()
        self._line: list[str] = []
        self._spoiled: str | None = None  # why the code being typed cannot be trusted
        self._discarding = False  # dropping the rest of a code cut off by drop_pending
        self._codes: deque[Scanned | ScannerFault] = deque()

    def feed(self, data: bytes) -> None:
        """Add bytes read from the event node."""
        for event in self._parser.feed(data):
            self._handle(event)

    def next_code(self) -> Scanned | ScannerFault | None:
        """The next complete code (or fault for a spoiled one); None until one is complete."""
        return self._codes.popleft() if self._codes else None

    def clear(self) -> None:
        """Forget everything: codes, the code being typed, keys held (for a reopened device,
        whose key state starts afresh)."""
        self._parser.clear()
        self._held.clear()
        self._codes.clear()
        self._reset_line()
        self._discarding = False

    def drop_pending(self) -> None:
        """Drop complete codes and the one being typed; if a code is being typed, the rest
        of it is dropped too, so its tail is not taken for a code of its own."""
        self._codes.clear()
        self._discarding = self._discarding or bool(self._line) or self._spoiled is not None
        self._reset_line()

    def _reset_line(self) -> None:
        self._line.clear()
        self._spoiled = None

    def _handle(self, event: InputEvent) -> None:
        if event.type == EV_SYN and event.code == SYN_DROPPED:
            self._spoil("events lost (SYN_DROPPED)")
            return
        if event.type != EV_KEY:
            return
        if event.value == KEY_RELEASE:
            self._held.discard(event.code)
            return
        if event.value != KEY_PRESS:  # autorepeat, or a value no keyboard sends
            return
        self._held.add(event.code)
        if event.code in self._terminators:
            self._finish_line()
        elif event.code in US_LAYOUT:
            self._type(event.code)

    def _type(self, code: int) -> None:
        if self._held & _CHORD_MODIFIERS:
            self._spoil("key chord (Alt/Ctrl): scanner not in plain keyboard mode")
            return
        plain, shifted = US_LAYOUT[code]
        self._line.append(shifted if self._held & _SHIFTS else plain)
        if len(self._line) > self._max_chars:
            self._spoil(f"over {self._max_chars} characters and no Enter")
            self._line.clear()

    def _spoil(self, reason: str) -> None:
        if self._spoiled is None:
            self._spoiled = reason

    def _finish_line(self) -> None:
        text, spoiled = "".join(self._line), self._spoiled
        self._reset_line()
        if self._discarding:
            self._discarding = False
            return
        if spoiled is not None:
            self._codes.append(ScannerFault.of(ScannerFaultKind.GARBLED, spoiled))
        elif text:  # a lone Enter is not a code
            self._codes.append(Scanned(text))


# -- the device ------------------------------------------------------------------------------

Ioctl = Callable[[int, int, int], object]


class HidQrScanner(ClosesOnExit):
    """A keyboard-wedge scanner on the evdev node ``device_path``.

    With ``grab`` (the default) the node is grabbed exclusively, so the scanner's typing
    reaches no other program; a node someone else has grabbed counts as unavailable.
    ``ioctl`` is ``fcntl.ioctl`` unless a test injects one. The kiosk user needs read access
    to the node (the ``input`` group, or a udev rule for the scanner's vendor/product id).
    """

    # Bytes per read: 64 events, more than one scan's worth of key presses per wakeup.
    _READ_SIZE = INPUT_EVENT.size * 64

    def __init__(
        self,
        device_path: str | Path,
        grab: bool = True,
        *,
        terminator_keys: Iterable[int] = DEFAULT_TERMINATOR_KEYS,
        ioctl: Ioctl = fcntl.ioctl,
    ) -> None:
        self._path = str(device_path)
        self._grab = grab
        self._ioctl = ioctl
        self._keys = KeystrokeDecoder(terminator_keys)
        self._fd: int | None = None
        self._log = ReadLog(logger, f"HID scanner {self._path}")

    # -- public API ----------------------------------------------------------------------

    def read(self, timeout: float) -> ScanRead:
        """Wait up to ``timeout`` seconds for one complete code (up to its Enter).

        A code typed across several reads comes out whole. When the device is missing or
        fails, the fault comes back after the rest of ``timeout``, so a caller that reads in
        a loop retries at that pace, not in a spin.
        """
        result = self._read(timeout)
        self._log.record(result)
        return result

    def flush(self) -> None:
        """Drop everything typed so far, including a code cut off mid-way; opens the device.

        Call it when a screen starts listening. If the device cannot be opened the next
        ``read`` reports it.
        """
        fd = self._open()
        if isinstance(fd, ScannerFault):
            self._log.record(fd)
            return
        while True:
            try:
                chunk = os.read(fd, self._READ_SIZE)
            except BlockingIOError:
                break
            except OSError as error:
                self._log.record(self._fail(error))
                return
            if not chunk:
                break
            self._keys.feed(chunk)
        self._keys.drop_pending()

    def close(self) -> None:
        """Release the device (and its grab); the next call opens it again."""
        self._keys.clear()
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.close(fd)  # closing also ends the grab
            except OSError:
                logger.debug("ignoring error while closing %s", self._path, exc_info=True)

    # -- reading -------------------------------------------------------------------------

    def _read(self, timeout: float) -> ScanRead:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            code = self._keys.next_code()
            if code is not None:
                return code
            fd = self._open()
            if isinstance(fd, ScannerFault):
                return after(deadline, fd)
            try:
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                chunk = os.read(fd, self._READ_SIZE) if ready else None
            except BlockingIOError:
                chunk = None  # woken without data after all
            except OSError as error:  # ENODEV once the scanner is unplugged
                return after(deadline, self._fail(error))
            if chunk == b"":
                # End of file: only a file or pipe standing in for the device does that, and
                # select would report it ready again at once; wait out the time instead.
                return after(deadline, NothingScanned())
            if chunk:
                self._keys.feed(chunk)
            elif time.monotonic() >= deadline:
                return NothingScanned()

    # -- device handling -----------------------------------------------------------------

    def _open(self) -> int | ScannerFault:
        if self._fd is None:
            try:
                fd = os.open(self._path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            except OSError as error:
                return ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE, str(error))
            if self._grab:
                try:
                    self._ioctl(fd, EVIOCGRAB, 1)
                except OSError as error:
                    os.close(fd)
                    why = "grabbed by another program" if error.errno == errno.EBUSY else error
                    return ScannerFault.of(
                        ScannerFaultKind.PORT_UNAVAILABLE, f"cannot grab {self._path}: {why}"
                    )
            self._fd = fd
            self._keys.clear()
            logger.info("HID scanner %s opened%s", self._path, " and grabbed" if self._grab else "")
        return self._fd

    def _fail(self, error: OSError) -> ScannerFault:
        """Forget the device (and any half-typed code) after an I/O error."""
        self.close()
        return ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE, str(error))
