"""`kiosk queue`: what waits in the local submission queue, and putting back what the
platform refused once staff have fixed the cause. Only masked data is ever shown."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kiosk.cli.common import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
    settings_from,
)
from kiosk.submissions.states import SubmissionState

if TYPE_CHECKING:
    from kiosk.submissions.queue import QueueEntry


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    queue = commands.add_parser("queue", help="inspect the submission queue")
    actions = queue.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", parents=[parent], help="count submissions in each state")
    status.add_argument("--json", action="store_true", help="print the counts as JSON")
    status.set_defaults(handler=run_status)

    listing = actions.add_parser(
        "list", parents=[parent], help="list submissions (masked), oldest first"
    )
    listing.add_argument(
        "--state",
        choices=[state.value for state in SubmissionState],
        help="only submissions in this state",
    )
    listing.add_argument("--json", action="store_true", help="print the entries as JSON")
    listing.set_defaults(handler=run_list)

    retry = actions.add_parser(
        "retry",
        parents=[parent],
        help="send quarantined submissions again",
        description="Queue quarantined submissions again, after the cause of the platform's "
        "refusal is fixed. Name the cases, or give --all for every quarantined one (and every "
        "refused rating).",
    )
    retry.add_argument("cases", nargs="*", metavar="CASE", help="case numbers to retry")
    retry.add_argument(
        "--all", action="store_true", help="retry every quarantined submission and rating"
    )
    retry.set_defaults(handler=run_retry)


def run_status(args: argparse.Namespace) -> int:
    from kiosk.storage.migrate import ensure_current_schema
    from kiosk.submissions.counts import read_queue_counts

    settings = settings_from(args)
    ensure_current_schema(settings.database_path)
    queue = read_queue_counts(settings.database_path)
    counts, waiting, refused = queue.by_state, queue.ratings_waiting, queue.ratings_refused
    if args.json:
        print_json(counts)
    else:
        for state, count in counts.items():
            print(f"{state:<12} {count}")
        print(f"\nratings waiting to be sent: {waiting}; refused by the platform: {refused}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from kiosk.storage.migrate import open_database
    from kiosk.submissions.queue import SubmissionQueue

    settings = settings_from(args)
    engine = open_database(settings.database_path)
    try:
        state = SubmissionState(args.state) if args.state else None
        entries = SubmissionQueue(engine).entries(state)
    finally:
        engine.dispose()
    if args.json:
        print_json([entry_json(entry) for entry in entries])
    else:
        print_table(entries, ZoneInfo(settings.terminal.timezone))
    return EXIT_OK


def entry_json(entry: QueueEntry) -> dict[str, Any]:
    return {
        "case_number": entry.case_number,
        "idempotency_key": entry.idempotency_key,
        "matter_code": entry.matter_code,
        "state": entry.state.value,
        "created_at": entry.created_at.isoformat(),
        "state_changed_at": entry.state_changed_at.isoformat(),
        "attempts": entry.attempts,
        "last_error": entry.last_error,
        "platform_case_id": entry.platform_case_id,
        "applicant_name_masked": entry.applicant_name_masked,
        "applicant_id_masked": entry.applicant_id_masked,
        "sealed": entry.sealed,
    }


def print_table(entries: list[QueueEntry], zone: ZoneInfo) -> None:
    if not entries:
        print("no submissions")
        return
    print(f"{'CASE':<32} {'STATE':<12} {'SINCE':<16} {'TRIES':>5}  {'APPLICANT':<24} MATTER")
    for entry in entries:
        since = f"{entry.state_changed_at.astimezone(zone):%Y-%m-%d %H:%M}"
        applicant = f"{entry.applicant_name_masked} {entry.applicant_id_masked}"
        print(
            f"{entry.case_number:<32} {entry.state.value:<12} {since:<16} "
            f"{entry.attempts:>5}  {applicant:<24} {entry.matter_code}"
        )
        if entry.last_error:
            print(f"{'':<32} last error: {entry.last_error}")


def run_retry(args: argparse.Namespace) -> int:
    from kiosk.audit.log import AuditLog
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.console.quarantine import QuarantineDesk
    from kiosk.help_queue import help_queue
    from kiosk.rating_queue import rating_queue
    from kiosk.storage.migrate import open_database
    from kiosk.submissions.queue import SubmissionQueue

    if bool(args.cases) == bool(args.all):
        raise CommandFailed("name the cases to retry, or give --all (not both)", EXIT_INVALID_INPUT)
    settings = settings_from(args)
    engine = open_database(settings.database_path)
    audit = AuditLog.in_suite(engine, settings.platform.suite)
    try:
        desk = QuarantineDesk(
            SubmissionQueue(engine, audit=audit, actor=COMMAND_LINE),
            rating_queue(engine, audit=audit, actor=COMMAND_LINE),
        )
        result = desk.retry(None if args.all else args.cases, COMMAND_LINE)
        helped = help_queue(engine, audit=audit, actor=COMMAND_LINE)
        help_requests = helped.retry(None, COMMAND_LINE).retried if args.all else []
    finally:
        engine.dispose()
    for case_number in result.submissions:
        print(f"queued again: {case_number}")
    for case_number in result.ratings:
        print(f"rating queued again: {case_number}")
    for key in help_requests:
        print(f"help request queued again: {key}")
    if not (result.submissions or result.refused or result.ratings or help_requests):
        print("no quarantined submissions")
    if result.refused:
        lines = "\n".join(f"  {case}: {why}" for case, why in result.refused.items())
        raise CommandFailed(f"not retried:\n{lines}", EXIT_FAILURE)
    return EXIT_OK
