"""`kiosk keys terminal`: this terminal's identity for enrolment on the platform.

The platform accepts only requests signed with a key enrolled for the terminal; this prints
the public half (creating the key pair on first use) for the platform's operator.
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_OK, print_json, settings_from
from kiosk.provisioning.enrolment import enrolment_line


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    keys = commands.add_parser("keys", help="this terminal's keys")
    actions = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    terminal = actions.add_parser(
        "terminal",
        parents=[parent],
        help="print the terminal id and public signing key to enrol on the platform",
    )
    terminal.add_argument("--json", action="store_true", help="print as JSON")
    terminal.set_defaults(handler=run_terminal)


def run_terminal(args: argparse.Namespace) -> int:
    from sync.wiring import terminal_identity

    identity = terminal_identity(settings_from(args))
    if args.json:
        print_json(
            {
                "terminal_id": identity.terminal_id,
                "suite": identity.suite,
                "public_key": identity.public_key,
                "key_file": str(identity.key_file),
            }
        )
        return EXIT_OK
    print(f"terminal id: {identity.terminal_id}")
    print(f"suite:       {identity.suite}")
    print(f"public key:  {identity.public_key}")
    print(f"key file:    {identity.key_file}")
    print("enrol it on the platform with:")
    line = enrolment_line(identity.terminal_id, identity.public_key, identity.suite)
    print(f"  {line} --db URL")
    return EXIT_OK
