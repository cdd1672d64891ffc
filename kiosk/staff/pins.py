"""Staff PINs: the rules a PIN must meet, and its storage as a slow salted hash only.

scrypt (standard library) with n=2**14, r=8, p=1: 16 MiB of memory and some tens of
milliseconds per guess on the kiosk's CPU, which is unnoticed at a login but makes a stolen
roster expensive to brute-force even for a 6-digit PIN; each hash has its own 16-byte salt so
two staff with the same PIN do not share a hash. The parameters are written into every hash,
so they can be raised later without invalidating stored PINs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache

from kiosk.i18n import Message, msg

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
DIGEST_BYTES = 32
PIN_LENGTHS = range(6, 9)
_SCHEME = "scrypt"
# Runs up and down, with 0 before 1 or after 9 as on a keypad (012345, 567890, 098765).
_RUNS = ("0123456789", "1234567890", "9876543210", "0987654321")


class InvalidPin(ValueError):
    """A PIN that breaks the rules; `message` says which, in words for the person choosing."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def pin_problem(pin: str) -> Message | None:
    """Why `pin` may not be used, or None: 6 to 8 digits, not all the same, not a run."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) not in PIN_LENGTHS:
        return msg("密码须为 6 到 8 位数字", "A PIN is 6 to 8 digits")
    if len(set(pin)) == 1:
        return msg("密码不能全是同一个数字", "A PIN may not repeat one digit only")
    if any(pin in run for run in _RUNS):
        return msg("密码不能是连续的数字（如 123456）", "A PIN may not be a run such as 123456")
    return None


def hash_pin(pin: str) -> str:
    """The stored form of a PIN that meets the rules: scheme, parameters, salt and digest."""
    problem = pin_problem(pin)
    if problem is not None:
        raise InvalidPin(problem)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(
        (_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest))
    )


def pin_matches(pin: str, stored: str) -> bool:
    """Whether `pin` is the one `stored` was made from; compared in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def spend_a_check(pin: str) -> None:
    """Do the work of one check against nobody's PIN: checked when a staff number is unknown,
    so a refusal takes as long either way and its time does not tell which numbers exist."""
    pin_matches(pin, _nobody())


@cache
def _nobody() -> str:
    return hash_pin("864209")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii", "replace"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * 1024 * 1024,
        dklen=DIGEST_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
