"""The audit log in the kiosk's database (table audit_records): the AuditTrail the touchscreen,
the sync agent and the commands append to, each record chained to the one before by the
crypto suite's digest (kiosk.audit.chain).

The touchscreen and the sync agent append to the same file from two processes. Each append
reads the newest record and writes the next one inside one BEGIN IMMEDIATE transaction, so
the write lock is held from the read to the commit and two appenders can never both extend
the same record (fork the chain). `record_in` appends inside a transaction the caller already
holds, so an event and the change it records are committed together.

Written in plain SQL over a kiosk.storage.sqlite.Database, like the submission store, so
`kiosk submit` appends without the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from kiosk.audit.chain import AuditRecord, ChainHead, Digest, new_record, record_time
from kiosk.audit.events import AuditEvent
from kiosk.audit.verification import Finding, verify_chain
from kiosk.crypto.registry import suite_named
from kiosk.storage.sqlite import Cursor, Database, transaction

_COLUMNS = "sequence, recorded_at, event, actor, details, previous_hash, hash"
_HEAD = "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1"
_INSERT = f"INSERT INTO audit_records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"


class AuditLog:
    """The hash-chained log; an AuditTrail (kiosk.audit.trail) and a TransactionalAuditTrail."""

    def __init__(
        self,
        database: Database,
        digest: Digest,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._database = database
        self._digest = digest
        self._clock = clock

    @property
    def digest(self) -> Digest:
        """The digest the chain is hashed with, for checking records read elsewhere."""
        return self._digest

    @classmethod
    def in_suite(cls, database: Database, suite: str) -> AuditLog:
        """The log hashed with the digest of the suite named in settings.platform.suite."""
        return cls(database, suite_named(suite).digest)

    def record(
        self, event: AuditEvent, actor: str, details: Mapping[str, str] | None = None
    ) -> None:
        with transaction(self._database) as cursor:
            self.record_in(cursor, event, actor, details)

    def record_in(
        self,
        cursor: Cursor,
        event: AuditEvent,
        actor: str,
        details: Mapping[str, str] | None = None,
    ) -> None:
        """Append inside the caller's write transaction (begun IMMEDIATE: it holds the lock)."""
        record = new_record(
            self._digest,
            _head(cursor),
            moment=self._clock(),
            event=event.dotted,
            actor=actor,
            details=details,
        )
        cursor.execute(
            _INSERT,
            (
                record.sequence,
                record.recorded_at,
                record.event,
                record.actor,
                record.details,
                record.previous_hash,
                record.hash,
            ),
        )

    def head(self) -> ChainHead | None:
        """The newest record's number and hash; None while the log is empty."""
        with transaction(self._database, write=False) as cursor:
            return _head(cursor)

    def records(
        self, *, since_sequence: int | None = None, since: datetime | None = None
    ) -> list[AuditRecord]:
        """Records in sequence order: all, or from a number on, or from a moment on."""
        query = f"SELECT {_COLUMNS} FROM audit_records"
        parameters: tuple[int | str, ...] = ()
        if since_sequence is not None:
            query, parameters = query + " WHERE sequence >= ?", (since_sequence,)
        elif since is not None:
            query, parameters = query + " WHERE recorded_at >= ?", (record_time(since),)
        with transaction(self._database, write=False) as cursor:
            rows = cursor.execute(query + " ORDER BY sequence", parameters).fetchall()
        return [AuditRecord(*row) for row in rows]

    def verify(self, known_head: ChainHead | None = None) -> list[Finding]:
        """What was done to the log, if anything (kiosk.audit.verification)."""
        return verify_chain(self.records(), self._digest, known_head)


def _head(cursor: Cursor) -> ChainHead | None:
    row = cursor.execute(_HEAD).fetchone()
    return None if row is None else ChainHead(int(row[0]), str(row[1]))
