"""The shipped demo catalog: complete, coherent, and every offering can be applied for."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.catalog import load_catalog
from kiosk.catalog.models import FieldType
from kiosk.catalog.offerings import Offering, all_offerings
from kiosk.forms import Application
from kiosk.notices import guide_sections, one_time_notice
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.submissions.service import FixedCatalog, KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import FIXED_NOW
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.samples import sample_application_json
from tests.helpers.sealed import TEST_SEALER

CATALOG = load_catalog()
REQUIRED_BUNDLES = {"新生儿出生一件事", "居民身故一件事", "申领失业保险金一件事"}


def test_the_demo_catalog_is_marked_illustrative_and_large_enough() -> None:
    assert CATALOG.illustrative
    assert len(CATALOG.matters) >= 15
    assert len({m.department_kind for m in CATALOG.matters}) >= 6
    assert {b.name.zh for b in CATALOG.bundles} >= REQUIRED_BUNDLES
    names = {m.name.zh for m in CATALOG.matters}
    assert {"老年人优待证申领", "申请公租房"} <= names


def test_the_catalog_uses_every_field_type_and_material_provision() -> None:
    used = {spec.type for m in CATALOG.matters for spec in m.fields}
    assert used == set(FieldType)
    materials = [x for m in CATALOG.matters for x in m.materials]
    assert any(x.e_licence for x in materials)
    assert any(x.commitment for x in materials)
    assert any(x.deferrable_days for x in materials)


def test_every_label_and_material_has_an_english_rendering() -> None:
    for matter in CATALOG.matters:
        assert matter.name.en, matter.code
        assert all(spec.label.en for spec in matter.fields), matter.code
        assert all(material.name.en for material in matter.materials), matter.code


@pytest.mark.parametrize("offering", all_offerings(CATALOG), ids=lambda o: o.name.zh)
def test_every_offering_accepts_a_valid_application(offering: Offering, tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kiosk.db")
    upgrade_to_head(engine)
    identity = KioskIdentity("DEMO01", "大厅", "12345", ZoneInfo("Asia/Shanghai"), "{case_number}")
    store = SubmissionStore(engine, "DEMO01", TEST_SEALER, clock=lambda: FIXED_NOW)
    printer = RecordingPrinter()
    service = SubmissionService(
        FixedCatalog(CATALOG), store, printer, identity, clock=lambda: FIXED_NOW
    )
    data = sample_application_json(offering, service.today())
    accepted = service.submit(offering.code, Application.from_json(data))
    assert len(accepted.cases) == len(offering.members)
    assert accepted.receipt.printed
    engine.dispose()


@pytest.mark.parametrize("offering", all_offerings(CATALOG), ids=lambda o: o.name.zh)
def test_every_guide_and_notice_is_complete(offering: Offering) -> None:
    sections = {s.heading: s.lines for s in guide_sections(offering)}
    for heading in ("办理部门", "申请条件", "所需材料", "办理时限", "收费标准", "设立依据"):
        assert sections[heading], heading
    notice = one_time_notice(offering, "12345", FIXED_NOW)
    materials = {s.heading: s.lines for s in notice.sections}["需要准备的材料"]
    assert len(materials) == len(offering.materials)
