"""An application (申请): the answers, how each material is provided, the commitment
signature and the delivery of the result; and the one check every channel runs on it.

Material provision:
- e_licence (免提交): fetched by the platform from the electronic licence, nothing to bring;
- commitment (告知承诺): the resident signs the matter's commitment text instead of the proof;
- deferred (容缺受理): supplied within the declared number of working days;
- bring: provided at the window (the default);
- none: an optional material the resident does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from kiosk.catalog.models import DeliveryMethod, Localized, Material, Matter
from kiosk.catalog.offerings import Offering
from kiosk.forms.eligibility import ineligibility_reason
from kiosk.forms.id_number import birth_date_of, sex_of
from kiosk.forms.signature import Signature, signature_problem
from kiosk.forms.validation import MIN_ADDRESS_LENGTH, FieldError, validate_fields
from kiosk.i18n import msg
from kiosk.working_days import add_working_days

SIGNATURE_LABEL = Localized(zh="承诺签名", en="Commitment signature")
DELIVERY_LABEL = Localized(zh="结果领取方式", en="How to receive the result")
ADDRESS_LABEL = Localized(zh="邮寄地址", en="Postal address")
# A case's "identity" when the ID number was typed with staff's help instead of read from
# the card (the reader was out of order); a card read leaves the key out. Not personal data.
TYPED_WITH_STAFF = {"source": "typed", "staff_assisted": True}


class MaterialChoice(StrEnum):
    E_LICENCE = "e_licence"
    COMMITMENT = "commitment"
    DEFERRED = "deferred"
    BRING = "bring"
    NONE = "none"


def allowed_choices(material: Material) -> tuple[MaterialChoice, ...]:
    if material.e_licence:
        return (MaterialChoice.E_LICENCE,)
    choices = [MaterialChoice.BRING]
    if material.commitment:
        choices.append(MaterialChoice.COMMITMENT)
    if material.deferrable_days:
        choices.append(MaterialChoice.DEFERRED)
    if not material.required:
        choices.append(MaterialChoice.NONE)
    return tuple(choices)


@dataclass(frozen=True)
class Application:
    answers: Mapping[str, Any]
    materials: Mapping[str, str] = field(default_factory=dict)
    signature: Any = None
    delivery: Mapping[str, Any] | None = None
    # The ID number was typed with staff beside the resident (no card could be read), not
    # read from the card: the case says so, for whoever checks it.
    identity_typed: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Application:
        """`{"answers": {...}, "materials": {...}, "signature": ..., "delivery": {...}}`, or
        for a simple matter just the answers object itself."""
        if "answers" not in data:
            return cls(answers=data)
        extra = set(data) - {"answers", "materials", "signature", "delivery"}
        if extra:
            raise ValueError(f"unknown sections: {', '.join(sorted(extra))}")
        materials = data.get("materials") or {}
        return cls._checked(data["answers"], materials, data.get("signature"), data.get("delivery"))

    @classmethod
    def from_payload(cls, payload: Any) -> Application:
        """The application a case's payload (CheckedApplication.payload_for) holds, to be
        checked again where it arrives; ValueError when the payload has another shape."""
        if not isinstance(payload, Mapping):
            raise ValueError("a case payload must be a JSON object")
        materials = payload.get("materials", {})
        if not isinstance(materials, Mapping):
            raise ValueError("answers and materials must be JSON objects")
        choices: dict[str, str] = {}
        for material_id, decision in materials.items():
            if not isinstance(decision, Mapping) or not isinstance(decision.get("choice"), str):
                raise ValueError(f'material {material_id} must be {{"choice": "..."}}')
            choices[str(material_id)] = decision["choice"]
        signature, delivery = payload.get("signature"), payload.get("delivery")
        application = cls._checked(payload.get("answers"), choices, signature, delivery)
        typed = payload.get("identity") == TYPED_WITH_STAFF
        return replace(application, identity_typed=True) if typed else application

    @classmethod
    def _checked(cls, answers: Any, materials: Any, signature: Any, delivery: Any) -> Application:
        """The sections' shapes checked (their content is check_application's business)."""
        if not isinstance(answers, dict) or not isinstance(materials, dict):
            raise ValueError("answers and materials must be JSON objects")
        if delivery is not None and not isinstance(delivery, dict):
            raise ValueError("delivery must be a JSON object")
        return cls(answers, materials, signature, delivery)


@dataclass(frozen=True)
class MaterialDecision:
    choice: MaterialChoice
    deadline: date | None = None  # for deferred materials

    def as_json(self) -> dict[str, str]:
        shown = {"choice": self.choice.value}
        return shown | ({"deadline": self.deadline.isoformat()} if self.deadline else {})


@dataclass(frozen=True)
class Delivery:
    method: DeliveryMethod
    address: str | None = None

    def as_json(self) -> dict[str, str]:
        return {"method": self.method.value} | ({"address": self.address} if self.address else {})


@dataclass(frozen=True)
class CheckedApplication:
    values: dict[str, Any]
    materials: dict[str, MaterialDecision]
    signature: Signature | None
    delivery: Delivery | None
    errors: tuple[FieldError, ...]
    identity_typed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def payload_for(self, matter: Matter) -> dict[str, Any]:
        """What one member matter's case stores: its own answers, materials and so on."""
        materials = {m.id: self.materials[m.id] for m in matter.materials if m.id in self.materials}
        signed = any(d.choice is MaterialChoice.COMMITMENT for d in materials.values())
        payload: dict[str, Any] = {
            "answers": {s.id: self.values[s.id] for s in matter.fields if s.id in self.values},
            "materials": {key: decision.as_json() for key, decision in materials.items()},
        }
        if signed and self.signature is not None:
            payload["signature"] = self.signature
        if matter.delivery and self.delivery is not None:
            payload["delivery"] = self.delivery.as_json()
        if self.identity_typed:
            payload["identity"] = TYPED_WITH_STAFF
        return payload


def check_application(
    offering: Offering, application: Application, today: date
) -> CheckedApplication:
    form = validate_fields(offering.fields, application.answers, today)
    errors = list(form.errors)
    errors += _eligibility_problems(offering, form.values, today)
    materials, material_errors = _decide_materials(offering, application.materials, today)
    errors += material_errors
    signature = None
    if any(d.choice is MaterialChoice.COMMITMENT for d in materials.values()):
        signature, problem = signature_problem(application.signature)
        if problem is not None:
            errors.append(FieldError("signature", SIGNATURE_LABEL, problem))
    delivery, delivery_errors = _decide_delivery(offering, application.delivery)
    errors += delivery_errors
    return CheckedApplication(
        form.values, materials, signature, delivery, tuple(errors), application.identity_typed
    )


def _eligibility_problems(
    offering: Offering, values: Mapping[str, Any], today: date
) -> list[FieldError]:
    problems = []
    for matter in offering.members:
        number = values.get(matter.applicant.id_field)
        if number is None:
            continue
        reason = ineligibility_reason(matter, birth_date_of(number), sex_of(number), today)
        if reason is not None:
            label = matter.field(matter.applicant.id_field).label
            problems.append(FieldError(matter.applicant.id_field, label, reason))
    return problems


def _decide_materials(
    offering: Offering, chosen: Mapping[str, str], today: date
) -> tuple[dict[str, MaterialDecision], list[FieldError]]:
    decisions: dict[str, MaterialDecision] = {}
    errors: list[FieldError] = []
    by_id = {m.id: m for m in offering.materials}
    for key in chosen:
        if key not in by_id:
            errors.append(
                FieldError(
                    f"materials.{key}",
                    Localized(zh=key, en=key),
                    msg("本事项没有这项材料", "This matter asks for no such material"),
                )
            )
    for material in offering.materials:
        allowed = allowed_choices(material)
        requested = chosen.get(material.id, allowed[0].value)
        if requested not in {choice.value for choice in allowed}:
            errors.append(
                FieldError(
                    f"materials.{material.id}",
                    material.name,
                    msg(
                        "这项材料只能：{choices_zh}",
                        "This material can only be: {choices_en}",
                        choices_zh="、".join(_CHOICE_NAMES[c][0] for c in allowed),
                        choices_en=", ".join(_CHOICE_NAMES[c][1] for c in allowed),
                    ),
                )
            )
            continue
        choice = MaterialChoice(requested)
        deadline = (
            add_working_days(today, material.deferrable_days or 0)
            if choice is MaterialChoice.DEFERRED
            else None
        )
        decisions[material.id] = MaterialDecision(choice, deadline)
    return decisions, errors


_CHOICE_NAMES = {
    MaterialChoice.E_LICENCE: ("电子证照免提交", "taken from the e-licence"),
    MaterialChoice.COMMITMENT: ("告知承诺", "replaced by a signed commitment"),
    MaterialChoice.DEFERRED: ("容缺后补", "supplied later"),
    MaterialChoice.BRING: ("现场提交", "brought to the window"),
    MaterialChoice.NONE: ("不提供", "not provided"),
}


def _decide_delivery(
    offering: Offering, requested: Mapping[str, Any] | None
) -> tuple[Delivery | None, list[FieldError]]:
    options = offering.delivery
    if not options:
        return None, []
    requested = requested or {}
    method_text = requested.get("method", options[0].value if len(options) == 1 else None)
    if method_text not in {o.value for o in options}:
        choices = "、".join(o.value for o in options)
        problem = msg("请选择：{choices}", "Choose one of: {choices}", choices=choices)
        return None, [FieldError("delivery.method", DELIVERY_LABEL, problem)]
    method = DeliveryMethod(method_text)
    if method is not DeliveryMethod.POST:
        return Delivery(method), []
    address = str(requested.get("address") or "").strip()
    if len(address) < MIN_ADDRESS_LENGTH:
        problem = msg(
            "邮寄需要完整地址，请写到街道和门牌号",
            "Posting needs a full address with street and house number",
        )
        return None, [FieldError("delivery.address", ADDRESS_LABEL, problem)]
    return Delivery(method, address), []
