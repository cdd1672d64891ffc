"""What an ID card (身份证) holds once read: a record the rest of the kiosk can use.

The record is personal data. Its ``repr`` masks everything that identifies the holder so
that a record accidentally passed to a logger or an exception message does not leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class CardType(Enum):
    """Kind of card; the value is the type flag at text offset 248 ("" for none)."""

    RESIDENT = ""
    HMT_RESIDENCE_PERMIT = "J"
    FOREIGN_PERMANENT_2017 = "I"
    FOREIGN_PERMANENT_2023 = "Y"


SEXES = ("男", "女", "未知", "未说明")


def is_private_use(char: str) -> bool:
    """True for private-use code points, which cards use for characters UCS-2 lacks."""
    point = ord(char)
    return 0xE000 <= point <= 0xF8FF or point >= 0xF0000


@dataclass(frozen=True, repr=False)
class IdCardRecord:
    """The holder's data from one card, with code points exactly as the card carries them.

    ``valid_to`` is None for a card valid without expiry (长期). ``photo_wlt`` is the
    1024-byte WLT photo as received; decoding it needs a vendor library, so it is not done
    here. ``english_name`` and ``nationality`` are set only on foreign permanent resident
    cards; ``pass_number`` (通行证号码) and ``issue_count`` (签发次数, or 换证次数 on a 2023
    foreign card) are extra fields the permits carry.
    """

    card_type: CardType
    name: str
    sex: str
    nation: str
    birth_date: date
    address: str
    id_number: str
    issuer: str
    valid_from: date
    valid_to: date | None
    photo_wlt: bytes
    english_name: str = ""
    nationality: str = ""
    pass_number: str = ""
    issue_count: str = ""

    @property
    def has_private_use_chars(self) -> bool:
        """Whether name or address contain private-use code points (show 请以证件为准)."""
        return any(is_private_use(char) for char in self.name + self.address)

    @property
    def has_unreadable_chars(self) -> bool:
        """Whether a field held a broken UTF-16 unit, shown as U+FFFD (请以证件为准 too)."""
        return "\ufffd" in self.name + self.address + self.english_name

    def __repr__(self) -> str:
        valid_to = "长期" if self.valid_to is None else self.valid_to.isoformat()
        return (
            f"IdCardRecord(card_type={self.card_type.name}, name=***, id_number=***, "
            f"address=***, birth_date=***, english_name=***, "
            f"valid_from={self.valid_from.isoformat()}, valid_to={valid_to}, "
            f"photo_wlt=<{len(self.photo_wlt)} bytes>)"
        )
