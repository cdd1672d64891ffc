"""The visit records what the resident did, and ending it leaves nothing of them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drivers.idcard import demo_cards
from kiosk.catalog import load_catalog
from kiosk.catalog.loader import default_catalog_dir
from kiosk.catalog.models import Prefill
from kiosk.catalog.offerings import find_offering
from kiosk.receipts import ReceiptOutcome
from kiosk.submissions.service import Accepted
from tests.helpers.data import ELDERLY_MATTER, SIGNATURE
from ui.visit import Step, Visit

ADDRESS = "北京市朝阳区建国路88号1单元101室"


@pytest.fixture
def accepted() -> Accepted:
    catalog = load_catalog(default_catalog_dir())
    offering = find_offering(catalog, ELDERLY_MATTER)
    assert offering is not None
    return Accepted(offering, (), None, datetime.now(UTC), ReceiptOutcome(True, None), "")


def a_whole_visit() -> Visit:
    visit = Visit("zh_CN", voice=True)
    visit.begin(load_catalog(default_catalog_dir()))
    visit.set_elder(True)
    visit.choose_language("en_US")
    visit.set_voice(False)
    visit.choose_matter(ELDERLY_MATTER)
    visit.identify_with(demo_cards.ELDERLY_RESIDENT)
    visit.answer({"mobile": "13800138000"})
    visit.choose_materials({"residence_permit": "commitment"}, SIGNATURE)
    visit.choose_delivery({"method": "邮寄", "address": ADDRESS})
    visit.go_to(Step.CONFIRM)
    return visit


def test_the_application_is_what_the_resident_gave() -> None:
    visit = a_whole_visit()

    application = visit.application()

    assert application.answers == {"mobile": "13800138000"}
    assert application.materials == {"residence_permit": "commitment"}
    assert application.signature == SIGNATURE
    assert application.delivery == {"method": "邮寄", "address": ADDRESS}


def test_the_card_leaves_only_the_facts_a_form_prefills() -> None:
    visit = a_whole_visit()
    assert visit.catalog is not None
    offering = find_offering(visit.catalog, ELDERLY_MATTER)
    assert offering is not None

    prefill = visit.prefill(offering)

    assert visit.identity[Prefill.ID_NUMBER] == demo_cards.ELDERLY_RESIDENT.id_number
    assert demo_cards.ELDERLY_RESIDENT.name in prefill.values()
    assert set(prefill) <= {spec.id for spec in offering.fields}


def test_a_submitted_visit_keeps_only_what_the_rating_needs(accepted: Accepted) -> None:
    visit = a_whole_visit()

    visit.submitted(accepted)

    assert visit.accepted is accepted and visit.code == ELDERLY_MATTER
    assert not visit.identified and visit.answers == {} and visit.materials == {}
    assert visit.signature is None and visit.delivery == {}


def test_ending_a_visit_leaves_nothing_of_the_resident(accepted: Accepted) -> None:
    visit = a_whole_visit()
    visit.submitted(accepted)

    visit.end()

    assert vars(visit) == vars(Visit("zh_CN", voice=True))
    assert visit.step is None and visit.catalog is None and visit.accepted is None
    assert (visit.elder, visit.language, visit.voice) == (False, "zh_CN", True)


def test_a_visit_begins_at_the_matter_list_and_a_lookup_at_the_lookup() -> None:
    visit = Visit("zh_CN", voice=False)
    visit.begin(load_catalog(default_catalog_dir()))
    assert visit.step is Step.MATTERS
    visit.end()
    visit.look_up()
    assert visit.step is Step.LOOKUP
