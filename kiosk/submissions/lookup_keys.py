"""Keys that let a resident's ID card find their cases without the number being stored.

A keyed hash (HMAC-SHA256) with a secret kept in this installation's database: the same card
finds the same cases here, and a copied database alone does not reveal ID numbers (the
secret is needed to test a guess). Sealing the secret away from the database file itself
comes with the at-rest encryption work.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kiosk.forms.id_number import normalise
from kiosk.storage.sqlite import Cursor
from kiosk.submissions.case_numbers import meta_value

_SECRET_KEY = "lookup_secret"


def lookup_secret(cursor: Cursor) -> bytes:
    """The installation's secret, generated and stored on first use (in a write transaction)."""
    stored = stored_lookup_secret(cursor)
    if stored is not None:
        return stored
    secret = secrets.token_bytes(32)
    cursor.execute("INSERT INTO kiosk_meta (key, value) VALUES (?, ?)", (_SECRET_KEY, secret.hex()))
    return secret


def stored_lookup_secret(cursor: Cursor) -> bytes | None:
    """The secret if one was ever stored; without one, no case has a lookup key yet."""
    stored = meta_value(cursor, _SECRET_KEY)
    return bytes.fromhex(stored) if stored else None


def lookup_key(secret: bytes, id_number: str) -> str:
    """The key for ``id_number`` as typed or read (a lower-case x and spaces do not matter).

    Any string gets a key and none raises: a number no card carries simply finds nothing.
    UTF-8 keeps the key of every ASCII number what it always was; ``surrogatepass`` lets
    even a broken UTF-16 unit through instead of failing the lookup.
    """
    data = normalise(id_number).encode("utf-8", errors="surrogatepass")
    return hmac.new(secret, data, hashlib.sha256).hexdigest()
