"""`kiosk staff`: technicians keep the console's roster over SSH: add a staff number with a
role and PIN (typed twice, never echoed, or given on stdin by a script), list, remove."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_INVALID_INPUT, EXIT_OK, CommandFailed, print_json, settings_from

if TYPE_CHECKING:
    from kiosk.staff.roster import StaffMember, StaffRoster

# Who a change made from the command line is recorded as: the person on the machine's shell.
CLI_ACTOR = "technician"


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    staff = commands.add_parser("staff", help="staff numbers and PINs for the console")
    actions = staff.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add",
        parents=[parent],
        help="add a staff number, or set its role and PIN again",
        description="The PIN (6 to 8 digits, not one digit repeated, not a run like 123456) "
        "is asked twice and never shown; only its salted hash is stored.",
    )
    add.add_argument("number", metavar="NUMBER", help="the staff number (工号), 3 to 12 digits")
    add.add_argument("--role", choices=["staff", "technician"], required=True)
    add.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from the first line of stdin"
    )
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", parents=[parent], help="list staff numbers and roles")
    listing.add_argument("--json", action="store_true", help="print the roster as JSON")
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", parents=[parent], help="take a staff number off")
    remove.add_argument("number", metavar="NUMBER")
    remove.set_defaults(handler=run_remove)


def run_add(args: argparse.Namespace) -> int:
    from kiosk.staff.pins import InvalidPin, pin_problem
    from kiosk.staff.rights import Role
    from kiosk.staff.roster import RosterError, staff_number_problem

    problem = staff_number_problem(args.number)
    if problem is not None:
        raise CommandFailed(problem.render("en"), EXIT_INVALID_INPUT)
    pin = _read_pin(from_stdin=args.pin_stdin)
    problem = pin_problem(pin)
    if problem is not None:
        raise CommandFailed(problem.render("en"), EXIT_INVALID_INPUT)
    with _roster(args) as roster:
        try:
            roster.set_pin(args.number, Role(args.role), pin, actor=CLI_ACTOR)
        except (InvalidPin, RosterError) as exc:
            raise CommandFailed(exc.message.render("en"), EXIT_INVALID_INPUT) from exc
    print(f"staff number {args.number} may open the console as {args.role}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with _roster(args) as roster:
        members = _members(roster)
    if args.json:
        print_json([{"number": m.number, "role": m.role.value} for m in members])
        return EXIT_OK
    if not members:
        print("nobody may open the console yet: add someone with `kiosk staff add`")
    for member in members:
        print(f"{member.number}\t{member.role.value}")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    with _roster(args) as roster:
        if not roster.remove(args.number, actor=CLI_ACTOR):
            raise CommandFailed(f"staff number {args.number} is not on the roster")
    print(f"staff number {args.number} removed")
    return EXIT_OK


def _read_pin(*, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN again: ") != first:
        raise CommandFailed("the two PINs differ; nothing was changed", EXIT_INVALID_INPUT)
    return first


@contextmanager
def _roster(args: argparse.Namespace) -> Iterator[StaffRoster]:
    """The roster, auditing into the kiosk's own trail (the services' audit log)."""
    from kiosk.printing import NoPrinter
    from kiosk.staff.roster import StaffRoster
    from kiosk.wiring.services import build_services

    settings = settings_from(args)
    services = build_services(settings, NoPrinter())
    try:
        yield StaffRoster(settings.data_dir, services.audit)
    finally:
        services.close()


def _members(roster: StaffRoster) -> list[StaffMember]:
    from kiosk.staff.roster import RosterError

    try:
        return roster.members()
    except RosterError as exc:
        raise CommandFailed(exc.message.render("en")) from exc
