"""Validates answers against declared fields: one engine for the UI, `kiosk submit` and the
platform.

Every problem is returned at once, each naming its field, so a resident (or a script) can fix
them in one go. Fields hidden by `show_if` are neither required nor kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.catalog.models import FieldSpec, FieldType, Localized, Option
from kiosk.forms.id_number import id_number_problem, normalise, sex_of
from kiosk.forms.names import name_problem
from kiosk.forms.signature import signature_problem
from kiosk.i18n import DEFAULT_LOCALE, Message, msg

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_YES = ("是", "yes", "true", True)
_NO = ("否", "no", "false", False)
MIN_ADDRESS_LENGTH = 5
# What a yes/no field stores (it also accepts yes/no and true/false, and JSON booleans).
YES_NO = (Option(value="是", en="Yes"), Option(value="否", en="No"))


@dataclass(frozen=True)
class FieldError:
    field_id: str
    label: Localized
    message: Message

    def describe(self, locale: str = DEFAULT_LOCALE) -> str:
        label = self.label.text(locale)
        if locale.startswith("en"):
            return f"{label} ({self.field_id}): {self.message.render(locale)}"
        return f"{label}（{self.field_id}）：{self.message.render(locale)}"

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class FormResult:
    values: dict[str, Any]
    errors: tuple[FieldError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def is_shown(spec: FieldSpec, answers: Mapping[str, Any]) -> bool:
    """Whether the field is asked, given the answers so far."""
    if spec.show_if is None:
        return True
    answer = answers.get(spec.show_if.field)
    chosen = answer if isinstance(answer, list) else [_yes_no_text(answer)]
    return any(value in spec.show_if.equals for value in chosen)


def validate_fields(
    fields: Sequence[FieldSpec], answers: Mapping[str, Any], today: date
) -> FormResult:
    """Check every shown field; answers for fields not declared at all are errors too."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for spec in fields:
        if not is_shown(spec, values):
            continue
        raw = answers.get(spec.id)
        if _is_blank(raw):
            if spec.required:
                errors.append(FieldError(spec.id, spec.label, _required(spec)))
            continue
        value, problem = check_value(spec, raw, today)
        if problem is not None:
            errors.append(FieldError(spec.id, spec.label, problem))
        else:
            values[spec.id] = value
    errors += _cross_field_problems(fields, values)
    known = {spec.id for spec in fields}
    errors += [
        FieldError(
            key,
            Localized(zh=key, en=key),
            msg("本事项没有这一项，请删除", "This form has no such field; remove it"),
        )
        for key in answers
        if key not in known
    ]
    return FormResult(values, tuple(errors))


def check_value(spec: FieldSpec, raw: Any, today: date) -> tuple[Any, Message | None]:
    """One answer in canonical form, or the reason it is wrong."""
    if spec.type is FieldType.SIGNATURE:
        return signature_problem(raw)
    if spec.type is FieldType.MULTI_CHOICE:
        return _check_multi_choice(spec, raw)
    if spec.type is FieldType.NUMBER:
        return _check_number(spec, raw)
    if spec.type is FieldType.YES_NO:
        return _check_yes_no(raw)
    if not isinstance(raw, str):
        return raw, msg("应填写文字", "Must be text")
    if len(raw) > spec.max_length:
        return raw, msg(
            "不能超过{n}个字", "Cannot be longer than {n} characters", n=spec.max_length
        )
    return _check_text(spec, raw, today)


def _check_text(spec: FieldSpec, text: str, today: date) -> tuple[Any, Message | None]:
    match spec.type:
        case FieldType.PERSON_NAME:
            return text, name_problem(text)
        case FieldType.ID_NUMBER:
            number = normalise(text)
            return number, id_number_problem(number, today)
        case FieldType.MOBILE:
            digits = text.strip().replace(" ", "").replace("-", "")
            ok = MOBILE.match(digits)
            return digits, None if ok else msg(
                "应为11位手机号码，以1开头", "Must be an 11-digit mobile number starting with 1"
            )
        case FieldType.DATE:
            return _check_date(spec, text.strip(), today)
        case FieldType.CHOICE:
            if text in {o.value for o in spec.options}:
                return text, None
            return text, _not_an_option(spec)
        case FieldType.ADDRESS:
            stripped = text.strip()
            if len(stripped) >= MIN_ADDRESS_LENGTH:
                return stripped, None
            return stripped, msg(
                "地址太短，请写到街道和门牌号", "Too short: give the street and house number"
            )
        case _:
            return text.strip(), None


def _check_date(spec: FieldSpec, text: str, today: date) -> tuple[Any, Message | None]:
    if len(text) == 8 and text.isdigit():  # typed on the keypad: 20240301
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text, msg(
            "日期格式应为 年-月-日，例如 2024-03-01", "Use the form year-month-day, e.g. 2024-03-01"
        )
    if spec.dates == "past" and day > today:
        return text, msg("不能晚于今天", "Cannot be later than today")
    if spec.dates == "future" and day < today:
        return text, msg("不能早于今天", "Cannot be earlier than today")
    return day.isoformat(), None


def _check_multi_choice(spec: FieldSpec, raw: Any) -> tuple[Any, Message | None]:
    chosen = raw if isinstance(raw, list) else None
    allowed = [o.value for o in spec.options]
    if chosen is None or not all(isinstance(c, str) and c in allowed for c in chosen):
        return raw, _not_an_option(spec)
    if len(set(chosen)) != len(chosen):
        return raw, msg("同一选项只能选一次", "Each option can be chosen once")
    return [value for value in allowed if value in chosen], None  # declared order


def _check_number(spec: FieldSpec, raw: Any) -> tuple[Any, Message | None]:
    try:
        number = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        return raw, msg("应填写数字", "Must be a number")
    if isinstance(raw, bool) or not math.isfinite(number):
        return raw, msg("应填写数字", "Must be a number")
    if spec.integer and not number.is_integer():
        return raw, msg("应填写整数", "Must be a whole number")
    low, high = spec.minimum, spec.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        return raw, msg(
            "应在{low}到{high}{unit}之间",
            "Must be between {low} and {high} {unit}",
            low=_plain_number(low),
            high=_plain_number(high),
            unit=spec.unit,
        )
    return (int(number) if spec.integer else number), None


def _check_yes_no(raw: Any) -> tuple[Any, Message | None]:
    text = _yes_no_text(raw)
    if text in {option.value for option in YES_NO}:
        return text, None
    return raw, msg("请选择“是”或“否”", "Choose yes or no")


def _yes_no_text(raw: Any) -> Any:
    lowered = raw.strip().lower() if isinstance(raw, str) else raw
    if lowered in _YES:
        return "是"
    if lowered in _NO:
        return "否"
    return raw


def _cross_field_problems(
    fields: Sequence[FieldSpec], values: Mapping[str, Any]
) -> list[FieldError]:
    problems = []
    for spec in fields:
        number, sex = values.get(spec.id), values.get(spec.sex_field or "")
        if spec.sex_field and number and sex and sex_of(number) != sex:
            problems.append(
                FieldError(
                    spec.id,
                    spec.label,
                    msg(
                        "号码显示性别为{sex}，与所选性别不一致，请核对",
                        "The number belongs to a {sex_en} person, unlike the sex chosen",
                        sex=sex_of(number),
                        sex_en="male" if sex_of(number) == "男" else "female",
                    ),
                )
            )
    return problems


def _required(spec: FieldSpec) -> Message:
    if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE, FieldType.YES_NO):
        return msg("必选，请选择", "Required: please choose")
    if spec.type is FieldType.SIGNATURE:
        return msg("请签名", "Please sign")
    return msg("必填，请填写", "Required: please fill it in")


def _not_an_option(spec: FieldSpec) -> Message:
    return msg(
        "请从这些选项中选择：{options_zh}",
        "Choose from: {options_en}",
        options_zh="、".join(o.value for o in spec.options),
        options_en=", ".join(o.label("en_US") for o in spec.options),
    )


def _plain_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else str(value)


def _is_blank(raw: Any) -> bool:
    return (
        raw is None
        or (isinstance(raw, str | list | dict) and not raw)
        or (isinstance(raw, str) and not raw.strip())
    )
