"""`kiosk submit`: a headless submission through exactly the path the touchscreen uses.

The same service, store, sealing and receipt as the touchscreen's, wired alone
(kiosk.wiring.submitting) with only the printer opened: no ORM, no card reader or scanner
driver, so the command answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import (
    EXIT_CONFIG,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
    settings_from,
)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "submit",
        parents=[parent],
        help="submit a matter or bundle without the touchscreen",
        description="Validate, store and print the receipt of one application. --data is "
        'either the answers object, or {"answers": {...}, "materials": {"ID": "bring|'
        'commitment|deferred|none"}, "signature": {"strokes": [[[x, y], ...]]}, '
        '"delivery": {"method": "自取|邮寄", "address": "..."}}. A bundle code creates one '
        "case per member. Invalid data exits 2, names each bad field and stores nothing.",
    )
    command.add_argument(
        "--matter", required=True, metavar="CODE", help="the matter's or bundle's code"
    )
    command.add_argument(
        "--data", required=True, metavar="JSON_OR_@FILE", help="answers as JSON, or @file.json"
    )
    command.add_argument("--json", action="store_true", help="print the result as JSON")
    command.set_defaults(handler=run)


def read_application(spec: str) -> Any:
    try:
        text = Path(spec[1:]).read_text(encoding="utf-8") if spec.startswith("@") else spec
    except OSError as exc:
        raise CommandFailed(f"cannot read {spec[1:]}: {exc.strerror}", EXIT_INVALID_INPUT) from exc
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandFailed(f"--data is not valid JSON: {exc}", EXIT_INVALID_INPUT) from exc
    if not isinstance(answers, dict):
        raise CommandFailed("--data must be a JSON object", EXIT_INVALID_INPUT)
    from kiosk.forms import Application

    try:
        return Application.from_json(answers)
    except ValueError as exc:
        raise CommandFailed(f"--data: {exc}", EXIT_INVALID_INPUT) from exc


def run(args: argparse.Namespace) -> int:
    from drivers.health import HealthBoard
    from kiosk.submissions.service import (
        InvalidSubmission,
        NoPlatformKey,
        OutOfService,
        StorageUnavailable,
        UnknownMatter,
    )
    from kiosk.wiring.printer import build_printer
    from kiosk.wiring.submitting import submission_service

    settings = settings_from(args)
    application = read_application(args.data)
    health = HealthBoard(settings.health_path)
    printer = build_printer(settings.devices.printer.uri, settings, health)
    try:
        with submission_service(settings, printer) as submissions:
            accepted = submissions.submit(args.matter, application)
    except OutOfService as exc:
        raise CommandFailed(
            f"{exc}\n  the kiosk is out of service (暂停服务): staff put it back in service "
            "from the staff console; nothing was stored"
        ) from exc
    except UnknownMatter as exc:
        raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    except InvalidSubmission as exc:
        lines = "\n".join(
            f"  {error.describe('zh_CN')}\n    {error.describe('en_US')}" for error in exc.errors
        )
        raise CommandFailed(f"invalid data, nothing stored:\n{lines}", EXIT_INVALID_INPUT) from exc
    except NoPlatformKey as exc:
        raise CommandFailed(
            f"{exc}\n  set platform.sealing_key to the platform's public sealing key "
            "(base64); applications are sealed to it and none is accepted without it",
            EXIT_CONFIG,
        ) from exc
    except StorageUnavailable as exc:
        raise CommandFailed(str(exc)) from exc
    finally:
        printer.close()
    if args.json:
        print_json(
            {
                "case_number": accepted.case_number,
                "case_numbers": [case.case_number for case in accepted.cases],
                "bundle_id": accepted.bundle_id,
                "receipt_printed": accepted.receipt.printed,
            }
        )
    else:
        for case in accepted.cases:
            print(case.case_number)
    if not accepted.receipt.printed:
        print(f"kiosk: receipt not printed: {accepted.receipt.problem}", file=sys.stderr)
    return EXIT_OK
