"""Validates a form's answers against a matter's declared fields.

Returns every problem at once, each naming its field, so the resident (or the caller of
`kiosk submit`) can fix them in one go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.catalog.models import FieldSpec, FieldType, Matter
from kiosk.forms.id_number import id_number_problem, normalise
from kiosk.forms.names import name_problem

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_YES = ("是", "yes", "true")
_NO = ("否", "no", "false")


@dataclass(frozen=True)
class FieldError:
    field_id: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}（{self.field_id}）：{self.message}"


@dataclass(frozen=True)
class FormResult:
    values: dict[str, str]
    errors: tuple[FieldError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_form(matter: Matter, answers: Mapping[str, object], today: date) -> FormResult:
    """Check every declared field; answers for unknown fields are errors too."""
    values: dict[str, str] = {}
    errors: list[FieldError] = []
    for spec in matter.fields:
        raw = answers.get(spec.id)
        text = "" if raw is None else str(raw)
        if not text.strip():
            if spec.required:
                errors.append(FieldError(spec.id, spec.label, "必填，请填写"))
            continue
        value, problem = _check(spec, text, today)
        if problem:
            errors.append(FieldError(spec.id, spec.label, problem))
        else:
            values[spec.id] = value
    known = {spec.id for spec in matter.fields}
    errors.extend(
        FieldError(key, key, "本事项没有这一项，请删除") for key in answers if key not in known
    )
    return FormResult(values, tuple(errors))


def _check(spec: FieldSpec, text: str, today: date) -> tuple[str, str | None]:
    if len(text) > spec.max_length:
        return text, f"不能超过{spec.max_length}个字"
    match spec.type:
        case FieldType.PERSON_NAME:
            return text, name_problem(text)
        case FieldType.ID_NUMBER:
            number = normalise(text)
            return number, id_number_problem(number, today)
        case FieldType.MOBILE:
            digits = text.strip().replace(" ", "")
            return digits, None if _MOBILE.match(digits) else "应为11位手机号码，以1开头"
        case FieldType.DATE:
            return _check_date(text.strip())
        case FieldType.CHOICE:
            hint = "请从这些选项中选择：" + "、".join(spec.options)
            return text, None if text in spec.options else hint
        case FieldType.YES_NO:
            lowered = text.strip().lower()
            if lowered in _YES:
                return "是", None
            if lowered in _NO:
                return "否", None
            return text, "请选择“是”或“否”"
        case FieldType.ADDRESS:
            stripped = text.strip()
            return stripped, None if len(stripped) >= 5 else "地址太短，请写到街道和门牌号"
        case FieldType.TEXT:
            return text.strip(), None


def _check_date(text: str) -> tuple[str, str | None]:
    try:
        return date.fromisoformat(text).isoformat(), None
    except ValueError:
        return text, "日期格式应为 年-月-日，例如 2024-03-01"
