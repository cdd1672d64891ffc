"""The platform's own keys: one pair that submissions are sealed to, one that signs catalogs.

They live as key files in one directory (kiosk.crypto.keyfiles), beside a `suite` file naming
the algorithms, so a platform restarted later opens what kiosks sealed to it earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.crypto import DEFAULT_SUITE, CryptoSuite, KeyPair, suite_named
from kiosk.crypto.keyfiles import read_key_pair, write_key_pair
from kiosk.crypto.suite import encode_key

SEALING_FILE = "sealing.key"
CATALOG_SIGNING_FILE = "catalog-signing.key"
SUITE_FILE = "suite"


class KeysMissing(Exception):
    """The key directory holds no platform keys (run `kiosk platform init`)."""


@dataclass(frozen=True)
class PlatformKeys:
    suite: CryptoSuite
    sealing: KeyPair
    catalog_signing: KeyPair

    @classmethod
    def generate(cls, suite_name: str = DEFAULT_SUITE) -> PlatformKeys:
        suite = suite_named(suite_name)
        return cls(suite, suite.new_sealing_key(), suite.new_signing_key())

    @classmethod
    def load(cls, directory: Path) -> PlatformKeys:
        """Raises KeysMissing when absent, ValueError when a file is damaged."""
        if not (directory / SEALING_FILE).exists():
            raise KeysMissing(f"no platform keys in {directory} (run `kiosk platform init`)")
        suite_file = directory / SUITE_FILE
        name = suite_file.read_text("ascii").strip() if suite_file.exists() else DEFAULT_SUITE
        return cls(
            suite_named(name),
            read_key_pair(directory / SEALING_FILE),
            read_key_pair(directory / CATALOG_SIGNING_FILE),
        )

    @classmethod
    def load_or_create(cls, directory: Path, suite_name: str = DEFAULT_SUITE) -> PlatformKeys:
        """Existing keys are never replaced: kiosks already seal to them."""
        try:
            return cls.load(directory)
        except KeysMissing:
            keys = cls.generate(suite_name)
            keys.save(directory)
            return keys

    def save(self, directory: Path) -> None:
        write_key_pair(directory / SEALING_FILE, self.sealing)
        write_key_pair(directory / CATALOG_SIGNING_FILE, self.catalog_signing)
        (directory / SUITE_FILE).write_text(self.suite.name + "\n", encoding="ascii")

    def kiosk_settings(self) -> dict[str, str]:
        """The [platform] settings a kiosk needs to seal to and trust this platform."""
        return {
            "suite": self.suite.name,
            "sealing_key": encode_key(self.sealing.public),
            "catalog_signing_key": encode_key(self.catalog_signing.public),
        }

    def kiosk_config(self) -> str:
        """kiosk_settings as a kiosk.toml [platform] table."""
        keys = "".join(f'{key} = "{value}"\n' for key, value in self.kiosk_settings().items())
        return "[platform]\n" + keys
