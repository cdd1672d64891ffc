"""Made-up ID cards of every supported type for demos and tests, with well-formed numbers.

Resident, permit and 2023 foreign numbers pass the GB 11643 check; check characters are
computed, not typed. The photos are placeholder bytes of the right
size: real WLT data needs a vendor decoder anyway, so the UI shows no photo for these.
"""

from __future__ import annotations

from datetime import date

from drivers.idcard.record import CardType, IdCardRecord

PHOTO_SIZE = 1024


def placeholder_photo(seed: str) -> bytes:
    """1024 recognisable filler bytes standing in for a WLT photo."""
    pattern = f"WLT-DEMO:{seed}:".encode()
    return (pattern * (PHOTO_SIZE // len(pattern) + 1))[:PHOTO_SIZE]


ELDERLY_RESIDENT = IdCardRecord(
    card_type=CardType.RESIDENT,
    name="王秀英",
    sex="女",
    nation="汉",
    birth_date=date(1949, 12, 31),
    address="北京市朝阳区建国路88号院3号楼2单元501室",
    id_number="11010519491231002X",
    issuer="北京市公安局朝阳分局",
    valid_from=date(2010, 3, 15),
    valid_to=None,  # 长期: issued after the holder turned 46
    photo_wlt=placeholder_photo("elderly-woman"),
)

YOUNG_MAN = IdCardRecord(
    card_type=CardType.RESIDENT,
    name="李浩然",
    sex="男",
    nation="汉",
    birth_date=date(1998, 6, 18),
    address="广东省深圳市南山区科技园南区高新南七道18号",
    id_number="440305199806180313",
    issuer="深圳市公安局南山分局",
    valid_from=date(2020, 8, 10),
    valid_to=date(2030, 8, 10),
    photo_wlt=placeholder_photo("young-man"),
)

RARE_NAME = IdCardRecord(
    card_type=CardType.RESIDENT,
    name="陈\U00020bb7",  # 𠮷 (U+20BB7) is beyond the BMP: a surrogate pair on the card
    sex="女",
    nation="苗",
    birth_date=date(1986, 2, 9),
    address="贵州省黔东南苗族侗族自治州凯里市营盘东路27号",
    id_number="52260119860209004X",
    issuer="凯里市公安局",
    valid_from=date(2015, 11, 2),
    valid_to=date(2035, 11, 2),
    photo_wlt=placeholder_photo("rare-name"),
)

PRIVATE_USE_NAME = IdCardRecord(
    card_type=CardType.RESIDENT,
    name="赵\ue863明",  # a private-use code point, as cards carry characters UCS-2 lacks
    sex="男",
    nation="壮",
    birth_date=date(1975, 9, 30),
    address="广西壮族自治区南宁市青秀区民族大道100号",
    id_number="450103197509300517",
    issuer="南宁市公安局青秀分局",
    valid_from=date(2016, 5, 20),
    valid_to=date(2036, 5, 20),
    photo_wlt=placeholder_photo("private-use"),
)

HONG_KONG_PERMIT = IdCardRecord(
    card_type=CardType.HMT_RESIDENCE_PERMIT,
    name="陈家明",
    sex="男",
    nation="",
    birth_date=date(1990, 1, 1),
    address="广东省深圳市福田区福华三路168号",
    id_number="810000199001011230",
    issuer="深圳市公安局福田分局",
    valid_from=date(2023, 4, 1),
    valid_to=date(2028, 4, 1),
    photo_wlt=placeholder_photo("hong-kong-permit"),
    pass_number="H12345678",
    issue_count="01",
)

FOREIGN_RESIDENT_2017 = IdCardRecord(
    card_type=CardType.FOREIGN_PERMANENT_2017,
    name="",  # many holders have no Chinese name: the English name is the legal one
    sex="男",
    nation="",
    birth_date=date(1978, 11, 2),
    address="",
    id_number="CAN310078110213",
    issuer="3100",  # the issuing authority's code, not its name
    valid_from=date(2019, 5, 20),
    valid_to=date(2029, 5, 20),
    photo_wlt=placeholder_photo("foreign-2017"),
    english_name="MACDONALD, DAVID JAMES",
    nationality="CAN",
    card_version="01",
)

FOREIGN_RESIDENT_2023 = IdCardRecord(
    card_type=CardType.FOREIGN_PERMANENT_2023,
    name="玛丽亚",
    sex="女",
    nation="",
    birth_date=date(1992, 3, 8),
    address="",
    id_number="911724199203080027",
    issuer="",
    valid_from=date(2024, 1, 10),
    valid_to=date(2034, 1, 10),
    photo_wlt=placeholder_photo("foreign-2023"),
    english_name="GARCIA LOPEZ, MARIA",
    nationality="ESP",
    issue_count="00",
)

DEMO_CARDS: tuple[IdCardRecord, ...] = (
    ELDERLY_RESIDENT,
    YOUNG_MAN,
    RARE_NAME,
    PRIVATE_USE_NAME,
    HONG_KONG_PERMIT,
    FOREIGN_RESIDENT_2017,
    FOREIGN_RESIDENT_2023,
)
