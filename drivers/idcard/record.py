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


LONG_TERM = "长期"
"""What a card without expiry carries, and shows, as its valid-to date."""

# The record fields each card type carries, in card order. Fields a type lacks stay empty.
CARD_FIELDS: dict[CardType, tuple[str, ...]] = {
    CardType.RESIDENT: (
        "name",
        "sex",
        "nation",
        "birth_date",
        "address",
        "id_number",
        "issuer",
        "valid_from",
        "valid_to",
    ),
    CardType.HMT_RESIDENCE_PERMIT: (
        "name",
        "sex",
        "birth_date",
        "address",
        "id_number",
        "issuer",
        "valid_from",
        "valid_to",
        "pass_number",
        "issue_count",
    ),
    CardType.FOREIGN_PERMANENT_2017: (
        "english_name",
        "sex",
        "id_number",
        "nationality",
        "name",
        "valid_from",
        "valid_to",
        "birth_date",
        "card_version",
        "issuer",
    ),
    CardType.FOREIGN_PERMANENT_2023: (
        "name",
        "sex",
        "issue_count",
        "birth_date",
        "english_name",
        "id_number",
        "valid_from",
        "valid_to",
        "nationality",
        "old_permit_link",
    ),
}


@dataclass(frozen=True, repr=False)
class IdCardRecord:
    """The holder's data from one card, with code points exactly as the card carries them.

    ``CARD_FIELDS`` says which fields a card type carries; the others stay empty.
    ``valid_to`` is None for a card valid without expiry (长期, see ``valid_long_term``).
    ``photo_wlt`` is the 1024-byte WLT photo as received; decoding it needs a vendor
    library, so it is not done here. On foreign permanent resident cards ``name`` is the
    Chinese name, which many holders lack, ``english_name`` the legal name, ``nationality``
    the ISO 3166 alpha-3 code and ``issuer`` (2017 edition) the issuing authority's code.
    ``pass_number`` is the permit's 通行证号码, ``issue_count`` its 签发次数 (换证次数 on a
    2023 foreign card), ``card_version`` the 2017 card's version and ``old_permit_link``
    the 2023 card's link to the holder's earlier permit.
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
    card_version: str = ""
    old_permit_link: str = ""

    @property
    def display_name(self) -> str:
        """The name to show and prefill: the Chinese name, else the English (legal) one."""
        return self.name or self.english_name

    @property
    def valid_long_term(self) -> bool:
        """Whether the card is valid without expiry (长期), which ``valid_to`` None means."""
        return self.valid_to is None

    @property
    def has_private_use_chars(self) -> bool:
        """Whether name or address contain private-use code points (show 请以证件为准)."""
        return any(is_private_use(char) for char in self.name + self.address)

    @property
    def has_unreadable_chars(self) -> bool:
        """Whether a field held a broken UTF-16 unit, shown as U+FFFD (请以证件为准 too)."""
        return "\ufffd" in self.name + self.address + self.english_name

    def __repr__(self) -> str:
        valid_to = LONG_TERM if self.valid_to is None else self.valid_to.isoformat()
        return (
            f"IdCardRecord(card_type={self.card_type.name}, name=***, id_number=***, "
            f"address=***, birth_date=***, english_name=***, pass_number=***, "
            f"valid_from={self.valid_from.isoformat()}, valid_to={valid_to}, "
            f"photo_wlt=<{len(self.photo_wlt)} bytes>)"
        )
