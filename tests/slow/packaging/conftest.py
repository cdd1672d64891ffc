"""The package built once and installed once into a fresh Debian 12 root for all the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.slow.packaging.debian_root import CHECKOUT, DebianRoot, fresh_root, run, step


@pytest.fixture(scope="session")
def arch() -> str:
    return run(["dpkg", "--print-architecture"]).stdout.strip()


@pytest.fixture(scope="session")
def deb(arch: str) -> Path:
    """dist/kiosk_<version>_<arch>.deb, built by scripts/build-deb."""
    with step("scripts/build-deb"):
        run([str(CHECKOUT / "scripts" / "build-deb")], cwd=CHECKOUT)
    (package,) = (CHECKOUT / "dist").glob(f"kiosk_*_{arch}.deb")
    return package


@pytest.fixture(scope="session")
def installed(deb: Path, arch: str) -> Iterator[DebianRoot]:
    """A fresh Debian 12 root with the package installed by apt, its Depends resolved."""
    root = fresh_root(arch)
    try:
        (root / "tmp" / deb.name).write_bytes(deb.read_bytes())
        with step("apt-get install of the package and its dependencies"):
            root.run("apt-get", "update", "-qq")
            root.run(
                "env",
                "DEBIAN_FRONTEND=noninteractive",
                "apt-get",
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                f"/tmp/{deb.name}",
            )
        yield root
    finally:
        root.unmount()
