"""`kiosk catalog`: the matters this kiosk offers."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_OK, CommandFailed, print_json, settings_from


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    catalog = commands.add_parser("catalog", help="the service catalog")
    actions = catalog.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[parent], help="list the matters offered")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    from kiosk.catalog import CatalogError, load_catalog

    settings_from(args)
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        raise CommandFailed(f"the catalog is invalid:\n{exc}") from exc
    rows = [
        {
            "code": m.code,
            "name": m.name,
            "department": m.department,
            "case_type": m.case_type.value,
            "handling": list(m.handling),
        }
        for m in catalog.matters
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']}  {row['name']}  ({row['department']}, {row['case_type']})")
    return EXIT_OK
