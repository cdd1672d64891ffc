"""Second-generation ID card (二代身份证) reader driver: SAM serial protocol, fakes, events.

Layers: ``frames`` / ``status`` / ``text`` are the wire protocol; ``validation`` what a
card of each type can carry; ``sam_reader`` and ``watcher`` the device behaviour;
``simulator`` and ``fake_reader`` the fakes. The kiosk codes against ``IdCardReader`` and
the result values, never against a concrete reader.
"""

from drivers.idcard.demo_cards import DEMO_CARDS
from drivers.idcard.fake_reader import FakeIdCardReader
from drivers.idcard.frames import FrameError, Response, encode_command, read_response
from drivers.idcard.interface import (
    CardPresent,
    CardRead,
    FaultKind,
    IdCardReader,
    NoCard,
    ReaderFault,
)
from drivers.idcard.nations import NATIONS
from drivers.idcard.photo import decode_photo
from drivers.idcard.record import CardType, IdCardRecord
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.sdk_reader import TermbSdkReader
from drivers.idcard.simulator import Fault, SamSimulator
from drivers.idcard.status import Sw3
from drivers.idcard.text import CardDataError, encode_text, parse_text
from drivers.idcard.watcher import (
    CardEvent,
    CardPlaced,
    CardRemoved,
    CardWatcher,
    ReaderRecovered,
    WatcherFault,
)

__all__ = [
    "DEMO_CARDS",
    "NATIONS",
    "CardDataError",
    "CardEvent",
    "CardPlaced",
    "CardPresent",
    "CardRead",
    "CardRemoved",
    "CardType",
    "CardWatcher",
    "FakeIdCardReader",
    "Fault",
    "FaultKind",
    "FrameError",
    "IdCardReader",
    "IdCardRecord",
    "NoCard",
    "ReaderFault",
    "ReaderRecovered",
    "Response",
    "SamSerialReader",
    "SamSimulator",
    "Sw3",
    "TermbSdkReader",
    "WatcherFault",
    "decode_photo",
    "encode_command",
    "encode_text",
    "parse_text",
    "read_response",
]
