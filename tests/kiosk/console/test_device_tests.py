"""Test read, scan and print from the console: results in words, personal data masked and
forgotten, every try audited with its device and outcome."""

from __future__ import annotations

from drivers.idcard import FakeIdCardReader, FaultKind, ReaderFault, demo_cards
from drivers.qr import NothingScanned, Scanned, ScannerFault, ScannerFaultKind
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.console.device_tests import DeviceTests, KioskFacts
from kiosk.receipts import ReceiptOutcome
from kiosk.wiring.console_probes import ReaderProbe, ScannerProbe
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.devices.scripted_scanner import ScriptedScanner, SleepClock

KIOSK = KioskFacts("测试大厅", "KSK00001", "https://x/progress?case={case_number}", "12345")


class FaultyPrinter(RecordingPrinter):
    def __init__(self, fault: str) -> None:
        super().__init__()
        self._fault = fault

    def print_receipt(self, receipt: object) -> ReceiptOutcome:
        return ReceiptOutcome(False, "打印机缺纸，请联系工作人员更换纸卷", self._fault)


def device_tests_on(
    reader: FakeIdCardReader | None = None,
    scanner: ScriptedScanner | None = None,
    printer: RecordingPrinter | None = None,
) -> tuple[DeviceTests, MemoryAuditTrail, SleepClock]:
    audit, clock = MemoryAuditTrail(), SleepClock()
    card = ReaderProbe(reader or FakeIdCardReader(), clock.monotonic, clock.sleep)
    code = ScannerProbe(scanner) if scanner is not None else None
    tests = DeviceTests(card, code, printer or RecordingPrinter(), KIOSK, audit)
    return tests, audit, clock


def test_a_test_read_shows_only_the_masked_holder_and_is_audited() -> None:
    reader = FakeIdCardReader()
    reader.place_card(demo_cards.ELDERLY_RESIDENT)
    tests, audit, _ = device_tests_on(reader)

    outcome = tests.test_read("S001")

    card = demo_cards.ELDERLY_RESIDENT
    shown = outcome.message.render()
    assert outcome.ok
    assert card.name not in shown and card.id_number not in shown
    assert card.name[0] + "*" in shown and card.id_number[-4:] in shown
    assert card.id_number not in outcome.message.render("en_US")
    assert [(e.event, e.actor, e.details) for e in audit.events] == [
        (AuditEvent.DEVICE_TESTED, "S001", {"device": "card_reader", "outcome": "ok"})
    ]


def test_a_test_read_without_a_card_gives_up_after_the_timeout_and_says_what_to_do() -> None:
    tests, audit, clock = device_tests_on(FakeIdCardReader())

    outcome = tests.test_read("S001")

    assert not outcome.ok
    assert clock.now >= 15.0
    assert "平放" in outcome.message.render()
    assert audit.events[-1].details == {"device": "card_reader", "outcome": "failed"}


def test_an_unplugged_reader_is_told_in_words_for_staff() -> None:
    reader = FakeIdCardReader()
    reader.set_fault(ReaderFault.of(FaultKind.PORT_UNAVAILABLE, "/dev/ttyUSB0: gone"))
    tests, _, _ = device_tests_on(reader)

    outcome = tests.test_read("S001")

    assert not outcome.ok
    assert "连接线" in outcome.message.render()
    assert "cable" in outcome.message.render("en_US")


def test_a_test_scan_shows_the_code_it_read() -> None:
    scanner = ScriptedScanner(NothingScanned(), Scanned("https://x/progress?case=A"))
    tests, audit, _ = device_tests_on(scanner=scanner)

    outcome = tests.test_scan("S001")

    assert outcome.ok and "https://x/progress?case=A" in outcome.message.render()
    assert scanner.flushed == 1  # an old scan is not taken for the test's
    assert audit.events[-1].details == {"device": "qr_scanner", "outcome": "ok"}


def test_a_scanned_code_is_shown_with_personal_numbers_masked() -> None:
    id_number = demo_cards.ELDERLY_RESIDENT.id_number
    scanner = ScriptedScanner(Scanned(f"id={id_number}&tel=13800138000&" + "x" * 200))
    tests, _, _ = device_tests_on(scanner=scanner)

    shown = tests.test_scan("S001").message.render()

    assert id_number not in shown and "13800138000" not in shown
    assert id_number[-4:] in shown and len(shown) < 120


def test_a_test_scan_reports_a_scanner_that_cannot_be_opened_at_once() -> None:
    scanner = ScriptedScanner(ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE))
    tests, _, _ = device_tests_on(scanner=scanner)

    outcome = tests.test_scan("S001")

    assert not outcome.ok and "连接线" in outcome.message.render()


def test_a_test_scan_on_a_kiosk_without_a_scanner_says_so() -> None:
    tests, audit, _ = device_tests_on()

    outcome = tests.test_scan("S001")

    assert not outcome.ok and "没有配置扫码器" in outcome.message.render()
    assert audit.kinds() == [AuditEvent.DEVICE_TESTED]


def test_a_test_print_goes_through_the_kiosk_printer() -> None:
    printer = RecordingPrinter()
    tests, audit, _ = device_tests_on(printer=printer)

    outcome = tests.test_print("S001")

    assert outcome.ok
    (receipt,) = printer.receipts
    assert receipt.title.startswith("打印测试") and receipt.terminal_id == "KSK00001"
    assert audit.events[-1].details == {"device": "printer", "outcome": "ok"}


def test_paper_out_cover_open_and_offline_are_told_as_what_to_do() -> None:
    said = {}
    for fault in ("NO_PAPER", "COVER_OPEN", "OFFLINE"):
        tests, _, _ = device_tests_on(printer=FaultyPrinter(fault))
        outcome = tests.test_print("S001")
        assert not outcome.ok
        said[fault] = outcome.message.render()
    assert "换上新纸卷" in said["NO_PAPER"]
    assert "上盖" in said["COVER_OPEN"]
    assert "离线" in said["OFFLINE"]
