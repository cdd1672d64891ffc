"""What every subcommand shares: --config, --verbose, loading settings, exit codes, JSON output.

Nothing heavy is imported here: the settings (pydantic) load when a command runs, so that
parsing the command line, `--help` included, answers at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config_error import ConfigError
from kiosk.logs import configure_logging

if TYPE_CHECKING:
    from kiosk.config import KioskSettings

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID_INPUT = 2
EXIT_CONFIG = 78  # sysexits EX_CONFIG: systemd shows it as a configuration error

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class CommandFailed(Exception):
    """A command could not do its job; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_verbose(parser: argparse.ArgumentParser, *, default: object = False) -> None:
    """-v/--verbose, accepted before the subcommand and after it alike."""
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="also log what went well (INFO), not only warnings and errors",
    )


def config_parent() -> argparse.ArgumentParser:
    """A parent parser giving every subcommand the same --config and --verbose options."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="TOML settings file (default: $KIOSK_CONFIG, then /etc/kiosk/kiosk.toml)",
    )
    # SUPPRESS: a subcommand that was not given -v must not reset a -v given before it.
    add_verbose(parent, default=argparse.SUPPRESS)
    return parent


def settings_from(args: argparse.Namespace, *, service: bool = False) -> KioskSettings:
    """The settings, with logging set up. A one-off command logs only warnings and errors
    unless --verbose; a `service` (the touchscreen, the agent) logs at the configured level."""
    from kiosk.config import load_settings

    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        raise CommandFailed(str(exc), EXIT_CONFIG) from exc
    if service:
        configure_logging(settings.log_level)
    else:
        configure_logging(terminal_log_level(settings.log_level, verbose=args.verbose))
    return settings


def terminal_log_level(configured: str, *, verbose: bool) -> str:
    """At most INFO with --verbose (DEBUG if configured), else at least WARNING: a technician's
    terminal shows problems, not every migration check and plugin a library sets up."""
    floor, ceiling = ("DEBUG", "INFO") if verbose else ("WARNING", "ERROR")
    index = min(max(_LEVELS.index(configured), _LEVELS.index(floor)), _LEVELS.index(ceiling))
    return _LEVELS[index]


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
