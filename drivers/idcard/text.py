"""The 256-byte text block of an ID card: parse it into a record, and build one back.

Each card type's layout is declared once below and drives both directions. Text is
UTF-16LE padded with spaces. A character beyond the BMP travels as a surrogate pair and is
decoded to one code point; a broken (lone) surrogate becomes U+FFFD rather than a string
that would crash the log, the database or the UI. Names are never normalised.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from drivers.idcard.nations import nation_code, nation_name
from drivers.idcard.record import LONG_TERM, CardType, IdCardRecord

TEXT_SIZE = 256
_FLAG_OFFSET = 248
_PADDING = " \x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"\d{8}", re.ASCII)

_SEX_BY_CODE = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
_SEX_CODE = {label: code for code, label in _SEX_BY_CODE.items()}


class CardDataError(ValueError):
    """The text block is not a well-formed card text block."""


class _Slot(NamedTuple):
    offset: int
    size: int


# Record field → the slots that carry it (the 2023 foreign card splits the English name).
_Layout = dict[str, tuple[_Slot, ...]]

_RESIDENT: _Layout = {
    "name": (_Slot(0, 30),),
    "sex": (_Slot(30, 2),),
    "nation": (_Slot(32, 4),),
    "birth_date": (_Slot(36, 16),),
    "address": (_Slot(52, 70),),
    "id_number": (_Slot(122, 36),),
    "issuer": (_Slot(158, 30),),
    "valid_from": (_Slot(188, 16),),
    "valid_to": (_Slot(204, 16),),
}

_LAYOUTS: dict[CardType, _Layout] = {
    CardType.RESIDENT: _RESIDENT,
    CardType.HMT_RESIDENCE_PERMIT: {
        **{field: slots for field, slots in _RESIDENT.items() if field != "nation"},
        "pass_number": (_Slot(220, 18),),
        "issue_count": (_Slot(238, 4),),
    },
    CardType.FOREIGN_PERMANENT_2017: {
        "english_name": (_Slot(0, 120),),
        "sex": (_Slot(120, 2),),
        "id_number": (_Slot(122, 30),),
        "nationality": (_Slot(152, 6),),
        "name": (_Slot(158, 30),),
        "valid_from": (_Slot(188, 16),),
        "valid_to": (_Slot(204, 16),),
        "birth_date": (_Slot(220, 16),),
        "card_version": (_Slot(236, 4),),
        "issuer": (_Slot(240, 8),),  # the issuing authority's code
    },
    CardType.FOREIGN_PERMANENT_2023: {
        "name": (_Slot(0, 30),),
        "sex": (_Slot(30, 2),),
        "issue_count": (_Slot(32, 4),),
        "birth_date": (_Slot(36, 16),),
        # Joined before trimming: assumes part 1 is filled up before part 2 is used.
        "english_name": (_Slot(52, 70), _Slot(220, 22)),
        "id_number": (_Slot(122, 36),),
        "valid_from": (_Slot(188, 16),),
        "valid_to": (_Slot(204, 16),),
        "nationality": (_Slot(242, 6),),
        "old_permit_link": (_Slot(250, 6),),
    },
}

# Text fields a layout may lack; a record must leave them empty for such a card.
_OPTIONAL_FIELDS = (
    "nation",
    "address",
    "issuer",
    "english_name",
    "nationality",
    "pass_number",
    "issue_count",
    "card_version",
    "old_permit_link",
)


def _decode(data: bytes) -> str:
    # surrogatepass keeps a lone surrogate instead of failing the whole card; we then mark
    # it U+FFFD because a str holding one cannot be encoded for logs, storage or Qt.
    text = data.decode("utf-16-le", errors="surrogatepass")
    return _LONE_SURROGATE.sub("\ufffd", text)


def _card_type(block: bytes) -> CardType:
    flag = _decode(block[_FLAG_OFFSET : _FLAG_OFFSET + 2]).strip(_PADDING)
    for card_type in CardType:
        if flag and flag == card_type.value:
            return card_type
    # Resident cards leave the flag empty; an unknown flag is read as a resident card,
    # as public implementations do; the date checks catch a bad guess.
    return CardType.RESIDENT


def _read_fields(block: bytes, layout: _Layout) -> dict[str, str]:
    """Trimmed text of every field in the layout; multi-slot fields are joined first."""
    fields = {}
    for field, slots in layout.items():
        data = b"".join(block[slot.offset : slot.offset + slot.size] for slot in slots)
        fields[field] = _decode(data).strip(_PADDING)
    return fields


def _parse_date(field: str, text: str) -> date:
    # The value is not quoted in the message: it may be a birth date, which is personal.
    if not _DATE.fullmatch(text):
        raise CardDataError(f"{field} is not a YYYYMMDD date")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise CardDataError(f"{field} is not a valid calendar date") from None


def _parse_sex(text: str) -> str:
    try:
        return _SEX_BY_CODE[text]
    except KeyError:
        raise CardDataError("sex code is not one of 0, 1, 2, 9") from None


def _parse_nation(text: str) -> str:
    # An unknown code is kept as read rather than dropped: staff can still see it.
    return (nation_name(text) or text) if text else ""


def parse_text(block: bytes) -> IdCardRecord:
    """Read the 256-byte text block of any supported card into a record.

    ``photo_wlt`` is left empty: the photo travels in its own block, and the caller
    attaches it with ``dataclasses.replace``.
    Raises ``CardDataError`` when the block is malformed.
    """
    if len(block) != TEXT_SIZE:
        raise CardDataError(f"text block is {len(block)} bytes, expected {TEXT_SIZE}")
    card_type = _card_type(block)
    fields = _read_fields(block, _LAYOUTS[card_type])

    def text(field: str) -> str:
        return fields.get(field, "")

    return IdCardRecord(
        card_type=card_type,
        name=text("name"),
        sex=_parse_sex(text("sex")),
        nation=_parse_nation(text("nation")),
        birth_date=_parse_date("birth_date", text("birth_date")),
        address=text("address"),
        id_number=text("id_number"),
        issuer=text("issuer"),
        valid_from=_parse_date("valid_from", text("valid_from")),
        valid_to=(
            None if text("valid_to") == LONG_TERM else _parse_date("valid_to", text("valid_to"))
        ),
        photo_wlt=b"",
        english_name=text("english_name"),
        nationality=text("nationality"),
        pass_number=text("pass_number"),
        issue_count=text("issue_count"),
        card_version=text("card_version"),
        old_permit_link=text("old_permit_link"),
    )


def _field_texts(record: IdCardRecord) -> dict[str, str]:
    try:
        sex = _SEX_CODE[record.sex]
    except KeyError:
        raise ValueError(f"sex must be one of {sorted(_SEX_CODE)}") from None
    return {
        "name": record.name,
        "sex": sex,
        "nation": nation_code(record.nation) or record.nation,
        "birth_date": record.birth_date.strftime("%Y%m%d"),
        "address": record.address,
        "id_number": record.id_number,
        "issuer": record.issuer,
        "valid_from": record.valid_from.strftime("%Y%m%d"),
        "valid_to": LONG_TERM if record.valid_to is None else record.valid_to.strftime("%Y%m%d"),
        "english_name": record.english_name,
        "nationality": record.nationality,
        "pass_number": record.pass_number,
        "issue_count": record.issue_count,
        "card_version": record.card_version,
        "old_permit_link": record.old_permit_link,
    }


def encode_text(record: IdCardRecord) -> bytes:
    """Build the 256-byte text block a card of ``record.card_type`` would carry.

    Raises ``ValueError`` when a value does not fit its field or the card type has no
    field for it, so a simulator never silently serves something other than the record.
    """
    layout = _LAYOUTS[record.card_type]
    texts = _field_texts(record)
    for field in _OPTIONAL_FIELDS:
        if field not in layout and texts[field]:
            raise ValueError(f"a {record.card_type.name} card has no {field} field")
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    for field, slots in layout.items():
        data = texts[field].encode("utf-16-le")
        capacity = sum(slot.size for slot in slots)
        if len(data) > capacity:
            raise ValueError(f"{field} needs {len(data)} bytes, the field holds {capacity}")
        for slot in slots:
            chunk, data = data[: slot.size], data[slot.size :]
            block[slot.offset : slot.offset + len(chunk)] = chunk
    flag = record.card_type.value.encode("utf-16-le")
    block[_FLAG_OFFSET : _FLAG_OFFSET + len(flag)] = flag
    return bytes(block)
