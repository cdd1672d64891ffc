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

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.storage.tables import MetaValue

_SECRET_KEY = "lookup_secret"


def lookup_secret(session: Session) -> bytes:
    stored = session.scalar(select(MetaValue.value).where(MetaValue.key == _SECRET_KEY))
    if stored:
        return bytes.fromhex(stored)
    secret = secrets.token_bytes(32)
    session.add(MetaValue(key=_SECRET_KEY, value=secret.hex()))
    return secret


def lookup_key(secret: bytes, id_number: str) -> str:
    return hmac.new(secret, id_number.upper().encode("ascii"), hashlib.sha256).hexdigest()
