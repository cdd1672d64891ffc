"""`kiosk queue`: what waits in the local submission queue."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_OK, print_json, settings_from


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    queue = commands.add_parser("queue", help="inspect the submission queue")
    actions = queue.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", parents=[parent], help="count submissions in each state")
    status.add_argument("--json", action="store_true", help="print the counts as JSON")
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from kiosk.submissions.store import SubmissionStore
    from kiosk.wiring.services import open_database

    settings = settings_from(args)
    engine = open_database(settings)
    try:
        counts = SubmissionStore(engine, settings.terminal.id).counts_by_state()
    finally:
        engine.dispose()
    if args.json:
        print_json(counts)
    else:
        for state, count in counts.items():
            print(f"{state:<12} {count}")
    return EXIT_OK
