"""Catalog updates from the platform: installed only when the platform signed exactly those
files with the key this kiosk trusts; otherwise refused, and the catalog in force stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import default_catalog_dir
from sync.platform.catalogs import publish_catalog
from sync.platform.keys import PlatformKeys
from sync.platform.tables import CatalogRow
from tests.helpers.platform.agent_kiosk import AgentKiosk, now
from tests.helpers.platform.reference import RunningPlatform

NEW_VERSION = "2026.12.1"


@pytest.fixture
def new_catalog(tmp_path: Path) -> Path:
    directory = tmp_path / "catalog-new"
    shutil.copytree(default_catalog_dir(), directory)
    manifest = directory / "catalog.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('version: "2026.11.1"', f'version: "{NEW_VERSION}"'), encoding="utf-8"
    )
    return directory


def publish(platform: RunningPlatform, directory: Path, keys: PlatformKeys | None = None) -> None:
    with platform.session() as session, session.begin():
        publish_catalog(session, keys or platform.keys, directory, now())


def test_the_catalog_in_force_is_left_alone(kiosk: AgentKiosk) -> None:
    assert kiosk.agent.run_once().catalog == "unchanged"


def test_a_catalog_published_on_the_platform_is_installed_and_seen_by_the_kiosk(
    platform: RunningPlatform, kiosk: AgentKiosk, new_catalog: Path
) -> None:
    publish(platform, new_catalog)
    summary = kiosk.agent.run_once()
    assert summary.catalog == f"installed {NEW_VERSION}"
    assert kiosk.services.catalogs.refresh().version == NEW_VERSION  # the touchscreen's holder
    assert CatalogHolder(kiosk.settings.data_dir).current().version == NEW_VERSION
    assert kiosk.agent.run_once().catalog == "unchanged"


def test_a_catalog_changed_after_signing_is_refused_and_the_old_one_stays(
    platform: RunningPlatform, kiosk: AgentKiosk, new_catalog: Path
) -> None:
    publish(platform, new_catalog)
    with platform.session() as session, session.begin():
        row = session.get(CatalogRow, NEW_VERSION)
        assert row is not None
        files = dict(row.files)
        files["catalog.yaml"] = files["catalog.yaml"].replace("示例市", "别的市")
        session.execute(
            update(CatalogRow).where(CatalogRow.version == NEW_VERSION).values(files=files)
        )
    summary = kiosk.agent.run_once()
    assert summary.catalog is not None
    assert summary.catalog.startswith("refused: ")
    assert "signature does not match" in summary.catalog
    assert summary.ok  # a refused catalog is not a delivery problem
    assert kiosk.services.catalogs.refresh().version == "2026.11.1"
    assert not (kiosk.settings.data_dir / "catalogs" / NEW_VERSION).exists()


def test_a_catalog_signed_with_another_key_is_refused(
    platform: RunningPlatform, kiosk: AgentKiosk, new_catalog: Path
) -> None:
    publish(platform, new_catalog, PlatformKeys.generate())
    summary = kiosk.agent.run_once()
    assert summary.catalog is not None
    assert summary.catalog.startswith("refused: ")
    assert kiosk.services.catalogs.refresh().version == "2026.11.1"
