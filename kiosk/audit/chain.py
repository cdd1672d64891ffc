"""What a record of the audit log is and how it is sealed into the chain: the canonical bytes
its hash covers, so that the kiosk, `kiosk audit verify` and the platform all compute the
same hash from the same record.

A record's hash covers its sequence number, time, event, actor, details and the hash of the
record before it; the first record's "record before" is the fixed GENESIS_HASH. Changing any
of them, or the order, changes the hash of every record after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# The previous hash of the first record: a constant, so a log cut at its start is noticed.
GENESIS_HASH = "0" * 64
# Names the encoding below, so a future change of it cannot be confused with this one.
ENCODING = "kiosk.audit/1"

Digest = Callable[[bytes], str]


@dataclass(frozen=True)
class ChainHead:
    """The newest record of a log: what the heartbeat reports so a cut log is noticed."""

    sequence: int
    hash: str


@dataclass(frozen=True)
class AuditRecord:
    """One record exactly as stored: `recorded_at` and `details` are the texts the hash covers."""

    sequence: int
    recorded_at: str  # UTC, ISO 8601 with microseconds and a Z (record_time)
    event: str  # an AuditEvent's dotted name
    actor: str
    details: str  # canonical JSON (canonical_details)
    previous_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "recorded_at": self.recorded_at,
            "event": self.event,
            "actor": self.actor,
            "details": json.loads(self.details),
            "previous_hash": self.previous_hash,
            "hash": self.hash,
        }


def record_time(moment: datetime) -> str:
    """One fixed form for every record's time, so texts sort as times do."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_details(details: Mapping[str, str] | None) -> str:
    """Details as one JSON text however their mapping was ordered."""
    return json.dumps(
        dict(details or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def record_hash(
    digest: Digest,
    *,
    sequence: int,
    recorded_at: str,
    event: str,
    actor: str,
    details: str,
    previous_hash: str,
) -> str:
    """The hash of a record with these fields, in the suite's digest."""
    fields = [ENCODING, sequence, recorded_at, event, actor, details, previous_hash]
    encoded = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return digest(encoded.encode("utf-8"))


def hash_at(digest: Digest, record: AuditRecord, sequence: int) -> str:
    """The hash `record` would have had if it had been written as number `sequence`."""
    return record_hash(
        digest,
        sequence=sequence,
        recorded_at=record.recorded_at,
        event=record.event,
        actor=record.actor,
        details=record.details,
        previous_hash=record.previous_hash,
    )


def new_record(
    digest: Digest,
    head: ChainHead | None,
    *,
    moment: datetime,
    event: str,
    actor: str,
    details: Mapping[str, str] | None,
) -> AuditRecord:
    """The record that follows `head` (None: the first record of a log)."""
    sequence = 1 if head is None else head.sequence + 1
    previous = GENESIS_HASH if head is None else head.hash
    at, text = record_time(moment), canonical_details(details)
    sealed = record_hash(
        digest,
        sequence=sequence,
        recorded_at=at,
        event=event,
        actor=actor,
        details=text,
        previous_hash=previous,
    )
    return AuditRecord(sequence, at, event, actor, text, previous, sealed)
