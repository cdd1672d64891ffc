"""The test suite's provincial platform keys: generated once per run, never stored.

Every test kiosk seals to TEST_PLATFORM.sealing.public and trusts catalogs signed with
TEST_PLATFORM.catalog_signing; tests that play the platform hold the private halves.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.crypto import DEFAULT_SUITE, CryptoSuite, KeyPair, suite_named
from kiosk.crypto.suite import encode_key


@dataclass(frozen=True)
class PlatformKeys:
    suite: CryptoSuite
    sealing: KeyPair
    catalog_signing: KeyPair

    def kiosk_config(self) -> str:
        """The [platform] keys section a kiosk needs to work with this platform."""
        return (
            "[platform]\n"
            f'sealing_key = "{encode_key(self.sealing.public)}"\n'
            f'catalog_signing_key = "{encode_key(self.catalog_signing.public)}"\n'
        )


def generate_platform_keys() -> PlatformKeys:
    suite = suite_named(DEFAULT_SUITE)
    return PlatformKeys(suite, suite.new_sealing_key(), suite.new_signing_key())


TEST_PLATFORM = generate_platform_keys()
