"""`kiosk receipt`: print again a receipt that did not print (or was lost)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_OK, CommandFailed, settings_from


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    receipt = commands.add_parser("receipt", help="receipts")
    actions = receipt.add_subparsers(dest="action", required=True, metavar="ACTION")
    reprint = actions.add_parser("reprint", parents=[parent], help="print a case's receipt again")
    reprint.add_argument(
        "case_number",
        metavar="CASE",
        help="the case number (办件编号), or the text of the receipt's QR code",
    )
    reprint.set_defaults(handler=run_reprint)


def run_reprint(args: argparse.Namespace) -> int:
    from kiosk.audit.trail import COMMAND_LINE
    from kiosk.console.reprint import ReceiptReprint
    from kiosk.wiring.printer import build_printer
    from kiosk.wiring.services import build_services

    settings = settings_from(args)
    printer = build_printer(settings.devices.printer.uri, settings)
    services = build_services(settings, printer)
    try:
        outcome = ReceiptReprint(services.submissions).reprint(args.case_number, COMMAND_LINE)
    finally:
        services.close()
        printer.close()
    if not outcome.ok:
        raise CommandFailed(f"not printed: {outcome.message.render('en_US')}")
    print(outcome.message.render("en_US"))
    return EXIT_OK
