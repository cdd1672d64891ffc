"""Real-time printer status: the DLE EOT reply bytes and what they mean for the citizen.

Replies to n = 1, 2 and 4 are combined into one `PrinterStatus`; its `problem()`
names the condition that stops printing, with a plain Chinese message.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from drivers.printer.commands import StatusRequest

# Every reply byte looks like 0xx1xx10: bits 0, 1, 4 and 7 are fixed.
_FIXED_MASK = 0b1001_0011
_FIXED_BITS = 0b0001_0010

_OFFLINE = 0x08  # n = 1, bit 3
_COVER_OPEN = 0x04  # n = 2, bit 2
_STOPPED_PAPER_END = 0x20  # n = 2, bit 5
_ERROR = 0x40  # n = 2, bit 6
_UNRECOVERABLE = 0x20  # n = 3, bit 5
_NEAR_END = 0x0C  # n = 4, bits 2 and 3
_PAPER_END = 0x60  # n = 4, bits 5 and 6

_SAVED = "您的申请已保存，可稍后补打回执"


class PrinterProblem(enum.Enum):
    """Why a receipt cannot be printed (or confirmed), with what to do about it."""

    NO_PAPER = f"打印机缺纸，请联系工作人员更换纸卷；{_SAVED}"
    COVER_OPEN = f"打印机上盖未合好，请联系工作人员合上上盖；{_SAVED}"
    OFFLINE = f"打印机暂停工作，请联系工作人员检查打印机；{_SAVED}"
    ERROR = f"打印机故障（可能卡纸或切刀故障），请联系工作人员处理；{_SAVED}"
    DISCONNECTED = f"无法连接打印机，请联系工作人员检查打印机电源和连接线；{_SAVED}"
    NO_STATUS = "无法读取打印机状态，请查看回执是否打印完整；如未打印，请联系工作人员补打"

    @property
    def message(self) -> str:
        """Plain Chinese for the citizen at the kiosk: what happened and what to do."""
        return self.value

    @property
    def stops_printing(self) -> bool:
        """False only when the printer merely cannot tell us its state."""
        return self is not PrinterProblem.NO_STATUS


class InvalidStatusReplyError(ValueError):
    """A reply byte without the fixed 0xx1xx10 pattern: line noise or a stale byte."""


@dataclass(frozen=True)
class PrinterStatus:
    """One snapshot of the printer; `online` means ready to print right now."""

    online: bool = True
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    offline: bool = False
    error: bool = False

    def problem(self) -> PrinterProblem | None:
        """The condition to report; an open cover comes first as it also blinds the sensor."""
        if self.cover_open:
            return PrinterProblem.COVER_OPEN
        if self.paper_out:
            return PrinterProblem.NO_PAPER
        if self.error:
            return PrinterProblem.ERROR
        if self.offline:
            return PrinterProblem.OFFLINE
        return None


def check_reply(reply: int) -> int:
    """Return the byte if it has the fixed status pattern, else raise."""
    if not 0 <= reply <= 0xFF or reply & _FIXED_MASK != _FIXED_BITS:
        raise InvalidStatusReplyError(f"not a DLE EOT status byte: 0x{reply:02X}")
    return reply


def parse_status(printer: int, offline_cause: int, paper_sensor: int) -> PrinterStatus:
    """Combine the replies to DLE EOT 1, 2 and 4."""
    offline = bool(check_reply(printer) & _OFFLINE)
    cause = check_reply(offline_cause)
    paper = check_reply(paper_sensor)
    cover_open = bool(cause & _COVER_OPEN)
    paper_out = bool(cause & _STOPPED_PAPER_END or paper & _PAPER_END)
    error = bool(cause & _ERROR)
    return PrinterStatus(
        online=not (offline or cover_open or paper_out or error),
        cover_open=cover_open,
        paper_out=paper_out,
        paper_near_end=bool(paper & _NEAR_END) or paper_out,
        offline=offline,
        error=error,
    )


def status_reply(n: int, status: PrinterStatus) -> int | None:
    """The byte a printer in `status` sends for DLE EOT n (None: no reply for that n).

    A printer out of paper or with its cover open also reports itself offline, and
    a roll that ran out has passed the near-end sensor too.
    """
    offline = status.offline or status.paper_out or status.cover_open or status.error
    match n:
        case StatusRequest.PRINTER:
            bits = _OFFLINE * offline
        case StatusRequest.OFFLINE_CAUSE:
            bits = (
                _COVER_OPEN * status.cover_open
                | _STOPPED_PAPER_END * status.paper_out
                | _ERROR * status.error
            )
        case StatusRequest.ERROR_CAUSE:
            bits = _UNRECOVERABLE * status.error
        case StatusRequest.PAPER_SENSOR:
            near_end = status.paper_near_end or status.paper_out
            bits = _NEAR_END * near_end | _PAPER_END * status.paper_out
        case _:
            return None
    return _FIXED_BITS | bits
