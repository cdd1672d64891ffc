"""What a `kiosk doctor` check is: a named OK or FAIL with what to do about it, and the guard
that turns a probe's exception into such a line. Shared by the doctor's modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def guarded(name: str, probe: Callable[[], Check]) -> Check:
    try:
        return probe()
    except Exception as exc:  # a doctor reports every failure as a line, never a traceback
        return Check(name, False, f"{type(exc).__name__}: {exc}")
