"""A fresh Debian 12 root to install the package into: debootstrapped once and kept as a
tarball under var/cache/packaging/, unpacked anew for every run, with /proc, /sys and /dev
mounted so apt, the maintainer scripts, systemd-analyze and udevadm work inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]
CACHE = CHECKOUT / "var" / "cache" / "packaging"
WORK = CHECKOUT / "var" / "build" / "packaging"
SUITE = "bookworm"
MIRROR = "http://deb.debian.org/debian"


@contextmanager
def step(name: str) -> Iterator[None]:
    """Prints how long a step took: the figures docs/technicians.md quotes."""
    started = time.monotonic()
    yield
    print(f"\n[time] {name}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)


def run(argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A command that must succeed; its output is shown when it does not."""
    result = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(argv)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result


class DebianRoot:
    """A Debian root directory and the commands run inside it (chroot)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._mounts: list[Path] = []

    def __truediv__(self, inside: str) -> Path:
        return self.path / inside.lstrip("/")

    def mount(self) -> None:
        for source, target, kind in (("proc", "proc", "proc"), ("sysfs", "sys", "sysfs")):
            run(["mount", "-t", kind, source, str(self.path / target)])
            self._mounts.append(self.path / target)
        run(["mount", "--bind", "/dev", str(self.path / "dev")])
        self._mounts.append(self.path / "dev")

    def unmount(self) -> None:
        for target in reversed(self._mounts):
            subprocess.run(["umount", "--lazy", str(target)], check=False)
        self._mounts.clear()

    def run(
        self, *argv: str, user: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """A command inside the root (as `user` if given) that must succeed."""
        return run(self._argv(argv, user, env))

    def try_run(
        self, *argv: str, user: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """A command inside the root whose exit status the caller judges."""
        return subprocess.run(
            self._argv(argv, user, env), capture_output=True, text=True, check=False
        )

    def stat(self, path: str) -> tuple[str, str, str]:
        """(owner, group, octal mode) of a path inside the root, by the root's own names."""
        owner, group, mode = self.run("stat", "-c", "%U %G %a", path).stdout.split()
        return owner, group, mode

    def _argv(
        self, argv: tuple[str, ...], user: str | None, env: dict[str, str] | None
    ) -> list[str]:
        chroot = ["chroot"]
        if user is not None:
            chroot.append(f"--userspec={user}:{user}")
        variables = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", **(env or {})}
        assignments = [f"{key}={value}" for key, value in variables.items()]
        return [*chroot, str(self.path), "env", "-i", *assignments, *argv]


def base_tarball(arch: str) -> Path:
    """The minimal Debian 12 root, debootstrapped on the first run only."""
    tarball = CACHE / f"{SUITE}-{arch}-minbase.tar"
    if tarball.exists():
        return tarball
    CACHE.mkdir(parents=True, exist_ok=True)
    staging = WORK / "debootstrap"
    shutil.rmtree(staging, ignore_errors=True)
    with step("debootstrap of a minimal Debian 12 root (first run only)"):
        run(["debootstrap", "--variant=minbase", f"--arch={arch}", SUITE, str(staging), MIRROR])
    partial = tarball.with_suffix(".tar.partial")
    run(["tar", "-C", str(staging), "-cf", str(partial), "."])
    partial.rename(tarball)
    shutil.rmtree(staging)
    return tarball


def fresh_root(arch: str) -> DebianRoot:
    """The cached base root unpacked anew, able to resolve names and fetch from the mirror, with
    apt's downloads kept in the cache so reruns fetch nothing."""
    tarball = base_tarball(arch)
    path = WORK / "root"
    _unmount_leftovers(path)
    if path.exists():
        # --one-file-system: never into a mount (the host's /dev) left by a killed run.
        run(["rm", "-rf", "--one-file-system", str(path)])
    path.mkdir(parents=True)
    with step("unpacking the cached Debian 12 root"):
        run(["tar", "-C", str(path), "-xf", str(tarball)])
    shutil.copy("/etc/resolv.conf", path / "etc" / "resolv.conf")
    # No service is started inside a chroot, whatever a maintainer script asks.
    policy = path / "usr" / "sbin" / "policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    archives = CACHE / f"apt-archives-{arch}"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    apt_conf = path / "etc" / "apt" / "apt.conf.d" / "90-test-cache"
    apt_conf.write_text(
        'Dir::Cache::Archives "/var/cache/kiosk-test-archives/";\n'
        'Binary::apt::APT::Keep-Downloaded-Packages "true";\n'
    )
    inside = path / "var" / "cache" / "kiosk-test-archives"
    inside.mkdir(parents=True)
    root = DebianRoot(path)
    root.mount()
    run(["mount", "--bind", str(archives), str(inside)])
    root._mounts.append(inside)
    return root


def _unmount_leftovers(path: Path) -> None:
    """Mounts a run that was killed left under the root, deepest first."""
    mounted = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]
    for target in sorted((m for m in mounted if m.startswith(f"{path}/")), reverse=True):
        subprocess.run(["umount", "--lazy", target], check=False)
