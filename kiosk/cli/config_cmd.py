"""`kiosk config`: the settings for technicians over SSH, as the console's page has them: show
what is in force (secrets masked), set keys (validated whole before the file is written,
each change audited), and validate a file."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import (
    EXIT_CONFIG,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    CommandFailed,
    print_json,
    settings_from,
    terminal_log_level,
)
from kiosk.config_error import ConfigError
from kiosk.logs import configure_logging

if TYPE_CHECKING:
    from kiosk.config_edit.editor import SavedChanges

# What each way a change takes effect means to whoever typed it on the command line: the
# running touchscreen and agent read the file only when they start.
_TAKES_EFFECT = {
    "live": "when the touchscreen app next starts (systemctl restart kiosk)",
    "app_restart": "when the touchscreen app next starts (systemctl restart kiosk)",
    "agent_restart": "when the sync agent next starts (systemctl restart kiosk-sync-agent)",
    "restart": "when the touchscreen app and the sync agent next start",
}


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    config = commands.add_parser("config", help="show, change and check the settings")
    actions = config.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser(
        "show", parents=[parent], help="the settings in force (secrets masked) and their file"
    )
    show.add_argument("--json", action="store_true", help="print them as JSON")
    show.set_defaults(handler=run_show)
    change = actions.add_parser(
        "set",
        parents=[parent],
        help="change settings: KEY=VALUE ...",
        description="Change settings by dotted key (terminal.hotline=12345, ui.voice=false, "
        "platform.ca_bundle= to take one out). The whole file is validated first; on any "
        "refusal nothing is written. Every change is audited.",
    )
    change.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    change.set_defaults(handler=run_set)
    validate = actions.add_parser(
        "validate", parents=[parent], help="check a settings file (exit 78 if invalid)"
    )
    validate.set_defaults(handler=run_validate)


def run_show(args: argparse.Namespace) -> int:
    from kiosk.config import settings_source
    from kiosk.config_edit.declaration import declared_settings
    from kiosk.config_edit.values import shown

    settings = settings_from(args)
    values = settings.model_dump()
    listed = {s.key: shown(s.key, _value_at(values, s.key)) for s in declared_settings(values)}
    source = settings_source(args.config)
    if args.json:
        print_json({"source": source, "settings": listed})
        return EXIT_OK
    print(f"# {source}; defaults below it, KIOSK_* environment variables above it")
    for key, value in listed.items():
        print(f"{key} = {value}")
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    """The changes are validated and written first, then audited in the log of the kiosk
    the new settings describe: a file that is invalid now can still be mended."""
    from kiosk.config import file_to_change
    from kiosk.config_edit.editor import SavedChanges, SettingsFile, record
    from kiosk.printing import NoPrinter
    from kiosk.wiring.services import build_services

    texts = _assignments(args.assignments)
    target = SettingsFile(file_to_change(args.config))
    try:
        saved = SavedChanges(target.path, target.changes(texts))
        settings = target.write(saved)
    except ConfigError as exc:
        raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    except OSError as exc:  # not root, a read-only file system, no such directory
        raise CommandFailed(f"{target.path} cannot be written: {exc}") from exc
    if settings is not None:
        configure_logging(terminal_log_level(settings.log_level, verbose=args.verbose))
        services = build_services(settings, NoPrinter())  # the kiosk's audit log, as the app's
        try:
            record(saved, cli_actor(), services.audit)
        finally:
            services.close()
    _report(saved)
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from kiosk.config import settings_source

    try:
        settings_from(args)
    except CommandFailed as exc:
        raise CommandFailed(str(exc), EXIT_CONFIG) from exc
    print(f"valid ({settings_source(args.config)})")
    return EXIT_OK


def cli_actor() -> str:
    """Who changed a setting from the command line, for the audit log: the Unix account,
    and whether it came in over SSH."""
    how = "ssh" if os.environ.get("SSH_CONNECTION") else "shell"
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"technician@{how}:{user}"


def _assignments(assignments: list[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for assignment in assignments:
        key, equals, text = assignment.partition("=")
        if not equals or not key.strip():
            raise CommandFailed(
                f"{assignment!r}: write KEY=VALUE, e.g. terminal.hotline=12345",
                EXIT_INVALID_INPUT,
            )
        texts[key.strip()] = text
    return texts


def _report(saved: SavedChanges) -> None:
    from kiosk.config_edit.values import shown

    if not saved.changes:
        print(f"{saved.path}: nothing to change, every value was already so")
        return
    for change in saved.changes:
        old, new = shown(change.key, change.old), shown(change.key, change.new)
        when = _TAKES_EFFECT[change.setting.applies.value]
        print(f"{change.key}: {old} -> {new} (takes effect {when})")
        overriding = _environment_name(change.key)
        if overriding in os.environ:
            print(f"  note: {overriding} in the environment overrides it", file=sys.stderr)
    print(f"{saved.path}: saved", file=sys.stderr)


def _environment_name(key: str) -> str:
    """The variable that overrides a setting (kiosk.settings_env): KIOSK_UI__VOICE."""
    return "KIOSK_" + key.upper().replace(".", "__")


def _value_at(values: dict[str, Any], dotted: str) -> object:
    found: Any = values
    for part in dotted.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found
