"""`kiosk platform`: the reference provincial platform, for demos and tests.

It needs the optional extra (`pip install '.[platform]'`); everything it imports beyond the
kiosk's own packages is imported inside the handlers, so `kiosk` starts without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli import provisioning_issue
from kiosk.cli.common import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
)
from kiosk.logs import configure_logging

if TYPE_CHECKING:  # imported for real inside the handlers: the extra may be missing
    from sqlalchemy import Engine

    from sync.platform.keys import PlatformKeys
    from sync.platform.server import TlsFiles

EXTRA_MISSING = "the reference platform needs the optional extra: pip install '.[platform]'"
_EXTRA_MODULES = ("fastapi", "uvicorn", "psycopg")
_STATUSES = ("accepted", "in_review", "finished", "rejected")
# The commands that use no platform database (the province's provisioning ones among them).
_WITHOUT_DATABASE = ("openapi", "provisioning-key", "provisioning-bundle")


# The platform is another machine than a kiosk: its commands take what they need as options
# and read no kiosk settings file, so they offer no --config to be silently ignored.
NO_SETTINGS_FILE = (
    "The platform commands read no settings file (not /etc/kiosk/kiosk.toml, not "
    "$KIOSK_CONFIG): their options (--db, --keys) say where the platform's data and keys are."
)


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    del parent  # see NO_SETTINGS_FILE
    platform = commands.add_parser(
        "platform",
        help="the reference provincial platform (needs the 'platform' extra)",
        description=NO_SETTINGS_FILE,
    )
    actions = platform.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> Any:
        description = f"{text}. {NO_SETTINGS_FILE}"
        parser = actions.add_parser(name, help=text, description=description)
        parser.set_defaults(handler=handler)
        if name not in _WITHOUT_DATABASE:
            parser.add_argument(
                "--db",
                required=True,
                metavar="URL",
                help="postgresql+psycopg://user@host/db, or sqlite:///path for a quick run",
            )
        return parser

    def keys_option(parser: Any) -> None:
        parser.add_argument("--keys", required=True, type=Path, metavar="DIR", help="key dir")

    def json_option(parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")

    init = action(
        "init",
        run_init,
        "create the schema and keys, publish a catalog, print the kiosk's [platform] keys",
    )
    keys_option(init)
    init.add_argument(
        "--catalog", type=Path, metavar="PATH", help="catalog directory (default: shipped)"
    )
    init.add_argument(
        "--kiosk-config",
        type=Path,
        metavar="PATH",
        help="also write the keys into this kiosk settings file's [platform] table, in place "
        "(other lines and comments kept; created if missing)",
    )
    init.add_argument(
        "--platform-url",
        metavar="URL",
        help="with --kiosk-config, also set platform.url: this platform's base address as "
        "the kiosk reaches it, without /v1",
    )

    serve = action("serve", run_serve, "serve the platform API until SIGTERM or SIGINT")
    keys_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, required=True, help="TCP port to listen on")
    serve.add_argument("--tls-cert", type=Path, metavar="FILE", help="server certificate (PEM)")
    serve.add_argument("--tls-key", type=Path, metavar="FILE", help="its private key (PEM)")
    serve.add_argument(
        "--client-ca", type=Path, metavar="FILE", help="require client certificates it signed"
    )
    serve.add_argument(
        "--demo-progress",
        type=float,
        metavar="SECONDS",
        help="move every open case one status on this often (demos)",
    )
    serve.add_argument(
        "--timezone",
        default="Asia/Shanghai",
        help="the time zone that decides a submission's calendar day",
    )

    enrol = action("enrol", run_enrol, "enrol a terminal, or replace its key")
    enrol.add_argument(
        "--identity",
        type=Path,
        metavar="FILE",
        help="what `kiosk keys terminal --json` printed on the kiosk (instead of the three "
        "options below)",
    )
    enrol.add_argument("--terminal", metavar="ID", help="the terminal id")
    enrol.add_argument("--public-key", metavar="B64", help="its signing key")
    enrol.add_argument("--suite", default=None, help="its crypto suite (default: the standard)")

    publish = action("publish-catalog", run_publish, "validate, sign and publish a catalog")
    keys_option(publish)
    publish.add_argument("path", type=Path, metavar="PATH", help="the catalog directory")

    cases = action("cases", run_cases, "list the cases held (no personal data)")
    json_option(cases)

    advance = action("advance", run_advance, "move cases to a status (each step recorded)")
    which = advance.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="CASE_ID", help="one case, by the platform's id")
    which.add_argument("--all", action="store_true", help="every case that can move there")
    advance.add_argument("--to", required=True, choices=_STATUSES, help="the status to reach")
    advance.add_argument("--note", help="a note kiosks show with the change")

    for name, handler, text in (
        ("conflicts", run_conflicts, "idempotency keys sent again with other content"),
        ("refusals", run_refusals, "requests refused as forged, stale, replayed or unknown"),
        ("heartbeats", run_heartbeats, "the latest heartbeat of every terminal"),
    ):
        json_option(action(name, handler, text))

    openapi = action("openapi", run_openapi, "write the platform's OpenAPI document")
    openapi.add_argument("--output", type=Path, metavar="PATH", help="file (default: stdout)")

    provisioning_issue.register(action)


def run_init(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import default_catalog_dir
    from sync.platform.keys import PlatformKeys

    if args.platform_url is not None and args.kiosk_config is None:
        raise CommandFailed("--platform-url goes with --kiosk-config", EXIT_INVALID_INPUT)
    with _database(args) as engine:
        keys = PlatformKeys.load_or_create(args.keys)
        _publish(engine, keys, args.catalog or default_catalog_dir())
    if args.kiosk_config is not None:
        _write_kiosk_config(args.kiosk_config, keys, args.platform_url)
    sys.stdout.write(keys.kiosk_config())
    return EXIT_OK


def _write_kiosk_config(path: Path, keys: PlatformKeys, url: str | None) -> None:
    from kiosk.config_error import ConfigError
    from kiosk.settings_file import set_platform_keys

    values = keys.kiosk_settings() | ({"url": url} if url is not None else {})
    try:
        set_platform_keys(path, values)
    except ConfigError as exc:
        raise CommandFailed(f"{exc}\n{path} is unchanged", EXIT_INVALID_INPUT) from exc
    print(f"{path}: set platform.{', platform.'.join(values)}", file=sys.stderr)


def run_serve(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from sync.platform.app import create_app, utc_now
    from sync.platform.db import session_factory
    from sync.platform.demo import DemoProgress
    from sync.platform.server import CouldNotListen, serve

    tls = _tls_files(args)
    if args.demo_progress is not None and args.demo_progress <= 0:
        raise CommandFailed("--demo-progress must be a positive number", EXIT_INVALID_INPUT)
    try:
        timezone = ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CommandFailed(f"unknown time zone {args.timezone!r}", EXIT_INVALID_INPUT) from exc
    with _database(args) as engine:
        app = create_app(engine, _keys(args.keys), timezone=timezone)
        demo = None
        if args.demo_progress:
            demo = DemoProgress(session_factory(engine), args.demo_progress, utc_now)
            demo.start()
        try:
            serve(app, args.host, args.port, tls)
        except CouldNotListen as exc:
            raise CommandFailed(str(exc)) from exc
        finally:
            if demo is not None:
                demo.stop()
    return EXIT_OK


def run_enrol(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from kiosk.crypto import DEFAULT_SUITE
    from sync.platform.terminals import enrol_terminal

    terminal, public_key, suite = _terminal_to_enrol(args)
    with _database(args) as engine, Session(engine) as session, session.begin():
        try:
            new = enrol_terminal(session, terminal, public_key, suite or DEFAULT_SUITE, _now())
        except ValueError as exc:
            raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    print(f"{'enrolled' if new else 're-enrolled'} terminal {terminal}")
    return EXIT_OK


def _terminal_to_enrol(args: argparse.Namespace) -> tuple[str, str, str | None]:
    """Terminal id, public key and suite: from --identity, or from the options."""
    if args.identity is None:
        if args.terminal is None or args.public_key is None:
            raise CommandFailed(
                "give --identity FILE, or --terminal and --public-key", EXIT_INVALID_INPUT
            )
        return args.terminal, args.public_key, args.suite
    if args.terminal is not None or args.public_key is not None:
        raise CommandFailed("--identity already names the terminal and its key", EXIT_INVALID_INPUT)
    try:
        identity = json.loads(args.identity.read_text(encoding="utf-8"))
        fields = identity["terminal_id"], identity["public_key"], identity.get("suite")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CommandFailed(
            f"{args.identity}: not what `kiosk keys terminal --json` prints ({exc})",
            EXIT_INVALID_INPUT,
        ) from exc
    if not all(isinstance(value, str) for value in fields if value is not None):
        raise CommandFailed(f"{args.identity}: its values must be text", EXIT_INVALID_INPUT)
    return fields[0], fields[1], args.suite or fields[2]


def run_publish(args: argparse.Namespace) -> int:
    with _database(args) as engine:
        _publish(engine, _keys(args.keys), args.path)
    return EXIT_OK


def run_cases(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from sync.platform.reports import list_cases

    with _database(args) as engine, Session(engine) as session:
        cases = list_cases(session)
    if args.json:
        print_json(cases)
        return EXIT_OK
    for case in cases:
        print(
            f"{case['case_id']}  {case['case_number']}  {case['matter_code']}  "
            f"{case['status']:<9}  {case['received_at']}"
        )
    return EXIT_OK


def run_advance(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from sync.contract import CaseStatus
    from sync.platform.statuses import IllegalMove, UnknownCase, move_all, move_case

    target = CaseStatus(args.to)
    with _database(args) as engine, Session(engine) as session, session.begin():
        if args.all:
            moved = move_all(session, target, _now(), args.note)
            print(f"{moved} case(s) moved to {target.value}")
            return EXIT_OK
        try:
            steps = move_case(session, args.case, target, _now(), args.note)
        except (IllegalMove, UnknownCase) as exc:
            raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    print(f"{args.case}: {' → '.join(step.value for step in steps)}")
    return EXIT_OK


def run_conflicts(args: argparse.Namespace) -> int:
    from sync.platform.reports import list_conflicts

    return _report(args, list_conflicts, ("at", "kind", "terminal_id", "idempotency_key"))


def run_refusals(args: argparse.Namespace) -> int:
    from sync.platform.reports import list_refusals

    return _report(args, list_refusals, ("at", "code", "terminal_id", "path"))


def run_heartbeats(args: argparse.Namespace) -> int:
    from sync.platform.heartbeats import latest_heartbeats

    return _report(args, latest_heartbeats, ("terminal_id", "received_at", "audit_log_state"))


def run_openapi(args: argparse.Namespace) -> int:
    _require_extra()
    from sync.platform.apidoc import openapi_document

    document = openapi_document()
    if args.output is None:
        sys.stdout.write(document)
    else:
        args.output.write_text(document, encoding="utf-8")
    return EXIT_OK


def _report(args: argparse.Namespace, query: Callable[[Any], Any], columns: tuple[str, ...]) -> int:
    from sqlalchemy.orm import Session

    with _database(args) as engine, Session(engine) as session:
        rows = query(session)
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print("  ".join(str(row[column]) for column in columns))
    return EXIT_OK


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Engine]:
    """An engine on --db with the schema in place, disposed of after."""
    _require_extra()
    configure_logging("INFO")
    from sqlalchemy.exc import OperationalError

    from sync.platform.db import BadDatabaseUrl, create_schema, open_platform_engine

    try:
        engine = open_platform_engine(args.db)
    except BadDatabaseUrl as exc:
        raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    try:
        create_schema(engine)
        yield engine
    except OperationalError as exc:
        raise CommandFailed(f"cannot use the database: {exc.orig}") from exc
    finally:
        engine.dispose()


def _require_extra() -> None:
    if any(importlib.util.find_spec(name) is None for name in _EXTRA_MODULES):
        raise CommandFailed(EXTRA_MISSING, EXIT_FAILURE)


def _keys(directory: Path) -> PlatformKeys:
    from sync.platform.keys import KeysMissing, PlatformKeys

    try:
        return PlatformKeys.load(directory)
    except (KeysMissing, ValueError) as exc:
        raise CommandFailed(str(exc)) from exc


def _publish(engine: Engine, keys: PlatformKeys, directory: Path) -> None:
    from sqlalchemy.orm import Session

    from kiosk.catalog.loader import CatalogError
    from sync.platform.catalogs import CatalogConflict, publish_catalog

    try:
        with Session(engine) as session, session.begin():
            published, new = publish_catalog(session, keys, directory, _now())
    except CatalogError as exc:
        problems = "\n".join(exc.problems)
        raise CommandFailed(f"the catalog is invalid:\n{problems}", EXIT_INVALID_INPUT) from exc
    except CatalogConflict as exc:
        raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    state = "published" if new else "already published"
    print(f"catalog {published.version} {state}", file=sys.stderr)


def _tls_files(args: argparse.Namespace) -> TlsFiles | None:
    if args.tls_cert is None and args.tls_key is None:
        if args.client_ca is not None:
            raise CommandFailed("--client-ca needs --tls-cert and --tls-key", EXIT_INVALID_INPUT)
        return None
    if args.tls_cert is None or args.tls_key is None:
        raise CommandFailed("--tls-cert and --tls-key go together", EXIT_INVALID_INPUT)
    for path in (args.tls_cert, args.tls_key, args.client_ca):
        if path is not None and not path.is_file():
            raise CommandFailed(f"{path}: no such file", EXIT_INVALID_INPUT)
    from sync.platform.server import TlsFiles

    return TlsFiles(args.tls_cert, args.tls_key, args.client_ca)


def _now() -> datetime:
    return datetime.now(UTC)
