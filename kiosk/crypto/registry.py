"""Finds a crypto suite by the name a configuration or a sealed envelope gives.

Apart from the contract (kiosk/crypto/suite.py) so that the suites import the contract and
this module imports the suites, never the other way round. Importing a suite costs no crypto
library: each of its operations imports the primitives it uses.
"""

from __future__ import annotations

from kiosk.crypto.standard import StandardSuite
from kiosk.crypto.suite import CryptoSuite

_SUITES: dict[str, CryptoSuite] = {StandardSuite.name: StandardSuite()}


def suite_named(name: str) -> CryptoSuite:
    """The suite called `name`; ValueError naming the known ones otherwise."""
    try:
        return _SUITES[name]
    except KeyError:
        raise ValueError(
            f"unknown crypto suite {name!r} (known: {', '.join(sorted(_SUITES))})"
        ) from None
