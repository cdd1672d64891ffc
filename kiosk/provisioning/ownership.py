"""Who owns what provisioning writes, so that only the kiosk's services can read their
secrets: as root, settings and CA files are kiosk:kiosk 0640 in 0750 folders (the services read
them, and the console's settings page and `kiosk config set`, which run as kiosk, rewrite the
settings; no other account reads them) and keys are kiosk's own, 0600 in a 0700 folder. Run
as another user (tests, a trial), files stay that user's, with the same modes."""

from __future__ import annotations

import grp
import os
import pwd
from dataclasses import dataclass
from pathlib import Path

from kiosk.provisioning.paths import SERVICE_USER

CONFIG_MODE = 0o640
CONFIG_DIR_MODE = 0o750
SECRET_MODE = 0o600
SECRET_DIR_MODE = 0o700


class NoServiceAccount(Exception):
    """Run as root on a machine without the kiosk user: nothing would be readable by it."""


@dataclass(frozen=True)
class Ownership:
    """Owners to give files; None where the current user keeps them (not run as root)."""

    config: tuple[int, int] | None  # the service user and its group
    secret: tuple[int, int] | None  # the service user and its group

    def give(self, path: Path, owner: tuple[int, int] | None, mode: int) -> None:
        if owner is not None:
            os.chown(path, *owner)
        os.chmod(path, mode)


def current_ownership() -> Ownership:
    """Root hands files to the `kiosk` account; anyone else keeps them."""
    if os.geteuid() != 0:
        return Ownership(None, None)
    try:
        user = pwd.getpwnam(SERVICE_USER)
        group = grp.getgrnam(SERVICE_USER).gr_gid
    except KeyError:
        raise NoServiceAccount(
            f"there is no {SERVICE_USER!r} user or group on this machine: install the kiosk "
            "package first (it creates them), then provision"
        ) from None
    return Ownership((user.pw_uid, group), (user.pw_uid, user.pw_gid))
