"""scripts/build-update-bundle makes a bundle RAUC itself accepts: signed by a province's
update key under its CA, for this compatible, holding one slot's root filesystem; a bundle
signed under another CA is refused. Keys are a throwaway CA made with openssl."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("rauc", "mksquashfs", "openssl", "mkfs.ext4")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason=f"needs {', '.join(TOOLS)}: scripts/setup installs them",
)


def openssl(*args: str | Path) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)


def make_ca(where: Path, name: str) -> tuple[Path, Path, Path]:
    """A CA and a signing certificate under it: (ca.pem, signer.pem, signer.key)."""
    where.mkdir()
    ca_key, ca, key, request, cert = (
        where / "ca.key", where / "ca.pem", where / "signer.key", where / "signer.csr",
        where / "signer.pem",
    )  # fmt: skip
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            f"/CN={name} update CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-keyout", ca_key, "-out", ca)  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name} update signer",
            "-keyout", key, "-out", request)  # fmt: skip
    openssl("x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
            "-days", "2", "-out", cert)  # fmt: skip
    return ca, cert, key


def info(bundle: Path, keyring: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["rauc", "info", "--output-format=json", f"--keyring={keyring}", str(bundle)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_bundle_round_trips_through_rauc(tmp_path: Path) -> None:
    ca, cert, key = make_ca(tmp_path / "province", "province")
    other_ca, _, _ = make_ca(tmp_path / "stranger", "stranger")
    rootfs = tmp_path / "rootfs"
    (rootfs / "etc").mkdir(parents=True)
    (rootfs / "etc" / "os-release").write_text('PRETTY_NAME="kiosk test slot"\n', "utf-8")
    bundle = tmp_path / "kiosk-1.2.3-amd64.raucb"

    subprocess.run(
        [ROOT / "scripts" / "build-update-bundle", "--cert", cert, "--key", key,
         "--keyring", ca, "--version", "1.2.3", "--arch", "amd64", "--rootfs", rootfs,
         "--output", bundle],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip

    read = info(bundle, ca)
    assert read.returncode == 0, read.stderr
    manifest = json.loads(read.stdout)
    assert manifest["compatible"] == "gov-kiosk-amd64"
    assert manifest["version"] == "1.2.3"
    (image,) = manifest["images"]
    assert image["rootfs"]["filename"] == "rootfs.ext4"

    refused = info(bundle, other_ca)
    assert refused.returncode != 0
    assert "signature" in refused.stderr.lower()


def test_the_script_says_what_is_missing(tmp_path: Path) -> None:
    done = subprocess.run(
        [ROOT / "scripts" / "build-update-bundle", "--version", "1", "--output", "x.raucb"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--cert is required" in done.stderr
