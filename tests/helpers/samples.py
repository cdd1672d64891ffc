"""Builds a valid application for any offering from its declaration alone.

Used to prove that every matter and bundle of a catalog can actually be applied for: an
eligible applicant, consistent ID numbers and sexes, every material taking its special
provision (commitment, deferral) where the catalog offers one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from kiosk.catalog.models import DeliveryMethod, FieldSpec, FieldType
from kiosk.catalog.offerings import Offering
from kiosk.forms.application import MaterialChoice, allowed_choices
from kiosk.forms.id_number import check_character
from tests.helpers.data import SIGNATURE


def id_number_for(born: date, female: bool) -> str:
    first17 = f"110105{born:%Y%m%d}{2 if female else 1:03d}"
    return first17 + check_character(first17)


def applicant_birth_date(offering: Offering, today: date) -> date:
    """Old enough and young enough for every member (45 unless a rule says otherwise)."""
    lows = [m.eligibility.min_age for m in offering.members if m.eligibility.min_age]
    highs = [m.eligibility.max_age for m in offering.members if m.eligibility.max_age]
    age = max([45, *lows]) if not highs else min(max([45, *lows]), *highs)
    return date(today.year - age - 1, today.month, 1)


def sample_value(spec: FieldSpec, offering: Offering, today: date) -> Any:
    female = all("女" in m.eligibility.sexes or not m.eligibility.sexes for m in offering.members)
    match spec.type:
        case FieldType.PERSON_NAME:
            return "王秀英"
        case FieldType.ID_NUMBER:
            applicant = any(m.applicant.id_field == spec.id for m in offering.members)
            born = applicant_birth_date(offering, today) if applicant else date(1950, 3, 1)
            return id_number_for(born, female)
        case FieldType.MOBILE:
            return "13800138000"
        case FieldType.DATE:
            if spec.dates == "future":
                return (today + timedelta(days=30)).isoformat()
            return (today - timedelta(days=20)).isoformat()
        case FieldType.CHOICE:
            values = [o.value for o in spec.options]
            return ("女" if female else "男") if {"男", "女"} <= set(values) else values[0]
        case FieldType.MULTI_CHOICE:
            return [spec.options[0].value]
        case FieldType.NUMBER:
            return spec.minimum if not spec.integer else int(spec.minimum or 0)
        case FieldType.ADDRESS:
            return "示例市人民路1号2单元301室"
        case FieldType.YES_NO:
            return "是"
        case FieldType.SIGNATURE:
            return SIGNATURE
        case FieldType.TEXT:
            return "6222020200112233"


def sample_application_json(offering: Offering, today: date) -> dict[str, Any]:
    answers = {spec.id: sample_value(spec, offering, today) for spec in offering.fields}
    materials = {}
    for material in offering.materials:
        allowed = allowed_choices(material)
        for preferred in (MaterialChoice.COMMITMENT, MaterialChoice.DEFERRED):
            if preferred in allowed:
                materials[material.id] = preferred.value
                break
    data: dict[str, Any] = {"answers": answers, "materials": materials}
    if MaterialChoice.COMMITMENT.value in materials.values():
        data["signature"] = SIGNATURE
    if DeliveryMethod.POST in offering.delivery:
        data["delivery"] = {"method": "邮寄", "address": "示例市人民路1号2单元301室"}
    elif offering.delivery:
        data["delivery"] = {"method": offering.delivery[0].value}
    return data
