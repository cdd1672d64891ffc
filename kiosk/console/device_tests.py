"""Test read, test scan and test print from the console: one try of each device, told in words
staff can act on, and audited (device.tested, with the device and the outcome)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.console.outcome import ActionOutcome
from kiosk.console.probes import CardProbe, CardSeen, CodeProbe, CodeSeen, NothingSeen
from kiosk.console.sample_receipt import printer_test_receipt
from kiosk.i18n import Message, msg
from kiosk.printing import DocumentPrinter
from kiosk.privacy import redact_personal_data
from kiosk.receipts import ReceiptOutcome

# Long enough to fetch a card or a phone and hold it to the device.
TEST_TIMEOUT_S = 15.0
# Enough of a scanned code to recognise it (a receipt's lookup address fits).
SHOWN_CODE_CHARS = 80


class Device(Enum):
    CARD_READER = "card_reader"
    QR_SCANNER = "qr_scanner"
    PRINTER = "printer"


# What staff do about each printer problem the driver names (kiosk.receipts.ReceiptOutcome).
PRINTER_FAULTS: dict[str, Message] = {
    "NO_PAPER": msg(
        "打印机缺纸：打开上盖，换上新纸卷，合好上盖后再测试打印。",
        "The printer is out of paper: open the cover, load a new roll, close it and test again.",
    ),
    "COVER_OPEN": msg(
        "打印机上盖没有合好：按紧上盖直到听到咔嗒一声，再测试打印。",
        "The printer's cover is open: press it shut until it clicks, then test again.",
    ),
    "OFFLINE": msg(
        "打印机离线：检查打印机的电源灯和纸卷，必要时关开一次打印机，再测试打印。",
        "The printer is offline: check its power light and paper roll, switch it off and on "
        "if needed, then test again.",
    ),
    "ERROR": msg(
        "打印机故障（可能卡纸或切刀故障）：打开上盖取出卡住的纸，合好后再测试；"
        "仍不行请联系技术人员。",
        "The printer has a fault (a paper jam or the cutter): open the cover, remove any stuck "
        "paper, close it and test again; if it persists, call a technician.",
    ),
    "DISCONNECTED": msg(
        "连不上打印机：检查打印机电源和连接线，再测试打印。",
        "The printer cannot be reached: check its power and cable, then test again.",
    ),
    "NO_STATUS": msg(
        "打印机没有回答状态：看测试页是否完整打出；没有打出就检查连接线后再试。",
        "The printer did not report its state: check whether the test page printed in full; "
        "if not, check the cable and try again.",
    ),
}


@dataclass(frozen=True)
class KioskFacts:
    """What the test page prints about this kiosk."""

    hall_name: str
    terminal_id: str | None
    lookup_url: str
    hotline: str


class DeviceTests:
    def __init__(
        self,
        card: CardProbe,
        code: CodeProbe | None,
        printer: DocumentPrinter,
        kiosk: KioskFacts,
        audit: AuditTrail,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        timeout_s: float = TEST_TIMEOUT_S,
    ) -> None:
        self._card, self._code, self._printer = card, code, printer
        self._kiosk, self._audit, self._clock = kiosk, audit, clock
        self._timeout_s = timeout_s

    def test_read(self, actor: str) -> ActionOutcome:
        """Read one card; show the holder masked, and keep nothing of it."""
        result = self._card.read_one(self._timeout_s)
        if isinstance(result, CardSeen):
            outcome = ActionOutcome(
                True,
                msg(
                    "读卡器正常：读到 {name}（{number}）。请取走身份证。",
                    "The card reader works: read {name} ({number}). Take the card away.",
                    name=result.name_masked,
                    number=result.number_masked,
                ),
            )
        elif isinstance(result, NothingSeen):
            outcome = ActionOutcome(
                False,
                msg(
                    "{seconds} 秒内没有读到身份证：把身份证平放在读卡区，不要移动，"
                    "再点一次「测试读卡」。",
                    "No ID card was read within {seconds} s: lay the card flat on the reader, "
                    "keep it still and press Test read again.",
                    seconds=f"{self._timeout_s:g}",
                ),
            )
        else:
            outcome = ActionOutcome(False, result.problem)
        return self._audited(Device.CARD_READER, outcome, actor)

    def test_scan(self, actor: str) -> ActionOutcome:
        """Read one code from the scanner and show what it carries."""
        if self._code is None:
            outcome = ActionOutcome(
                False,
                msg(
                    "本机没有配置扫码器；需要时请技术人员配置。",
                    "This kiosk has no QR scanner configured; a technician can set one up.",
                ),
            )
            return self._audited(Device.QR_SCANNER, outcome, actor)
        result = self._code.read_one(self._timeout_s)
        if isinstance(result, CodeSeen):
            outcome = ActionOutcome(
                True,
                msg(
                    "扫码器正常：读到「{text}」。",
                    "The QR scanner works: it read “{text}”.",
                    text=shown_code(result.text),
                ),
            )
        elif isinstance(result, NothingSeen):
            outcome = ActionOutcome(
                False,
                msg(
                    "{seconds} 秒内没有扫到二维码：把二维码对准扫码窗口，再点一次「测试扫码」。",
                    "Nothing was scanned within {seconds} s: hold a QR code to the scanner and "
                    "press Test scan again.",
                    seconds=f"{self._timeout_s:g}",
                ),
            )
        else:
            outcome = ActionOutcome(False, result.problem)
        return self._audited(Device.QR_SCANNER, outcome, actor)

    def test_print(self, actor: str) -> ActionOutcome:
        """Print the test receipt through the kiosk's own printer."""
        kiosk = self._kiosk
        receipt = printer_test_receipt(
            kiosk.hall_name, kiosk.terminal_id, kiosk.lookup_url, kiosk.hotline, self._clock()
        )
        printed = self._printer.print_receipt(receipt)
        if printed.printed:
            outcome = ActionOutcome(
                True,
                msg(
                    "测试页已打印：请看中文、二维码和“𠮷”字是否清楚。",
                    "The test page printed: check that the Chinese, the QR code and “𠮷” "
                    "are clear.",
                ),
            )
        else:
            outcome = ActionOutcome(False, printer_problem(printed))
        return self._audited(Device.PRINTER, outcome, actor)

    def _audited(self, device: Device, outcome: ActionOutcome, actor: str) -> ActionOutcome:
        self._audit.record(
            AuditEvent.DEVICE_TESTED,
            actor,
            {"device": device.value, "outcome": "ok" if outcome.ok else "failed"},
        )
        return outcome


def shown_code(text: str) -> str:
    """A scanned code as the console shows it: ID and mobile numbers masked (a resident's
    code may carry them), and cut short."""
    masked = redact_personal_data(text)
    return masked if len(masked) <= SHOWN_CODE_CHARS else masked[: SHOWN_CODE_CHARS - 1] + "…"


def printer_problem(outcome: ReceiptOutcome) -> Message:
    """What staff do about a print that failed, in words."""
    known = PRINTER_FAULTS.get(outcome.fault or "")
    if known is not None:
        return known
    return msg(
        "没有打印出来：{problem}",
        "Nothing was printed: {problem}",
        problem=outcome.problem or "",
    )
