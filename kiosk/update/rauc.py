"""The `rauc` command line, spoken with fixed argv lists (never a shell).

The runner is injected, so tests put a fake `rauc` on PATH or record the argv instead. What
goes wrong on the machine (rauc missing, a refused bundle, a slot it cannot mark) is an
`UpdateProblem` whose message says what to do next.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.update.status import RaucStatus, StatusUnreadable, parse_status

RAUC = "rauc"
# Writing a 3 GiB slot from a bundle on a USB stick takes minutes on slow eMMC; half an
# hour is a generous bound for a hang, not an estimate.
INSTALL_TIMEOUT_S = 1800.0
# Status and marking only read or write the small GRUB environment block.
QUERY_TIMEOUT_S = 60.0


class UpdateProblem(Exception):
    """An update step could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str


Runner = Callable[[Sequence[str], float], Completed]


def run_fixed(argv: Sequence[str], timeout: float) -> Completed:
    """Run `argv` without a shell; a missing program is exit 127, a hang exit 124."""
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return Completed(127, "", f"{argv[0]}: not found")
    except subprocess.TimeoutExpired:
        return Completed(124, "", f"{argv[0]}: no answer within {timeout:g} s")
    return Completed(done.returncode, done.stdout, done.stderr.strip())


class Rauc:
    """The four things the kiosk asks of RAUC."""

    def __init__(self, run: Runner = run_fixed) -> None:
        self._run = run

    def status(self) -> RaucStatus:
        out = self._call(("status", "--output-format=json"), QUERY_TIMEOUT_S, "read the slots")
        try:
            return parse_status(out)
        except StatusUnreadable as exc:
            raise UpdateProblem(f"{exc}; is this rauc 1.8 or newer (rauc --version)?") from exc

    def install(self, bundle: Path) -> None:
        self._call(("install", str(bundle)), INSTALL_TIMEOUT_S, f"install {bundle.name}")

    def mark_good(self) -> None:
        self._call(("status", "mark-good", "booted"), QUERY_TIMEOUT_S, "mark the slot good")

    def mark_bad(self) -> None:
        self._call(("status", "mark-bad", "booted"), QUERY_TIMEOUT_S, "mark the slot bad")

    def _call(self, args: tuple[str, ...], timeout: float, doing: str) -> str:
        done = self._run((RAUC, *args), timeout)
        if done.returncode == 127:
            raise UpdateProblem(
                "rauc is not installed: updates run on the kiosk image, which has it "
                "(on another Debian 12 machine: apt-get install rauc)"
            )
        if done.returncode != 0:
            detail = done.stderr or done.stdout.strip() or f"exit {done.returncode}"
            if "D-Bus" in detail:
                # Debian's rauc asks its service for everything but bundle building.
                detail += (
                    "; is the RAUC service running? (systemctl status rauc; package rauc-service)"
                )
            raise UpdateProblem(f"rauc could not {doing}: {detail}")
        return done.stdout
