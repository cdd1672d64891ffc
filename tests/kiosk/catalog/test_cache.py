"""The validated-catalog cache: used on the next start, never stale, never trusted blindly."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.catalog import cache as cache_module
from kiosk.catalog import loader
from kiosk.catalog.cache import CatalogCache, catalog_digest
from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import CatalogError, default_catalog_dir, load_catalog
from kiosk.catalog.models import Catalog

SHIPPED = load_catalog()


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path) -> CatalogCache:
    return CatalogCache(tmp_path / "cache")


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("catalog-*.json"))


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_directory: Path | None = None) -> Catalog:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(cache_module, "load_catalog", fail)


def test_the_second_load_comes_from_the_cache(
    cache: CatalogCache, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache.load(catalog_dir)
    refuse_to_parse(monkeypatch)

    second = cache.load(catalog_dir)

    assert first == second == SHIPPED


def test_a_changed_file_is_read_again(
    cache: CatalogCache, catalog_dir: Path, tmp_path: Path
) -> None:
    cache.load(catalog_dir)
    header = catalog_dir / "catalog.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace("示例市", "另一市"), "utf-8")

    changed = cache.load(catalog_dir)

    assert changed.region == "另一市"
    assert len(entries(tmp_path)) == 1  # the entry of the old files is gone


def test_a_removed_file_is_noticed(cache: CatalogCache, catalog_dir: Path) -> None:
    cache.load(catalog_dir)
    (catalog_dir / "bundles" / "death.yaml").unlink()

    assert len(cache.load(catalog_dir).bundles) == len(SHIPPED.bundles) - 1


def test_a_garbled_entry_is_ignored_and_rebuilt(
    cache: CatalogCache, catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load(catalog_dir)
    (entry,) = entries(tmp_path)
    entry.write_bytes(b"\x00garbage\nnot json")

    assert cache.load(catalog_dir) == SHIPPED
    refuse_to_parse(monkeypatch)
    assert cache.load(catalog_dir) == SHIPPED  # the rebuilt entry serves again


def test_a_tampered_entry_is_not_served(
    cache: CatalogCache, catalog_dir: Path, tmp_path: Path
) -> None:
    cache.load(catalog_dir)
    (entry,) = entries(tmp_path)
    entry.write_bytes(entry.read_bytes().replace(b"2026.11.1", b"2099.1.1"))

    assert cache.load(catalog_dir).version == SHIPPED.version


def test_an_entry_with_a_fitting_checksum_must_still_validate(
    cache: CatalogCache, catalog_dir: Path, tmp_path: Path
) -> None:
    cache.load(catalog_dir)
    (entry,) = entries(tmp_path)
    body = b'{"version": "1"}'
    entry.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)

    assert cache.load(catalog_dir) == SHIPPED


def test_an_invalid_catalog_is_refused_and_never_cached(
    cache: CatalogCache, catalog_dir: Path, tmp_path: Path
) -> None:
    (catalog_dir / "catalog.yaml").write_text("version: [not, a, version]\n", "utf-8")

    with pytest.raises(CatalogError):
        cache.load(catalog_dir)
    assert entries(tmp_path) == []


def test_the_digest_covers_every_catalog_file(catalog_dir: Path) -> None:
    before = catalog_digest(catalog_dir)
    matter = next((catalog_dir / "matters").glob("*.yaml"))
    matter.write_bytes(matter.read_bytes() + b"\n")

    assert catalog_digest(catalog_dir) != before


def test_the_holder_loads_through_the_cache(
    tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    CatalogHolder(data_dir, shipped=catalog_dir)
    refuse_to_parse(monkeypatch)

    assert CatalogHolder(data_dir, shipped=catalog_dir).current() == SHIPPED


def test_the_c_loader_is_used_when_libyaml_is_present() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert loader.safe_loader() is expected


def test_without_libyaml_the_pure_python_loader_reads_the_same_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)

    assert loader.safe_loader() is yaml.SafeLoader
    assert load_catalog() == SHIPPED


def test_an_unwritable_cache_still_serves_the_catalog(tmp_path: Path, catalog_dir: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("", "utf-8")

    assert CatalogCache(blocked / "cache").load(catalog_dir) == SHIPPED
