"""Typed models of the catalog: matters (事项) with their guide (办事指南) and form.

The same declaration drives the guide screen, the form, validation and the receipt.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseType(StrEnum):
    """即办件 are decided on the spot; 承诺件 within a promised number of working days."""

    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class FieldType(StrEnum):
    TEXT = "text"
    PERSON_NAME = "person_name"
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    ADDRESS = "address"


class Prefill(StrEnum):
    """Facts read from the identity document that can fill a field."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"


class FieldSpec(_Model):
    """One question of a matter's form."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: str
    type: FieldType
    required: bool = True
    prefill: Prefill | None = None
    options: tuple[str, ...] = ()
    max_length: Annotated[int, Field(gt=0)] = 100
    hint: str = ""

    @model_validator(mode="after")
    def _choices_have_options(self) -> FieldSpec:
        if self.type is FieldType.CHOICE and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.type is not FieldType.CHOICE and self.options:
            raise ValueError("only choice fields have options")
        return self


class Material(_Model):
    """A document the applicant provides (申报材料)."""

    name: str
    form: Literal["原件", "复印件", "原件及复印件", "电子证照"] = "原件"
    count: Annotated[int, Field(ge=1)] = 1
    note: str = ""


class TimeLimit(_Model):
    """Legal and promised time limits (法定/承诺时限) in working days; 0 means on the spot."""

    legal_days: Annotated[int, Field(ge=0)]
    promised_days: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _promise_within_law(self) -> TimeLimit:
        if self.promised_days > self.legal_days:
            raise ValueError("the promised time limit cannot exceed the legal one")
        return self


class Eligibility(_Model):
    """Declared conditions checked against the identity document before the form."""

    min_age: Annotated[int, Field(ge=0, le=150)] | None = None
    max_age: Annotated[int, Field(ge=0, le=150)] | None = None


class Matter(_Model):
    """A simple matter (事项) with its service guide and the form it asks."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{6,64}$")]
    name: str
    short_description: str
    department: str
    legal_basis: tuple[str, ...]
    conditions: tuple[str, ...]
    materials: tuple[Material, ...]
    time_limit: TimeLimit
    case_type: CaseType
    fee: str = "不收费"
    handling: tuple[str, ...]
    delivery: tuple[Literal["自取", "邮寄"], ...]
    where: str
    eligibility: Eligibility = Eligibility()
    applicant_name_field: str
    applicant_id_field: str
    fields: tuple[FieldSpec, ...]
    next_steps: tuple[str, ...]

    @model_validator(mode="after")
    def _applicant_fields_exist(self) -> Matter:
        ids = [spec.id for spec in self.fields]
        if len(ids) != len(set(ids)):
            raise ValueError("field ids must be unique within a matter")
        for key in (self.applicant_name_field, self.applicant_id_field):
            if key not in ids:
                raise ValueError(f"applicant field {key!r} is not one of the form's fields")
        return self

    def field(self, field_id: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.id == field_id)


class Catalog(_Model):
    """A versioned set of matters published together."""

    version: str
    region: str
    illustrative: bool = False
    matters: tuple[Matter, ...]

    def matter(self, code: str) -> Matter | None:
        return next((m for m in self.matters if m.code == code), None)
