"""`kiosk provision FILE`: first-boot provisioning from the province's signed bundle (a file
from a USB stick, or the text of its QR code), saying what was checked and written and the line
that enrols this terminal on the platform."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_INVALID_INPUT, EXIT_OK, CommandFailed, print_json

if TYPE_CHECKING:
    from kiosk.provisioning.refusals import Refusal


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "provision",
        parents=[parent],
        help="provision this kiosk from the province's signed provisioning bundle",
        description="Checks the bundle (its signature by a trusted provisioning key, its "
        "expiry, its keys, URLs and settings), writes the settings file and the platform's CA, "
        "creates the terminal key if there is none and prints the line that enrols it on the "
        "platform. The trusted keys are read from /etc/kiosk/provisioning.pub and "
        "/usr/lib/kiosk/provisioning.pub ($KIOSK_PROVISIONING_KEYS instead, if set).",
    )
    source = command.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="the bundle (*.kiosk-provision)"
    )
    source.add_argument("--qr", metavar="TEXT", help="the text of the bundle's QR code")
    command.add_argument(
        "--force",
        action="store_true",
        help="provision a kiosk that is provisioned already (keeps its queue and terminal key)",
    )
    command.add_argument("--json", action="store_true", help="print the outcome as JSON")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.config import file_to_change
    from kiosk.config_error import ConfigError
    from kiosk.logs import configure_logging
    from kiosk.provisioning.outcome import Refused
    from kiosk.provisioning.ownership import NoServiceAccount
    from kiosk.wiring.provisioning import provision

    configure_logging("INFO" if getattr(args, "verbose", False) else "WARNING")
    text = args.qr if args.qr is not None else _read(args.file)
    settings_file = file_to_change(args.config)
    try:
        outcome = provision(text, settings_file, COMMAND_LINE, force=args.force)
    except (NoServiceAccount, ConfigError, OSError) as exc:
        raise CommandFailed(f"not provisioned: {exc}") from exc
    if isinstance(outcome, Refused):
        if args.json:
            print_json({"refusals": [_refusal_json(r) for r in outcome.refusals]})
        for refusal in outcome.refusals:
            print(f"refused [{refusal.code.value}]: {refusal.en}", file=sys.stderr)
        raise CommandFailed(
            f"not provisioned ({len(outcome.refusals)} problem(s)); nothing was written",
            EXIT_INVALID_INPUT,
        )
    applied, reach = outcome.applied, outcome.reachability
    if args.json:
        print_json(
            {
                "terminal_id": applied.terminal_id,
                "hall_name": applied.hall_name,
                "suite": applied.suite,
                "public_key": applied.public_key,
                "settings_file": str(applied.settings_file),
                "ca_file": str(applied.ca_file),
                "key_file": str(applied.key_file),
                "key_created": applied.key_created,
                "reprovisioned": applied.reprovisioned,
                "platform_reachable": reach.reachable,
                "platform": reach.detail,
                "enrolment": applied.enrolment_line,
            }
        )
        return EXIT_OK
    print(f"checked: signed by trusted provisioning key {outcome.signed_by}")
    print(f"checked: valid until {outcome.expires_at}")
    print("checked: terminal id, https URLs, platform keys, CA bundle, settings")
    print(f"terminal {applied.terminal_id}: {applied.hall_name}")
    print(f"wrote {applied.settings_file}")
    print(f"wrote {applied.ca_file}")
    state = "created" if applied.key_created else "kept (it existed already)"
    print(f"terminal key {state}: {applied.key_file}")
    if applied.reprovisioned:
        print(f"provisioned again: the queue and the audit log in {applied.database} are kept")
    if reach.reachable:
        print(f"platform reachable: {reach.detail}")
    else:
        print(
            f"platform NOT reachable: {reach.detail} (provisioned all the same: check the "
            "network and the extranet link; the kiosk queues applications meanwhile)"
        )
    print("enrol this terminal on the platform with:")
    print(f"  {applied.enrolment_line} --db URL")
    print("then start the kiosk: systemctl restart kiosk kiosk-sync-agent")
    return EXIT_OK


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CommandFailed(f"{path}: no such file", EXIT_INVALID_INPUT) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandFailed(f"{path} cannot be read: {exc}", EXIT_INVALID_INPUT) from exc


def _refusal_json(refusal: Refusal) -> dict[str, str]:
    return {"code": refusal.code.value, "message": refusal.en}
