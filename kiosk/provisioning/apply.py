"""Putting a checked bundle in place: the platform's CA under /etc/kiosk/tls/, the settings
written into the settings file (atomically, its other lines and comments kept), and the
terminal's signing key created if there is none. Re-provisioning keeps the queue (nothing in
the data directory is touched but the key folder) and the terminal key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.atomic_file import replace_atomically
from kiosk.crypto import suite_named
from kiosk.crypto.keyfiles import load_or_create_signing_key
from kiosk.crypto.suite import encode_key
from kiosk.provisioning.bundle import Bundle
from kiosk.provisioning.enrolment import enrolment_line
from kiosk.provisioning.ownership import (
    CONFIG_DIR_MODE,
    CONFIG_MODE,
    SECRET_DIR_MODE,
    SECRET_MODE,
    Ownership,
)
from kiosk.provisioning.paths import CA_FILE_NAME, tls_dir
from kiosk.provisioning.refusals import Refusal, RefusalCode
from kiosk.provisioning.settings import bundle_settings


class AlreadyProvisioned(Exception):
    """The kiosk has settings already; replacing them needs `force`."""

    def __init__(self, settings_file: Path) -> None:
        self.refusal = Refusal(
            RefusalCode.ALREADY_PROVISIONED,
            f"this kiosk is provisioned already ({settings_file} exists): give --force to "
            "provision it again (the queue and the terminal key are kept)",
            "本机已配置过：如需重新配置，请技术人员使用 kiosk provision --force",
        )
        super().__init__(self.refusal.en)


@dataclass(frozen=True)
class Applied:
    """What provisioning did, for the technician and the audit log."""

    terminal_id: str
    hall_name: str
    suite: str
    public_key: str  # the terminal's signing key, base64
    settings_file: Path
    ca_file: Path
    key_file: Path
    key_created: bool  # False: an existing key was kept
    reprovisioned: bool  # an earlier provisioning was replaced (--force)
    database: Path  # the queue and the audit log, kept as they were

    @property
    def enrolment_line(self) -> str:
        return enrolment_line(self.terminal_id, self.public_key, self.suite)


def apply_bundle(
    bundle: Bundle, settings_file: Path, ownership: Ownership, *, force: bool = False
) -> Applied:
    """Apply `bundle` (checked by kiosk.provisioning.check); AlreadyProvisioned when the
    settings file exists and not `force`; ConfigError when the settings file cannot be
    edited; OSError when a file cannot be written."""
    from kiosk.config import load_settings, settings_from_values
    from kiosk.settings_file import set_keys

    reprovisioned = settings_file.exists()
    if reprovisioned and not force:
        raise AlreadyProvisioned(settings_file)
    _folder(settings_file.parent, ownership.config, CONFIG_DIR_MODE, keep_existing=True)
    tls = tls_dir(settings_file)
    _folder(tls, ownership.config, CONFIG_DIR_MODE)
    ca_file = tls / CA_FILE_NAME
    replace_atomically(ca_file, bundle.ca_bundle, CONFIG_MODE, ownership.config)
    set_keys(
        settings_file,
        bundle_settings(bundle, ca_file),
        lambda values: settings_from_values(values, settings_file),
        mode=CONFIG_MODE,
        owner=ownership.config,
    )
    settings = load_settings(settings_file)
    _folder(settings.data_dir, ownership.secret, CONFIG_DIR_MODE, keep_existing=True)
    key_file = settings.terminal_key_path
    _folder(key_file.parent, ownership.secret, SECRET_DIR_MODE)
    key_created = not key_file.exists()
    pair = load_or_create_signing_key(key_file, suite_named(bundle.suite))
    ownership.give(key_file, ownership.secret, SECRET_MODE)
    return Applied(
        terminal_id=bundle.terminal_id,
        hall_name=bundle.hall_name,
        suite=bundle.suite,
        public_key=encode_key(pair.public),
        settings_file=settings_file,
        ca_file=ca_file,
        key_file=key_file,
        key_created=key_created,
        reprovisioned=reprovisioned,
        database=settings.database_path,
    )


def _folder(
    path: Path, owner: tuple[int, int] | None, mode: int, *, keep_existing: bool = False
) -> None:
    """Create `path` with `owner` and `mode`; an existing folder gets them too unless
    `keep_existing` (a folder others set up, such as /etc/kiosk or the data directory)."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True)
    if existed and keep_existing:
        return
    if owner is not None:
        os.chown(path, *owner)
    path.chmod(mode)
