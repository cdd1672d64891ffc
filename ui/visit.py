"""A visit (一次办理): everything the resident at the kiosk has given so far, and nothing longer.

Screens show it and report what the resident did; the flows record it here with methods named
after those acts. Ending the visit wipes it back to the kiosk's defaults, so the next person
finds nothing of this one. Plain Python: it is tested without a screen.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from drivers.idcard import IdCardRecord
from kiosk.catalog.models import Catalog, Prefill
from kiosk.catalog.offerings import Offering
from kiosk.forms import Application
from kiosk.submissions.service import Accepted


class Step(Enum):
    """Where in a visit the resident is: each step has its screen."""

    MATTERS = "matters"
    GUIDE = "guide"
    IDENTIFY = "identify"
    FORM = "form"
    MATERIALS = "materials"
    DELIVERY = "delivery"
    CONFIRM = "confirm"
    THANKS = "thanks"
    RATING = "rating"
    LOOKUP = "lookup"
    PROBLEM = "problem"


class Visit:
    step: Step | None
    # The catalog as it was when the visit began: a new version never changes a visit.
    catalog: Catalog | None
    code: str | None  # the matter's or the bundle's code
    # The facts of the ID card that forms may prefill; the card record itself is not kept.
    identity: dict[Prefill, str]
    # No card could be read: the resident types the ID number with staff beside them.
    identity_typed: bool
    answers: dict[str, Any]
    materials: dict[str, str]
    signature: dict[str, object] | None
    delivery: dict[str, str]
    accepted: Accepted | None
    elder: bool
    language: str
    voice: bool

    def __init__(self, language: str, voice: bool) -> None:
        """`language` and `voice` are the kiosk's defaults, which every visit starts from."""
        self._default_language, self._default_voice = language, voice
        self.end()

    # -- what the resident does -------------------------------------------------------------

    def begin(self, catalog: Catalog) -> None:
        """Start choosing a matter, under the catalog in force now."""
        self.catalog, self.step = catalog, Step.MATTERS

    def look_up(self) -> None:
        self.step = Step.LOOKUP

    def choose_matter(self, code: str) -> None:
        self.code = code

    def identify_with(self, record: IdCardRecord) -> None:
        self.identity = card_facts(record)

    def identify_by_typing(self) -> None:
        """No card read: the form asks for the name and ID number, and the case says so."""
        self.identity, self.identity_typed = {}, True

    def answer(self, answers: dict[str, Any]) -> None:
        self.answers = dict(answers)

    def choose_materials(
        self, choices: dict[str, str], signature: dict[str, object] | None
    ) -> None:
        """The way each material is provided; a signature when any is a commitment (告知承诺)."""
        self.materials, self.signature = dict(choices), signature

    def choose_delivery(self, delivery: dict[str, str]) -> None:
        self.delivery = dict(delivery)

    def go_to(self, step: Step) -> None:
        self.step = step

    def set_elder(self, elder: bool) -> None:
        self.elder = elder

    def choose_language(self, locale: str) -> None:
        self.language = locale

    def set_voice(self, voice: bool) -> None:
        self.voice = voice

    def set_defaults(self, language: str, voice: bool) -> None:
        """The kiosk's defaults changed: the next visit starts from these."""
        self._default_language, self._default_voice = language, voice

    def submitted(self, accepted: Accepted) -> None:
        """The application was accepted: keep only which cases it made (for the rating)."""
        self.accepted = accepted
        self.identity, self.answers, self.materials = {}, {}, {}
        self.signature, self.delivery, self.identity_typed = None, {}, False

    def end(self) -> None:
        """Forget the resident: every answer and choice, back to the kiosk's defaults."""
        self.step, self.catalog, self.code = None, None, None
        self.identity, self.answers, self.materials = {}, {}, {}
        self.identity_typed = False
        self.signature, self.delivery, self.accepted = None, {}, None
        self.elder = False
        self.language, self.voice = self._default_language, self._default_voice

    # -- what the kiosk reads back ----------------------------------------------------------

    @property
    def identified(self) -> bool:
        return bool(self.identity) or self.identity_typed

    def prefill(self, offering: Offering) -> dict[str, str]:
        """Field id -> value from the card, for the offering's fields that take one."""
        return {
            spec.id: self.identity[spec.prefill]
            for spec in offering.fields
            if spec.prefill is not None and spec.prefill in self.identity
        }

    def application(self) -> Application:
        return Application(
            answers=dict(self.answers),
            materials=dict(self.materials),
            signature=self.signature,
            delivery=dict(self.delivery) or None,
            identity_typed=self.identity_typed,
        )


def card_facts(record: IdCardRecord) -> dict[Prefill, str]:
    """The facts of a card that forms may prefill (a foreign holder's name may be English)."""
    return {
        Prefill.NAME: record.display_name,
        Prefill.ID_NUMBER: record.id_number,
        Prefill.SEX: record.sex,
        Prefill.BIRTH_DATE: record.birth_date.isoformat(),
        Prefill.ADDRESS: record.address,
    }
