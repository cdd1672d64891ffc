"""What the kiosk holds about the resident being served, and nothing longer than the visit."""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.idcard import IdCardRecord
from kiosk.catalog.models import Catalog, Prefill
from kiosk.forms import Application


@dataclass
class ResidentSession:
    # The catalog as it was when the session started: a new version never changes a visit.
    catalog: Catalog | None = None
    code: str | None = None
    # Field id -> value taken from the ID card; the card record itself is not kept.
    prefill: dict[str, str] = field(default_factory=dict)
    application: Application | None = None

    def wipe(self) -> None:
        self.catalog = None
        self.code = None
        self.prefill = {}
        self.application = None


def card_facts(record: IdCardRecord) -> dict[Prefill, str]:
    """The facts of a card that forms may prefill (a foreign holder's name may be English)."""
    return {
        Prefill.NAME: record.display_name,
        Prefill.ID_NUMBER: record.id_number,
        Prefill.SEX: record.sex,
        Prefill.BIRTH_DATE: record.birth_date.isoformat(),
        Prefill.ADDRESS: record.address,
    }
