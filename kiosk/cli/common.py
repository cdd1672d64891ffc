"""What every subcommand shares: --config, loading settings, exit codes, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.config import ConfigError, KioskSettings, load_settings
from kiosk.logs import configure_logging

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID_INPUT = 2
EXIT_CONFIG = 78  # sysexits EX_CONFIG: systemd shows it as a configuration error


class CommandFailed(Exception):
    """A command could not do its job; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def config_parent() -> argparse.ArgumentParser:
    """A parent parser giving every subcommand the same --config option."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="TOML settings file (default: $KIOSK_CONFIG, then /etc/kiosk/kiosk.toml)",
    )
    return parent


def settings_from(args: argparse.Namespace) -> KioskSettings:
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        raise CommandFailed(str(exc), EXIT_CONFIG) from exc
    configure_logging(settings.log_level)
    return settings


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
