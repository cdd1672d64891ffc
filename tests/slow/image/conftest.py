"""The images the boot tests start: built once a session with throwaway province keys.

Images and keys live under var/cache/image/test/, so `KIOSK_TEST_IMAGE_REUSE=1
scripts/test-image` boots the images of the previous run instead of building them again (a
change to the package or the recipe needs a fresh build: leave the switch off).
The kiosk package is $KIOSK_TEST_DEB, else the newest dist/*.deb, else what scripts/build-deb
builds.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.platform.keys import PlatformKeys

ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / "var" / "cache" / "image" / "test"
TERMINAL_ID = "QEMU0001"


@dataclass(frozen=True)
class ProvinceKeys:
    """What a province hands the image build (public halves) and keeps (private halves)."""

    provisioning_key: Path
    provisioning_public: Path
    update_keyring: Path
    platform_keys: Path
    extranet_ca: Path


def _kiosk(*args: str) -> None:
    subprocess.run(["uv", "run", "--frozen", "kiosk", *args], cwd=ROOT, check=True)


def _self_signed(key: Path, cert: Path, name: str) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
         "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="session")
def province_keys() -> ProvinceKeys:
    """Throwaway keys, created once and kept with the cached images they were built into."""
    keys = CACHE / "keys"
    provisioning = keys / "provisioning"
    probe = ["uv", "run", "--frozen", "kiosk", "platform", "provisioning-key", "--help"]
    if subprocess.run(probe, cwd=ROOT, capture_output=True, check=False).returncode != 0:
        pytest.skip("this checkout has no `kiosk platform provisioning-key` (provisioning)")
    if not (provisioning / "provisioning.pub").exists():
        keys.mkdir(parents=True, exist_ok=True)
        _kiosk("platform", "provisioning-key", "--out", str(provisioning))
        _self_signed(keys / "update.key", keys / "keyring.pem", "test kiosk updates")
        _self_signed(keys / "extranet-ca.key", keys / "extranet-ca.pem", "test extranet CA")
        PlatformKeys.generate().save(keys / "platform")
    return ProvinceKeys(
        provisioning_key=provisioning / "provisioning.key",
        provisioning_public=provisioning / "provisioning.pub",
        update_keyring=keys / "keyring.pem",
        platform_keys=keys / "platform",
        extranet_ca=keys / "extranet-ca.pem",
    )


def _kiosk_deb() -> Path:
    if os.environ.get("KIOSK_TEST_DEB"):
        return Path(os.environ["KIOSK_TEST_DEB"]).resolve()
    debs = sorted((ROOT / "dist").glob("*.deb"), key=lambda path: path.stat().st_mtime)
    if debs:
        return debs[-1]
    if not (ROOT / "scripts" / "build-deb").exists():
        pytest.skip("no kiosk package: set KIOSK_TEST_DEB or build one into dist/")
    subprocess.run([str(ROOT / "scripts" / "build-deb")], cwd=ROOT, check=True)
    return sorted((ROOT / "dist").glob("*.deb"), key=lambda path: path.stat().st_mtime)[-1]


def _build(output: Path, keys: ProvinceKeys, *extra: str) -> Path:
    if os.environ.get("KIOSK_TEST_IMAGE_REUSE") == "1" and output.exists():
        return output
    subprocess.run(
        [str(ROOT / "scripts" / "build-image"), "--deb", str(_kiosk_deb()),
         "--provisioning-key", str(keys.provisioning_public),
         "--keyring", str(keys.update_keyring), "--output", str(output), *extra],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return output


@pytest.fixture(scope="session")
def unprovisioned_image(province_keys: ProvinceKeys) -> Path:
    """The image as shipped: no settings, so the kiosk shows the provisioning screen."""
    return _build(CACHE / "unprovisioned.img", province_keys)


@pytest.fixture(scope="session")
def provisioning_bundle(province_keys: ProvinceKeys) -> Path:
    """A bundle for the test terminal, signed with the throwaway provisioning key."""
    bundle = CACHE / f"{TERMINAL_ID}.kiosk-provision"
    _kiosk(
        "platform", "provisioning-bundle", "--key", str(province_keys.provisioning_key),
        "--terminal", TERMINAL_ID, "--hall", "QEMU 测试大厅", "--region", "440100",
        "--url", "https://platform.example.gov.cn/kiosk-api",
        "--ca", str(province_keys.extranet_ca),
        "--platform-keys", str(province_keys.platform_keys), "--out", str(bundle),
    )  # fmt: skip
    return bundle


@pytest.fixture(scope="session")
def provisioned_image(province_keys: ProvinceKeys, provisioning_bundle: Path) -> Path:
    """The same image with the bundle applied at build time, as a technician would on site."""
    return _build(CACHE / "provisioned.img", province_keys, "--provision", str(provisioning_bundle))
