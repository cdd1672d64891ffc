"""The province's side: its provisioning key pair, and a signed bundle for one terminal."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.crypto import DEFAULT_SUITE, KeyPair, suite_named
from kiosk.crypto.keyfiles import read_key_pair, write_key_pair
from kiosk.provisioning.bundle import QR_CAPACITY_BYTES, Bundle, Signature, SignedBundle
from kiosk.provisioning.trust import public_key_line

PRIVATE_KEY_FILE = "provisioning.key"
PUBLIC_KEY_FILE = "provisioning.pub"
SUITE_FILE = "suite"
# Long enough to ship a kiosk to its hall and set it up there.
DEFAULT_VALIDITY = timedelta(days=30)


class KeyExists(Exception):
    """A provisioning key is there already; it is never replaced (kiosks trust it)."""


def create_provisioning_key(directory: Path, suite_name: str = DEFAULT_SUITE) -> Path:
    """A new key pair in `directory` (the private key 0600); the public key file returned is
    what kiosks install as provisioning.pub."""
    private = directory / PRIVATE_KEY_FILE
    if private.exists():
        raise KeyExists(f"{private} exists: a provisioning key is never replaced by this command")
    suite = suite_named(suite_name)
    pair = suite.new_signing_key()
    write_key_pair(private, pair)
    (directory / SUITE_FILE).write_text(suite.name + "\n", encoding="ascii")
    public = directory / PUBLIC_KEY_FILE
    public.write_text(
        f"# provisioning key {suite.key_id(pair.public)}\n"
        + public_key_line(suite.name, pair.public),
        encoding="ascii",
    )
    return public


def load_provisioning_key(private_file: Path) -> tuple[str, KeyPair]:
    """The suite and key pair; ValueError naming the file when it is not one."""
    pair = read_key_pair(private_file)
    suite_file = private_file.parent / SUITE_FILE
    suite = suite_file.read_text("ascii").strip() if suite_file.exists() else DEFAULT_SUITE
    return suite, pair


def sign_bundle(bundle: Bundle, suite_name: str, pair: KeyPair) -> SignedBundle:
    suite = suite_named(suite_name)
    signature = suite.sign(pair.private, bundle.canonical())
    return SignedBundle(
        bundle,
        Signature(suite.name, suite.key_id(pair.public), base64.b64encode(signature).decode()),
    )


def validity(now: datetime, valid_for: timedelta = DEFAULT_VALIDITY) -> tuple[str, str]:
    """issued_at and expires_at for a bundle issued `now`."""
    return now.isoformat(timespec="seconds"), (now + valid_for).isoformat(timespec="seconds")


def fits_one_qr_code(signed: SignedBundle) -> bool:
    return len(signed.to_qr_text().encode("ascii")) <= QR_CAPACITY_BYTES
