"""The kiosk's own devices adapted to the console's test ports (kiosk/console/probes.py): one
card or one code within a time limit, as a value. A card's record is masked at once and
forgotten; only the masked name and number leave this module."""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.idcard import CardPresent, FaultKind, IdCardReader, NoCard, ReaderFault
from drivers.qr import NothingScanned, QrScanner, Scanned, ScannerFault, ScannerFaultKind, ScanRead
from kiosk.console.probes import CardSeen, CodeSeen, DeviceFailed, NothingSeen
from kiosk.i18n import Message, msg
from kiosk.privacy import mask_id_number, mask_name

# How often a test read looks at the reader while waiting for a card (as the watcher does).
CARD_POLL_S = 0.3


def read_one_code(scanner: QrScanner, timeout_s: float) -> ScanRead:
    """One code within `timeout_s`. A first look opens the scanner, so a scanner that cannot
    be opened is reported at once rather than after the wait."""
    result = scanner.read(0.0)
    if isinstance(result, NothingScanned):
        result = scanner.read(timeout_s)
    return result


class ScannerProbe:
    def __init__(self, scanner: QrScanner) -> None:
        self._scanner = scanner

    def read_one(self, timeout_s: float) -> CodeSeen | NothingSeen | DeviceFailed:
        self._scanner.flush()  # a code scanned before the test is not the test's
        result = read_one_code(self._scanner, timeout_s)
        if isinstance(result, Scanned):
            return CodeSeen(result.text)
        if isinstance(result, NothingScanned):
            return NothingSeen()
        return DeviceFailed(_scanner_problem(result))


class ReaderProbe:
    def __init__(
        self,
        reader: IdCardReader,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._reader = reader
        self._monotonic, self._sleep = monotonic, sleep

    def read_one(self, timeout_s: float) -> CardSeen | NothingSeen | DeviceFailed:
        deadline = self._monotonic() + timeout_s
        while True:
            result = self._reader.read_card()
            if isinstance(result, CardPresent):
                record = result.record
                return CardSeen(
                    mask_name(record.display_name),
                    mask_id_number(record.id_number or record.pass_number),
                )
            if isinstance(result, ReaderFault):
                return DeviceFailed(_reader_problem(result))
            assert isinstance(result, NoCard)
            if self._monotonic() >= deadline:
                return NothingSeen()
            self._sleep(CARD_POLL_S)


_READER_UNREACHABLE = msg(
    "读卡器没有连接或没有响应：检查读卡器的连接线和电源，再测试读卡；仍不行请联系技术人员。",
    "The card reader is not connected or does not answer: check its cable and power and test "
    "again; if it persists, call a technician.",
)
_CARD_MOVED = msg(
    "读卡没有成功：拿起身份证，重新平放在读卡区，不要移动，再测试读卡。",
    "The card was not read: lift it, lay it flat on the reader again, keep it still and test "
    "again.",
)
_READER_FAULTS: dict[FaultKind, Message] = {
    FaultKind.PORT_UNAVAILABLE: _READER_UNREACHABLE,
    FaultKind.NO_RESPONSE: _READER_UNREACHABLE,
    FaultKind.GARBLED: _CARD_MOVED,
    FaultKind.SELECT_FAILED: _CARD_MOVED,
    FaultKind.READ_FAILED: _CARD_MOVED,
    FaultKind.BAD_READ: _CARD_MOVED,
    FaultKind.SAM_FAULT: msg(
        "读卡器的安全模块故障，暂时无法读卡：请联系技术人员。",
        "The card reader's security module has failed and cannot read cards: call a technician.",
    ),
    FaultKind.BAD_CARD_DATA: msg(
        "这张证件的信息无法识别：换一张身份证再试；换了仍不行请联系技术人员。",
        "This card's data cannot be recognised: try another ID card; if that fails too, call a "
        "technician.",
    ),
}
_SCANNER_FAULTS: dict[ScannerFaultKind, Message] = {
    ScannerFaultKind.PORT_UNAVAILABLE: msg(
        "扫码器没有连接：检查扫码器的连接线，再测试扫码；仍不行请联系技术人员。",
        "The QR scanner is not connected: check its cable and test again; if it persists, call "
        "a technician.",
    ),
    ScannerFaultKind.GARBLED: msg(
        "扫到的二维码无法识别：换一个清晰的二维码再试；仍不行请联系技术人员检查扫码器设置。",
        "The scanned code cannot be read: try a clear QR code; if it persists, call a "
        "technician to check the scanner's settings.",
    ),
}


def _reader_problem(fault: ReaderFault) -> Message:
    return _READER_FAULTS[fault.kind]


def _scanner_problem(fault: ScannerFault) -> Message:
    return _SCANNER_FAULTS[fault.kind]
