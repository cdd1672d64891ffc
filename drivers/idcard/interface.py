"""What the kiosk sees of an ID card reader: one call, and its result as a value.

A read either finds a card, finds none, or fails in one of a few known ways. Failures are
values (``ReaderFault``) with a message that tells the person at the kiosk what to do next,
because a reader that is unplugged or a card that is moved is expected, not a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, TypeAlias

from drivers.idcard.record import IdCardRecord


class FaultKind(Enum):
    """Why a read failed; decides what the UI suggests and whether staff are needed."""

    PORT_UNAVAILABLE = "port_unavailable"
    NO_RESPONSE = "no_response"
    GARBLED = "garbled"
    SELECT_FAILED = "select_failed"
    READ_FAILED = "read_failed"
    SAM_FAULT = "sam_fault"
    BAD_CARD_DATA = "bad_card_data"
    BAD_READ = "bad_read"

    @property
    def message(self) -> str:
        """The default message for this kind of fault."""
        return _MESSAGES[self]


_MESSAGES: dict[FaultKind, str] = {
    FaultKind.PORT_UNAVAILABLE: "身份证读卡器未连接，请联系工作人员。",
    FaultKind.NO_RESPONSE: "读卡器没有响应，请联系工作人员。",
    FaultKind.GARBLED: "读卡器通信出错，请拿起身份证后重新放置；仍不行请联系工作人员。",
    FaultKind.SELECT_FAILED: "请把身份证平放在读卡区，不要移动。",
    FaultKind.READ_FAILED: "读卡失败，请拿起身份证后重新平放在读卡区，读卡时不要移动。",
    FaultKind.SAM_FAULT: "读卡器安全模块故障，暂时无法读卡，请联系工作人员。",
    FaultKind.BAD_CARD_DATA: "证件信息无法识别，请到人工窗口办理。",
    # Read twice and still not what a card carries: most often the card moved or the
    # line is noisy, so the resident tries again before anyone is called.
    FaultKind.BAD_READ: (
        "证件信息读取有误，请重新放置证件：拿起证件后重新平放在读卡区，读卡时不要移动。"
    ),
}


@dataclass(frozen=True)
class CardPresent:
    """A card was read."""

    record: IdCardRecord


@dataclass(frozen=True)
class NoCard:
    """The reader works and sees no card to read."""


@dataclass(frozen=True)
class ReaderFault:
    """A read failed. ``message`` is for the person at the kiosk; ``detail`` for the log.

    Two faults are equal when kind and message are, so a changing detail (a byte count,
    say) does not make a watcher report the same trouble again.
    """

    kind: FaultKind
    message: str
    detail: str = field(default="", compare=False)

    @classmethod
    def of(cls, kind: FaultKind, detail: str = "") -> ReaderFault:
        """A fault with the default message for its kind."""
        return cls(kind, kind.message, detail)


CardRead: TypeAlias = CardPresent | NoCard | ReaderFault


class IdCardReader(Protocol):
    """Anything that can read an ID card: the serial SAM reader, or a fake."""

    def read_card(self) -> CardRead:
        """Try one find → select → read cycle; never raises for device trouble."""
        ...

    def close(self) -> None:
        """Release the device; a later ``read_card`` opens it again."""
        ...
