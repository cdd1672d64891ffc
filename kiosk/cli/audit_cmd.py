"""`kiosk audit`: check the audit log's hash chain (`verify`), and write a range of it for the
platform (`export`), each record with its hashes so the platform can check the range again."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from kiosk.cli.common import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
    settings_from,
)

if TYPE_CHECKING:
    from kiosk.audit.chain import AuditRecord, ChainHead
    from kiosk.audit.log import AuditLog
    from kiosk.config import KioskSettings


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    audit = commands.add_parser("audit", help="the audit log (全过程留痕)")
    actions = audit.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        parents=[parent],
        help="check that no record was edited, removed, inserted or reordered",
        description="Check every record of the audit log against its hash chain. Exits 1 and "
        "names each record that was edited, removed, inserted or moved. With --head (the "
        "chain head the platform last received in a heartbeat) it also finds a log cut short "
        "or rewritten from some record on.",
    )
    verify.add_argument(
        "--head",
        metavar="SEQUENCE:HASH",
        type=chain_head,
        help="the head the platform last saw, to find records cut from the end",
    )
    verify.add_argument("--json", action="store_true", help="print the outcome as JSON")
    verify.set_defaults(handler=run_verify)

    export = actions.add_parser(
        "export",
        parents=[parent],
        help="write records from a date or a sequence number on, as JSON lines",
    )
    export.add_argument(
        "--since",
        required=True,
        metavar="DATE|SEQUENCE",
        help="a sequence number, or a date or time (the terminal's local time unless it "
        "names its offset)",
    )
    export.add_argument("--to", type=Path, metavar="FILE", help="write here instead of stdout")
    export.set_defaults(handler=run_export)


def chain_head(text: str) -> ChainHead:
    from kiosk.audit.chain import ChainHead

    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or not digest:
        raise argparse.ArgumentTypeError("give the head as SEQUENCE:HASH, e.g. 42:9f86d0…")
    return ChainHead(int(sequence), digest.strip().lower())


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.audit.verification import verify_chain

    with _audit_log(settings_from(args)) as log:
        records = log.records()
        findings = verify_chain(records, log.digest, args.head)
    head = records[-1] if records else None
    if args.json:
        print_json(
            {
                "intact": not findings,
                "records": len(records),
                "head": None if head is None else {"sequence": head.sequence, "hash": head.hash},
                "findings": [finding.to_json() for finding in findings],
            }
        )
    else:
        for finding in findings:
            print(finding.line())
        if head is None and not findings:
            print("audit log intact: no records yet")
        elif head is not None and not findings:
            print(f"audit log intact: {len(records)} records, head {head.sequence}:{head.hash}")
    if findings:
        counted = "1 finding" if len(findings) == 1 else f"{len(findings)} findings"
        print(
            f"kiosk: the audit log was tampered with ({counted}); "
            "leave this machine as it is and report it",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    since = args.since.strip()
    with _audit_log(settings) as log:
        if since.isdigit():
            records = log.records(since_sequence=int(since))
        else:
            records = log.records(since=_moment(since, ZoneInfo(settings.terminal.timezone)))
    if args.to is None:
        _write_lines(records, sys.stdout)
    else:
        try:
            with args.to.open("w", encoding="utf-8") as file:
                _write_lines(records, file)
        except OSError as exc:
            raise CommandFailed(f"cannot write {args.to}: {exc.strerror}") from exc
        print(f"{len(records)} audit records written to {args.to}", file=sys.stderr)
    return EXIT_OK


def _moment(text: str, zone: ZoneInfo) -> datetime:
    try:
        moment = (
            datetime.combine(date.fromisoformat(text), datetime.min.time())
            if len(text) == len("2026-12-07")
            else datetime.fromisoformat(text)
        )
    except ValueError as exc:
        raise CommandFailed(
            f"--since {text!r}: give a sequence number, a date (2026-12-07) or a time "
            "(2026-12-07T08:30)",
            EXIT_INVALID_INPUT,
        ) from exc
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _write_lines(records: list[AuditRecord], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True) + "\n")


@contextmanager
def _audit_log(settings: KioskSettings) -> Iterator[AuditLog]:
    """The log on a plain sqlite3 connection (no ORM), the schema brought up to date first."""
    from kiosk.audit.log import AuditLog
    from kiosk.storage.migrate import ensure_current_schema
    from kiosk.storage.sqlite import SqliteDatabase

    ensure_current_schema(settings.database_path)
    database = SqliteDatabase(settings.database_path)
    try:
        yield AuditLog.in_suite(database, settings.platform.suite)
    finally:
        database.close()
