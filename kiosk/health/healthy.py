"""What "healthy" means for this kiosk, decided in one place.

A kiosk is healthy when the touchscreen has painted its first screen (the app's READY=1 to
systemd, ui/watchdog.py, so kiosk.service is "active") and every critical check of the doctor
passes: the configuration, the database at the schema this software expects, the disk and
the catalog. Devices and the network are not critical: the kiosk serves without them (a
printer out of paper is a job for hall staff, a platform that does not answer is what the
local queue is for), so they must never roll back a software update. The update's commit
(kiosk/update/commit.py) asks this question; so may anything else that needs a yes or no.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# The doctor's checks (kiosk doctor) that decide; `kiosk.cli.doctor_cmd.critical_checks`
# runs exactly these.
CRITICAL_CHECKS: tuple[str, ...] = ("config", "database", "disk", "catalog")


class NamedCheck(Protocol):
    """One check's result as the doctor reports it."""

    @property
    def name(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def detail(self) -> str: ...


@dataclass(frozen=True)
class Health:
    """The answer, with every reason it is not healthy (empty when it is)."""

    problems: tuple[str, ...]

    @property
    def healthy(self) -> bool:
        return not self.problems


def judge(first_screen_painted: bool, checks: Iterable[NamedCheck]) -> Health:
    """Healthy or not: the screen is up and each critical check ran and passed."""
    problems: list[str] = []
    if not first_screen_painted:
        problems.append("the touchscreen never reported its first screen painted (READY=1)")
    seen = {check.name: check for check in checks if check.name in CRITICAL_CHECKS}
    for name in CRITICAL_CHECKS:
        check = seen.get(name)
        if check is None:
            problems.append(f"{name}: not checked")
        elif not check.ok:
            problems.append(f"{name}: {check.detail}")
    return Health(tuple(problems))
