"""Signed catalogs: a kiosk accepts exactly the files the platform signed, and writes them
only inside the catalog's own directory."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.catalog.signed import (
    CatalogSignatureError,
    PublishedCatalog,
    catalog_files,
    sign_catalog,
    verify_catalog,
    write_catalog,
)
from tests.helpers.data import every_field_matter_data
from tests.helpers.data import write_catalog as write_catalog_directory
from tests.helpers.platform_keys import TEST_PLATFORM, PlatformKeys

SUITE = TEST_PLATFORM.suite


@pytest.fixture
def published(tmp_path: Path, platform_keys: PlatformKeys) -> PublishedCatalog:
    directory = write_catalog_directory(tmp_path / "v1", "v1", [every_field_matter_data()])
    return sign_catalog(
        SUITE, platform_keys.catalog_signing.private, "v1", catalog_files(directory)
    )


def test_a_catalog_signed_by_the_platform_verifies_and_is_written_whole(
    published: PublishedCatalog, platform_keys: PlatformKeys, tmp_path: Path
) -> None:
    verify_catalog(SUITE, platform_keys.catalog_signing.public, published)
    write_catalog(published, tmp_path / "installed")
    assert catalog_files(tmp_path / "installed") == published.files
    assert "matters/TEST-EVERY-0001.yaml" in published.files


def test_a_changed_file_text_is_refused(
    published: PublishedCatalog, platform_keys: PlatformKeys
) -> None:
    name = "matters/TEST-EVERY-0001.yaml"
    files = {**published.files, name: published.files[name].replace("测试局", "假冒局")}
    with pytest.raises(CatalogSignatureError, match="does not match"):
        verify_catalog(
            SUITE, platform_keys.catalog_signing.public, dataclasses.replace(published, files=files)
        )


def test_an_added_file_is_refused(published: PublishedCatalog, platform_keys: PlatformKeys) -> None:
    files = {**published.files, "matters/EXTRA.yaml": "code: EXTRA\n"}
    with pytest.raises(CatalogSignatureError):
        verify_catalog(
            SUITE, platform_keys.catalog_signing.public, dataclasses.replace(published, files=files)
        )


def test_a_relabelled_version_is_refused(
    published: PublishedCatalog, platform_keys: PlatformKeys
) -> None:
    with pytest.raises(CatalogSignatureError):
        verify_catalog(
            SUITE,
            platform_keys.catalog_signing.public,
            dataclasses.replace(published, version="v2"),
        )


def test_a_catalog_signed_with_another_key_is_refused(published: PublishedCatalog) -> None:
    stranger = SUITE.new_signing_key()
    with pytest.raises(CatalogSignatureError):
        verify_catalog(SUITE, stranger.public, published)


def test_a_signature_that_is_not_base64_is_refused(
    published: PublishedCatalog, platform_keys: PlatformKeys
) -> None:
    broken = dataclasses.replace(published, signature="%%%")
    with pytest.raises(CatalogSignatureError, match="base64"):
        verify_catalog(SUITE, platform_keys.catalog_signing.public, broken)


@pytest.mark.parametrize("unsafe", ["../x", "/etc/x", "matters/../../x", "a\\b"])
def test_a_signed_path_outside_the_catalog_is_refused_on_verify_and_write(
    platform_keys: PlatformKeys, tmp_path: Path, unsafe: str
) -> None:
    signed = sign_catalog(
        SUITE, platform_keys.catalog_signing.private, "v1", {"catalog.yaml": "x", unsafe: "x"}
    )
    with pytest.raises(CatalogSignatureError, match="unsafe path"):
        verify_catalog(SUITE, platform_keys.catalog_signing.public, signed)
    with pytest.raises(CatalogSignatureError, match="unsafe path"):
        write_catalog(signed, tmp_path / "installed" / "v1")
    assert not (tmp_path / "installed" / "x").exists()
    assert not (tmp_path / "x").exists()
