"""Checks an audit log's records against their chain and says what was done to it: which
record was edited, removed, inserted or moved, and, against the head the platform last saw,
whether the log was cut short or rewritten.

Pure: records in, findings out. The hash chain alone finds every change made without
recomputing hashes; a rewrite that recomputes them from some record on shows only against a
head kept elsewhere (the platform's, from the heartbeat), so `known_head` matters.

Each record's links tell where it was first written: the record its previous hash names is
the one written just before it. That position ("origin") is what the hash covered, so a
record moved to another number still proves itself, and the finding says it moved rather
than that it was edited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from kiosk.audit.chain import GENESIS_HASH, AuditRecord, ChainHead, Digest, hash_at

# How far a record whose predecessor is gone is searched for the number it was written as:
# enough for a few removals renumbered over, cheap for a long log.
_RENUMBER_SEARCH = 64


class Tampering(Enum):
    EDITED = "edited"  # its content no longer matches its hash
    REMOVED = "removed"  # a record that was written is not in the log
    INSERTED = "inserted"  # a record that the chain does not pass through
    REORDERED = "reordered"  # stored in another order than it was written
    TRUNCATED = "truncated"  # records the platform saw are gone from the end
    REWRITTEN = "rewritten"  # the record the platform saw was replaced


@dataclass(frozen=True)
class Finding:
    kind: Tampering
    sequence: int  # the record named: as stored, or (removed, truncated) as written
    explanation: str

    def line(self) -> str:
        return f"record {self.sequence}: {self.kind.value}: {self.explanation}"

    def to_json(self) -> dict[str, str | int]:
        return {"sequence": self.sequence, "kind": self.kind.value, "explanation": self.explanation}


def verify_chain(
    records: Iterable[AuditRecord],
    digest: Digest,
    known_head: ChainHead | None = None,
    *,
    whole: bool = True,
) -> list[Finding]:
    """Every finding about the log, in the order of its records; empty when it is intact.
    `whole=False` checks a range (`kiosk audit export --since`): its first record follows
    one that is not given."""
    chain = _Chain(sorted(records, key=lambda record: record.sequence), digest, whole)
    findings: list[Finding] = []
    previous: AuditRecord | None = None
    for record in chain.ordered:
        found = chain.findings_for(record, previous)
        if not found and not findings:
            found = chain.renumbering(record)
        findings.extend(found)
        previous = record
    if known_head is not None:
        findings.extend(chain.against_head(known_head))
    return findings


class _Chain:
    def __init__(self, ordered: Sequence[AuditRecord], digest: Digest, whole: bool) -> None:
        self.ordered = ordered
        self._digest = digest
        self._whole = whole
        self._by_hash: dict[str, AuditRecord] = {}
        self._copies: set[int] = set()
        for record in ordered:
            if record.hash in self._by_hash:
                self._copies.add(record.sequence)
            else:
                self._by_hash[record.hash] = record
        self._position = {record.sequence: index for index, record in enumerate(ordered)}
        self._followers: dict[str, list[AuditRecord]] = defaultdict(list)
        for record in ordered:
            self._followers[record.previous_hash].append(record)
        self._origin = self._origins()

    def findings_for(self, record: AuditRecord, previous: AuditRecord | None) -> list[Finding]:
        number, origin = record.sequence, self._origin[record.sequence]
        if hash_at(self._digest, record, origin) != record.hash:
            why = "its content no longer matches its hash (changed after it was written, or forged)"
            return [Finding(Tampering.EDITED, number, why)]
        if number in self._copies:
            first = self._by_hash[record.hash].sequence
            return [Finding(Tampering.INSERTED, number, f"a copy of record {first}")]
        if record.previous_hash != GENESIS_HASH and record.previous_hash not in self._by_hash:
            return self._after_missing(record, previous)
        before = self._by_hash.get(record.previous_hash)
        if before is not None and self._position[before.sequence] > self._position[number]:
            why = f"it was written after record {before.sequence} but is stored before it"
            return [Finding(Tampering.REORDERED, number, why)]
        if previous is not None and origin < self._origin[previous.sequence]:
            why = f"it was written before record {previous.sequence} but is stored after it"
            return [Finding(Tampering.REORDERED, number, why)]
        return self._if_inserted(record)

    def renumbering(self, record: AuditRecord) -> list[Finding]:
        """A record whose number alone was changed (reported once: the rest follow suit)."""
        origin = self._origin[record.sequence]
        if origin == record.sequence:
            return []
        why = f"its sequence number was changed (it was written as record {origin})"
        return [Finding(Tampering.EDITED, record.sequence, why)]

    def against_head(self, head: ChainHead) -> list[Finding]:
        last = self.ordered[-1] if self.ordered else None
        if last is None or last.sequence < head.sequence:
            first_gone = 1 if last is None else last.sequence + 1
            kept = "nothing is left" if last is None else f"the log ends at record {last.sequence}"
            why = (
                f"records {first_gone} to {head.sequence} are gone from the end: "
                f"the platform last saw record {head.sequence}, {kept}"
            )
            return [Finding(Tampering.TRUNCATED, first_gone, why)]
        seen = next((r for r in self.ordered if r.sequence == head.sequence), None)
        if seen is not None and seen.hash != head.hash:
            why = "it is not the record the platform last saw: the log was rewritten up to here"
            return [Finding(Tampering.REWRITTEN, head.sequence, why)]
        return []

    def _after_missing(self, record: AuditRecord, previous: AuditRecord | None) -> list[Finding]:
        """The record it follows is not in the log: removed, or replaced by a rewrite."""
        origin = self._origin[record.sequence]
        first_missing = 1 if previous is None else self._origin[previous.sequence] + 1
        missing = range(first_missing, origin) if previous is not None or self._whole else range(0)
        if missing:
            why = (
                f"it was written but is no longer in the log (record {record.sequence} followed it)"
            )
            return [Finding(Tampering.REMOVED, gone, why) for gone in missing]
        if previous is None and not self._whole:
            return []  # a range starts after records it does not hold
        if previous is None:  # the first record left follows nothing in the log
            why = "the records before it are no longer in the log"
            return [Finding(Tampering.REMOVED, record.sequence, why)]
        why = (
            f"it was rewritten (its hash recomputed): record {record.sequence} was written "
            "after another record of that number"
        )
        return [Finding(Tampering.EDITED, previous.sequence, why)]

    def _if_inserted(self, record: AuditRecord) -> list[Finding]:
        """Two records follow the same one: the chain goes on only from the other, or from
        neither (at the end of the log: then the later one is named, as one of the two)."""
        if self._followers.get(record.hash):
            return []
        twins = [twin for twin in self._followers[record.previous_hash] if twin is not record]
        if not twins:
            return []
        before = self._by_hash.get(record.previous_hash)
        after = "the start" if before is None else f"record {before.sequence}"
        going_on = [twin for twin in twins if self._followers.get(twin.hash)]
        if going_on:
            why = f"the chain passes it by: record {going_on[0].sequence} follows {after} directly"
            return [Finding(Tampering.INSERTED, record.sequence, why)]
        position = self._position[record.sequence]
        if all(self._position[twin.sequence] < position for twin in twins):
            why = f"it and record {twins[0].sequence} both follow {after}: one of them was inserted"
            return [Finding(Tampering.INSERTED, record.sequence, why)]
        return []

    def _origins(self) -> dict[int, int]:
        """The number each record was written as, told by following its links back."""
        origin: dict[int, int] = {}
        for record in self.ordered:
            path: list[AuditRecord] = []
            on_path: set[int] = set()
            current = record
            while True:
                if current.sequence in origin:
                    base = origin[current.sequence]
                    break
                if current.sequence in on_path:  # forged links that loop: trust the numbers
                    origin.update((r.sequence, r.sequence) for r in path)
                    path = []
                    base = 0
                    break
                path.append(current)
                on_path.add(current.sequence)
                if current.previous_hash == GENESIS_HASH:
                    base = 0
                    break
                before = self._by_hash.get(current.previous_hash)
                if before is None:
                    base = self._written_as(current) - 1
                    break
                current = before
            for offset, walked in enumerate(reversed(path), start=1):
                origin[walked.sequence] = base + offset
        return origin

    def _written_as(self, record: AuditRecord) -> int:
        """For a record whose predecessor is gone: the nearby number its hash was made for
        (records renumbered over a removal), else the number it has."""
        for shift in range(_RENUMBER_SEARCH + 1):
            for candidate in {record.sequence + shift, record.sequence - shift}:
                if candidate > 0 and hash_at(self._digest, record, candidate) == record.hash:
                    return candidate
        return record.sequence
