"""The test suite's provincial platform keys: generated once per run, never stored.

Every test kiosk seals to TEST_PLATFORM.sealing.public and trusts catalogs signed with
TEST_PLATFORM.catalog_signing; tests that play the platform hold the private halves. They are
the platform's own PlatformKeys, so tests and benchmarks configure a kiosk the way
`kiosk platform init` does.
"""

from __future__ import annotations

from sync.platform.keys import PlatformKeys

__all__ = ["TEST_PLATFORM", "PlatformKeys"]

TEST_PLATFORM = PlatformKeys.generate()
