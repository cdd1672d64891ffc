"""Cryptography behind one interface: sealing personal data to the platform, signing requests
and catalogs. Callers name a suite; a national-algorithm suite (SM2/SM3/SM4) plugs in beside
the international one without touching them."""

from kiosk.crypto.registry import suite_named
from kiosk.crypto.suite import (
    DEFAULT_SUITE,
    CryptoSuite,
    KeyPair,
    SealedEnvelope,
    SealError,
)

__all__ = ["DEFAULT_SUITE", "CryptoSuite", "KeyPair", "SealError", "SealedEnvelope", "suite_named"]
