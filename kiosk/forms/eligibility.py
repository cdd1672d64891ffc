"""Checks a matter's declared eligibility against facts from the identity document."""

from __future__ import annotations

from datetime import date

from kiosk.catalog.models import Matter


def age_on(birth_date: date, today: date) -> int:
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def ineligibility_reason(matter: Matter, birth_date: date, today: date) -> str | None:
    """Why this person cannot apply, in plain words; None when they can."""
    rules = matter.eligibility
    age = age_on(birth_date, today)
    if rules.min_age is not None and age < rules.min_age:
        return f"本事项需年满{rules.min_age}周岁，您现在{age}周岁，暂不能申请"
    if rules.max_age is not None and age > rules.max_age:
        return f"本事项限{rules.max_age}周岁以下申请，您现在{age}周岁"
    return None
