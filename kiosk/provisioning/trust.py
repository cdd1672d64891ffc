"""The province's provisioning public keys this kiosk trusts, read from the files named in
kiosk.provisioning.paths: one key a line, `SUITE BASE64-KEY`, `#` starting a comment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key, encode_key
from kiosk.provisioning.paths import trusted_key_files


@dataclass(frozen=True)
class TrustedKey:
    suite: str
    public: bytes
    source: Path

    @property
    def key_id(self) -> str:
        return suite_named(self.suite).key_id(self.public)


def public_key_line(suite: str, public: bytes) -> str:
    """The line a trusted-keys file holds for one key."""
    return f"{suite} {encode_key(public)}\n"


def trusted_keys(files: tuple[Path, ...] | None = None) -> tuple[list[TrustedKey], list[str]]:
    """The keys in `files` (default: the trusted key files) and one problem per line that is
    not a key, naming the file and line; a file that does not exist is no problem."""
    keys: list[TrustedKey] = []
    problems: list[str] = []
    for path in files if files is not None else trusted_key_files():
        try:
            text = path.read_text(encoding="ascii")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot be read ({exc})")
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            content = line.partition("#")[0].strip()
            if not content:
                continue
            try:
                keys.append(_key(content, path))
            except ValueError as exc:
                problems.append(f"{path} line {number}: {exc}")
    return keys, problems


def _key(content: str, source: Path) -> TrustedKey:
    suite_name, _, encoded = content.partition(" ")
    suite = suite_named(suite_name)  # ValueError naming the known suites
    public = decode_key(encoded)
    suite.check_public_key("signing", public)
    return TrustedKey(suite.name, public, source)
