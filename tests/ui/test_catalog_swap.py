"""A catalog installed while a resident is mid-visit changes nothing for them; the next
resident sees the new version."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import default_catalog_dir
from kiosk.config import KioskSettings
from kiosk.storage.tables import SubmissionRow
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials, submit_from_confirm


def publish_without_the_elderly_matter(tmp_path: Path, settings: KioskSettings) -> None:
    catalog = Path(shutil.copytree(default_catalog_dir(), tmp_path / "next"))
    (catalog / "matters" / "minzheng-elderly-preferential-card.yaml").unlink()
    header = catalog / "catalog.yaml"
    header.write_text(
        header.read_text(encoding="utf-8").replace("2026.11.1", "2026.12.1"), encoding="utf-8"
    )
    CatalogHolder(settings.data_dir).install(catalog)  # as the sync agent would, elsewhere


def test_a_new_catalog_waits_for_the_resident_in_front_of_the_kiosk(
    kiosk: RunningKiosk, settings: KioskSettings, tmp_path: Path
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    publish_without_the_elderly_matter(tmp_path, settings)
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    submit_from_confirm(kiosk)
    with Session(kiosk.services.engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
    assert row.catalog_version == "2026.11.1"

    drive.tap("thanks_done")
    drive.tap("start_button")
    offered = {o.code for o in screens.matters.offered}
    assert ELDERLY_MATTER not in offered
    assert len(offered) == 22
