"""Private keys on disk: created once, readable by the owner only, replaced atomically."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.crypto.suite import CryptoSuite, KeyPair, decode_key, encode_key


def load_or_create_signing_key(path: Path, suite: CryptoSuite) -> KeyPair:
    """The terminal's signing key, generated on first use. The public half is derived by
    signing nothing: the suite's key pair is stored whole (private and public, base64)."""
    if path.exists():
        return read_key_pair(path)
    pair = suite.new_signing_key()
    write_key_pair(path, pair)
    return pair


def write_key_pair(path: Path, pair: KeyPair) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(f"private {encode_key(pair.private)}\npublic {encode_key(pair.public)}\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def read_key_pair(path: Path) -> KeyPair:
    """Raises ValueError naming the file when it is not a key pair written by this module."""
    fields: dict[str, bytes] = {}
    try:
        for line in path.read_text(encoding="ascii").splitlines():
            name, _, value = line.partition(" ")
            fields[name] = decode_key(value)
        return KeyPair(fields["private"], fields["public"])
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{path} is not a key file (expected 'private' and 'public' lines)"
        ) from exc
