"""Verification over records alone, for logs of any length and tampering anywhere in them:
each kind of tampering is found and names the record it was done to."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.audit.chain import AuditRecord, ChainHead, new_record
from kiosk.audit.verification import Tampering, verify_chain
from kiosk.crypto import suite_named
from kiosk.crypto.suite import DEFAULT_SUITE

DIGEST = suite_named(DEFAULT_SUITE).digest
START = datetime(2026, 12, 7, tzinfo=UTC)


def chain(length: int) -> list[AuditRecord]:
    records: list[AuditRecord] = []
    for number in range(1, length + 1):
        head = ChainHead(records[-1].sequence, records[-1].hash) if records else None
        records.append(
            new_record(
                DIGEST,
                head,
                moment=START + timedelta(seconds=number),
                event="sync.delivered",
                actor="agent",
                details={"kind": "submission", "label": f"C{number}"},
            )
        )
    return records


def renumbered(record: AuditRecord, sequence: int) -> AuditRecord:
    return dataclasses.replace(record, sequence=sequence)


def found(records: list[AuditRecord], head: ChainHead | None = None) -> set[tuple[Tampering, int]]:
    return {(f.kind, f.sequence) for f in verify_chain(records, DIGEST, head)}


logs = st.integers(min_value=2, max_value=30).flatmap(
    lambda length: st.tuples(st.just(chain(length)), st.integers(0, length - 1))
)


@given(st.integers(min_value=0, max_value=30))
def test_an_untouched_log_of_any_length_has_no_findings(length: int) -> None:
    records = chain(length)
    head = ChainHead(records[-1].sequence, records[-1].hash) if records else None
    assert verify_chain(records, DIGEST, head) == []


@given(logs, st.sampled_from(["recorded_at", "event", "actor", "details", "previous_hash"]))
def test_any_field_edited_in_any_record_is_found_there(
    log: tuple[list[AuditRecord], int], field: str
) -> None:
    records, index = log
    original = getattr(records[index], field)
    records[index] = dataclasses.replace(records[index], **{field: original[:-1] + "#"})
    assert (Tampering.EDITED, index + 1) in found(records)


@given(logs)
def test_any_record_but_the_last_removed_is_found_missing(
    log: tuple[list[AuditRecord], int],
) -> None:
    records, index = log
    if index == len(records) - 1:
        index -= 1
    del records[index]
    assert found(records) == {(Tampering.REMOVED, index + 1)}


@given(logs, st.data())
def test_any_two_records_swapped_are_found_reordered(
    log: tuple[list[AuditRecord], int], data: st.DataObject
) -> None:
    records, first = log
    if first == len(records) - 1:
        first -= 1
    second = data.draw(st.integers(first + 1, len(records) - 1))
    records[first], records[second] = (
        renumbered(records[second], first + 1),
        renumbered(records[first], second + 1),
    )
    findings = found(records)
    assert (Tampering.REORDERED, first + 1) in findings
    assert (Tampering.REORDERED, second + 1) in findings
    assert {kind for kind, _ in findings} == {Tampering.REORDERED}


@given(logs)
def test_a_forged_record_inserted_anywhere_but_the_end_is_found(
    log: tuple[list[AuditRecord], int],
) -> None:
    """Its hash is right, and the records after it are renumbered to make room."""
    records, index = log
    before = ChainHead(records[index - 1].sequence, records[index - 1].hash) if index else None
    forged = new_record(
        DIGEST, before, moment=START, event="receipt.reprinted", actor="S-1", details={}
    )
    tampered = records[:index] + [forged] + [renumbered(r, r.sequence + 1) for r in records[index:]]
    if index < len(records) - 1:
        assert found(tampered) == {(Tampering.INSERTED, index + 1)}
    else:  # nothing follows either of the two: which one is forged, the chain cannot tell
        assert found(tampered) == {(Tampering.INSERTED, index + 2)}


@given(logs, st.integers(min_value=1, max_value=5))
def test_records_cut_from_the_end_are_found_against_the_head(
    log: tuple[list[AuditRecord], int], cut: int
) -> None:
    records, _ = log
    head = ChainHead(records[-1].sequence, records[-1].hash)
    kept = records[: max(0, len(records) - cut)]
    assert found(kept) == set()
    assert found(kept, head) == {(Tampering.TRUNCATED, len(kept) + 1)}
