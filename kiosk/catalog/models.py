"""Typed models of the catalog: matters (事项) with their guide (办事指南), form and materials,
and bundles (一事联办) of matters applied for with one form (一表申请).

One declaration drives the guide screen, the one-time notice, the form, validation, the
receipt and (later) the platform's checks.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Model):
    """Text in Simplified Chinese with an English rendering; a bare string is Chinese only."""

    zh: str
    en: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: Any) -> Any:
        return {"zh": value} if isinstance(value, str) else value

    def text(self, locale: str = "zh_CN") -> str:
        return self.en if locale.startswith("en") and self.en else self.zh

    def __str__(self) -> str:
        return self.zh


class CaseType(StrEnum):
    """即办件 are decided on the spot; 承诺件 within a promised number of working days."""

    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class Handling(StrEnum):
    """How the matter is handled (办理方式)."""

    NO_VISIT = "零上门"
    ON_THE_SPOT = "即办"
    WINDOW_THEN_POST = "窗口受理快递送达"
    ONLINE_PRECHECK = "网上预审"
    VISIT_BY_APPOINTMENT = "预约上门"


class DeliveryMethod(StrEnum):
    """How the result reaches the applicant (结果送达)."""

    PICK_UP = "自取"
    POST = "邮寄"


class FieldType(StrEnum):
    TEXT = "text"
    PERSON_NAME = "person_name"
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    NUMBER = "number"
    ADDRESS = "address"
    YES_NO = "yes_no"
    SIGNATURE = "signature"


class Prefill(StrEnum):
    """Facts read from the identity document that can fill a field."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"


class Option(_Model):
    """A choice: the stored value (Chinese) and how it is shown in English."""

    value: str
    en: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: Any) -> Any:
        return {"value": value} if isinstance(value, str) else value

    def label(self, locale: str = "zh_CN") -> str:
        return self.en if locale.startswith("en") and self.en else self.value


class Condition(_Model):
    """Show a field only when another field's answer is one of the given values."""

    field: str
    equals: tuple[str, ...]

    @model_validator(mode="before")
    @classmethod
    def _single_value(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("equals"), str):
            return {**value, "equals": (value["equals"],)}
        return value


_FIELD_ID = r"^[a-z][a-z0-9_]*$"


class FieldSpec(_Model):
    """One question of a form."""

    id: Annotated[str, Field(pattern=_FIELD_ID)]
    label: Localized
    type: FieldType
    required: bool = True
    prefill: Prefill | None = None
    hint: Localized | None = None
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    max_length: Annotated[int, Field(gt=0, le=2000)] = 100
    # number fields
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str = ""
    # date fields: which side of today the date must lie on
    dates: Literal["any", "past", "future"] = "any"
    # id_number fields: the choice field holding 男/女 that must agree with the number
    sex_field: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FieldSpec:
        choice = self.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
        if choice and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if not choice and self.options:
            raise ValueError("only choice fields have options")
        if self.type is not FieldType.NUMBER and (
            self.minimum is not None or self.maximum is not None or self.integer or self.unit
        ):
            raise ValueError("minimum, maximum, integer and unit belong to number fields")
        if self.type is FieldType.NUMBER and (self.minimum is None or self.maximum is None):
            raise ValueError("a number field needs both minimum and maximum")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum is greater than maximum")
        if self.sex_field is not None and self.type is not FieldType.ID_NUMBER:
            raise ValueError("sex_field belongs to id_number fields")
        if self.dates != "any" and self.type is not FieldType.DATE:
            raise ValueError("dates belongs to date fields")
        values = [o.value for o in self.options]
        if len(values) != len(set(values)):
            raise ValueError("option values must be unique")
        return self


class Material(_Model):
    """A document the applicant provides (申报材料), and the ways it may be satisfied."""

    id: Annotated[str, Field(pattern=_FIELD_ID)]
    name: Localized
    form: Literal["原件", "复印件", "原件及复印件", "电子材料"] = "原件"
    count: Annotated[int, Field(ge=1, le=20)] = 1
    required: bool = True
    note: str = ""
    # 电子证照: the licence the platform fetches itself, so the resident submits nothing (免提交).
    e_licence: str | None = None
    # 告知承诺: the commitment the resident signs instead of providing this proof.
    commitment: str | None = None
    # 容缺受理: the number of working days within which it may be supplied later.
    deferrable_days: Annotated[int, Field(ge=1, le=60)] | None = None

    @model_validator(mode="after")
    def _one_way_or_another(self) -> Material:
        if self.e_licence and (self.commitment or self.deferrable_days):
            raise ValueError("a material fetched as an e-licence needs no commitment or deferral")
        if self.commitment is not None and len(self.commitment) < 20:
            raise ValueError("the commitment text must state what is promised (20+ characters)")
        return self


class TimeLimit(_Model):
    """Legal and promised time limits (法定/承诺时限) in working days; 0 means on the spot."""

    legal_days: Annotated[int, Field(ge=0, le=365)]
    promised_days: Annotated[int, Field(ge=0, le=365)]

    @model_validator(mode="after")
    def _promise_within_law(self) -> TimeLimit:
        if self.promised_days > self.legal_days:
            raise ValueError("the promised time limit cannot exceed the legal one")
        return self


class Eligibility(_Model):
    """Declared conditions checked against the identity document before the form."""

    min_age: Annotated[int, Field(ge=0, le=150)] | None = None
    max_age: Annotated[int, Field(ge=0, le=150)] | None = None
    sexes: tuple[Literal["男", "女"], ...] = ()

    @model_validator(mode="after")
    def _sensible(self) -> Eligibility:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("min_age is greater than max_age")
        return self


class Applicant(_Model):
    """Which fields name the applicant (shown masked on receipts and kept for reprints)."""

    name_field: str
    id_field: str


class Matter(_Model):
    """A simple matter (事项) with its service guide and the form it asks."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{6,64}$")]
    name: Localized
    short_description: str
    department: str
    department_kind: Literal[
        "公安", "人社", "医保", "民政", "住建", "公积金", "卫健", "市场监管", "税务", "残联", "教育"
    ]
    item_type: Literal["行政许可", "行政给付", "行政确认", "行政裁决", "公共服务", "其他行政权力"]
    life_events: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = Field(min_length=1)
    conditions: tuple[str, ...] = Field(min_length=1)
    materials: tuple[Material, ...]
    procedure: tuple[str, ...] = Field(min_length=1)
    time_limit: TimeLimit
    case_type: CaseType
    fee: str
    handling: tuple[Handling, ...] = Field(min_length=1)
    delivery: tuple[DeliveryMethod, ...] = ()
    where: str
    hours: str
    phone: str
    eligibility: Eligibility = Eligibility()
    applicant: Applicant
    fields: tuple[FieldSpec, ...] = Field(min_length=1)
    next_steps: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> Matter:
        ids = [spec.id for spec in self.fields]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"field ids appear more than once: {', '.join(duplicates)}")
        by_id = {spec.id: spec for spec in self.fields}
        for key in (self.applicant.name_field, self.applicant.id_field):
            if key not in by_id:
                raise ValueError(f"applicant field {key!r} is not one of the form's fields")
        if by_id[self.applicant.id_field].type is not FieldType.ID_NUMBER:
            raise ValueError("the applicant's id field must be an id_number field")
        for spec in self.fields:
            _check_references(spec, by_id)
        material_ids = [m.id for m in self.materials]
        if len(material_ids) != len(set(material_ids)):
            raise ValueError("material ids must be unique within a matter")
        if (self.case_type is CaseType.IMMEDIATE) != (self.time_limit.promised_days == 0):
            raise ValueError("即办件 have a promised time limit of 0 days, 承诺件 more than 0")
        return self

    def field(self, field_id: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.id == field_id)

    def material(self, material_id: str) -> Material | None:
        return next((m for m in self.materials if m.id == material_id), None)


def _check_references(spec: FieldSpec, by_id: dict[str, FieldSpec]) -> None:
    if spec.show_if is not None:
        target = by_id.get(spec.show_if.field)
        if target is None:
            raise ValueError(f"{spec.id}.show_if names unknown field {spec.show_if.field!r}")
        if target.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            allowed = {o.value for o in target.options}
        elif target.type is FieldType.YES_NO:
            allowed = {"是", "否"}
        else:
            raise ValueError(f"{spec.id}.show_if must name a choice or yes/no field")
        unknown = set(spec.show_if.equals) - allowed
        if unknown:
            raise ValueError(f"{spec.id}.show_if uses values not offered: {sorted(unknown)}")
    if spec.sex_field is not None:
        target = by_id.get(spec.sex_field)
        if target is None or {o.value for o in target.options} != {"男", "女"}:
            raise ValueError(f"{spec.id}.sex_field must name a choice field offering 男 and 女")


class Bundle(_Model):
    """A bundle of matters (一事联办) applied for with one form (一表申请)."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{6,64}$")]
    name: Localized
    short_description: str
    life_events: tuple[str, ...] = ()
    members: tuple[str, ...] = Field(min_length=2)


class Catalog(_Model):
    """A versioned set of matters and bundles published together."""

    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-]{1,32}$")]
    region: str
    illustrative: bool = False
    matters: tuple[Matter, ...]
    bundles: tuple[Bundle, ...] = ()

    def matter(self, code: str) -> Matter | None:
        return next((m for m in self.matters if m.code == code), None)

    def bundle(self, code: str) -> Bundle | None:
        return next((b for b in self.bundles if b.code == code), None)
