"""`kiosk catalog`: validate, list, show and install catalogs, print one-time notices."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.cli.common import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
    settings_from,
)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    catalog = commands.add_parser("catalog", help="the service catalog")
    actions = catalog.add_subparsers(dest="action", required=True, metavar="ACTION")

    validate = actions.add_parser(
        "validate", parents=[parent], help="check a catalog directory, listing every problem"
    )
    validate.add_argument("path", type=Path, metavar="PATH", help="the catalog directory")
    validate.set_defaults(handler=run_validate)

    listing = actions.add_parser("list", parents=[parent], help="list matters and bundles")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser(
        "show", parents=[parent], help="print a service guide (办事指南), or with --fields its form"
    )
    show.add_argument("code", metavar="CODE", help="a matter's or bundle's code")
    show.add_argument(
        "--fields",
        action="store_true",
        help="the form's fields, materials and delivery methods: what `kiosk submit --data` takes",
    )
    show.add_argument("--json", action="store_true", help="with --fields: print them as JSON")
    show.set_defaults(handler=run_show)

    notice = actions.add_parser(
        "notice", parents=[parent], help="print the one-time notice (一次性告知单)"
    )
    notice.add_argument("code", metavar="CODE", help="a matter's or bundle's code")
    notice.add_argument(
        "--printer", metavar="URI", help="printer URI (default: the configured printer)"
    )
    notice.set_defaults(handler=run_notice)

    install = actions.add_parser(
        "install",
        parents=[parent],
        help="validate a catalog and make it the one in force (a running kiosk switches "
        "between sessions)",
    )
    install.add_argument("path", type=Path, metavar="PATH", help="the catalog directory")
    install.set_defaults(handler=run_install)


def _catalog(args: argparse.Namespace) -> Any:
    from kiosk.catalog.holder import CatalogHolder
    from kiosk.catalog.loader import CatalogError

    settings = settings_from(args)
    try:
        return CatalogHolder(settings.data_dir).current()
    except CatalogError as exc:
        raise CommandFailed(f"the catalog is invalid:\n{exc}") from exc


def _offering(args: argparse.Namespace, catalog: Any = None) -> Any:
    from kiosk.catalog.offerings import find_offering

    found = find_offering(catalog or _catalog(args), args.code)
    if found is None:
        raise CommandFailed(f"no matter or bundle with code {args.code}; see kiosk catalog list")
    return found


def run_validate(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import CatalogError, load_catalog

    settings_from(args)
    try:
        catalog = load_catalog(args.path)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s); the catalog is refused", file=sys.stderr)
        return EXIT_FAILURE
    departments = {m.department for m in catalog.matters}
    print(
        f"catalog {catalog.version} ({catalog.region}) is valid: {len(catalog.matters)} matters "
        f"from {len(departments)} departments, {len(catalog.bundles)} bundles"
    )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from kiosk.catalog.offerings import all_offerings

    rows = [
        {
            "code": o.code,
            "kind": "bundle" if o.is_bundle else "matter",
            "name": o.name.zh,
            "name_en": o.name.en,
            "department": "、".join(o.departments),
            "case_type": "、".join(dict.fromkeys(m.case_type.value for m in o.members)),
            "handling": list(dict.fromkeys(h.value for m in o.members for h in m.handling)),
            "members": [m.code for m in o.members] if o.is_bundle else [],
        }
        for o in all_offerings(_catalog(args))
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            mark = "一件事 " if row["kind"] == "bundle" else ""
            print(f"{row['code']}  {mark}{row['name']}  ({row['department']}, {row['case_type']})")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from kiosk.notices import guide_sections

    if args.json and not args.fields:
        raise CommandFailed("--json goes with --fields", EXIT_INVALID_INPUT)
    if args.fields:
        return _show_fields(args)
    offering = _offering(args)
    print(f"{offering.name.zh}  [{offering.code}]")
    print(offering.short_description)
    for section in guide_sections(offering):
        print(f"\n【{section.heading}】")
        for line in section.lines:
            print(f"  · {line}")
    return EXIT_OK


def run_notice(args: argparse.Namespace) -> int:
    from kiosk.notices import one_time_notice
    from kiosk.wiring.printer import build_printer

    settings = settings_from(args)
    offering = _offering(args)
    now = datetime.now(UTC).astimezone(ZoneInfo(settings.terminal.timezone))
    printer = build_printer(args.printer or settings.devices.printer.uri, settings)
    try:
        outcome = printer.print_notice(one_time_notice(offering, settings.terminal.hotline, now))
    finally:
        printer.close()
    if not outcome.printed:
        raise CommandFailed(f"the notice was not printed: {outcome.problem}")
    print(f"printed the one-time notice of {offering.name.zh}")
    return EXIT_OK


def run_install(args: argparse.Namespace) -> int:
    from kiosk.catalog.holder import CatalogHolder
    from kiosk.catalog.loader import CatalogError

    settings = settings_from(args)
    holder = CatalogHolder(settings.data_dir)
    try:
        catalog = holder.install(args.path)
    except CatalogError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        raise CommandFailed(f"refused; the catalog in force stays:\n{problems}") from exc
    print(f"catalog {catalog.version} is now in force")
    return EXIT_OK


def _show_fields(args: argparse.Namespace) -> int:
    from kiosk.cli.form_text import form_lines
    from kiosk.forms.form_description import describe_form

    catalog = _catalog(args)
    form = describe_form(_offering(args, catalog), catalog.version)
    if args.json:
        print_json(form)
    else:
        print("\n".join(form_lines(form)))
    return EXIT_OK
