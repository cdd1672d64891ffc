"""Checks a matter's declared eligibility against facts from the identity document."""

from __future__ import annotations

from datetime import date

from kiosk.catalog.models import Matter
from kiosk.i18n import Message, msg


def age_on(birth_date: date, today: date) -> int:
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def ineligibility_reason(matter: Matter, birth_date: date, sex: str, today: date) -> Message | None:
    """Why this person cannot apply, in plain words; None when they can."""
    rules = matter.eligibility
    age = age_on(birth_date, today)
    if rules.min_age is not None and age < rules.min_age:
        return msg(
            "“{matter}”需年满{limit}周岁，您现在{age}周岁，暂不能申请",
            "{matter_en} requires an age of at least {limit}; you are {age}",
            matter=matter.name.zh,
            matter_en=matter.name.text("en_US"),
            limit=rules.min_age,
            age=age,
        )
    if rules.max_age is not None and age > rules.max_age:
        return msg(
            "“{matter}”限{limit}周岁及以下申请，您现在{age}周岁",
            "{matter_en} is for people aged {limit} or under; you are {age}",
            matter=matter.name.zh,
            matter_en=matter.name.text("en_US"),
            limit=rules.max_age,
            age=age,
        )
    if rules.sexes and sex not in rules.sexes:
        return msg(
            "“{matter}”仅限{sexes}性申请",
            "{matter_en} is only for applicants of another sex",
            matter=matter.name.zh,
            matter_en=matter.name.text("en_US"),
            sexes="、".join(rules.sexes),
        )
    return None
