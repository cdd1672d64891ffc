"""`kiosk`: the command line of the self-service kiosk.

Each subcommand module registers its options with the standard library only and imports what
it needs when it runs, so a command pays for its own dependencies and no others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk.cli import (
    audit_cmd,
    catalog_cmd,
    config_cmd,
    device_cmd,
    diagnostics_cmd,
    doctor_cmd,
    housekeeping_cmd,
    keys_cmd,
    platform_cmd,
    provision_cmd,
    queue_cmd,
    receipt_cmd,
    run_cmd,
    staff_cmd,
    submit_cmd,
    sync_cmd,
    update_cmd,
)
from kiosk.cli.common import EXIT_CONFIG, CommandFailed, add_verbose, config_parent
from kiosk.config_error import ConfigError
from kiosk.wiring.companion import end_with_parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="政务服务自助终端 — government self-service kiosk. "
        "KIOSK_DATA_DIR moves all state to one directory.",
    )
    add_verbose(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parent = config_parent()
    for module in (
        run_cmd,
        submit_cmd,
        queue_cmd,
        catalog_cmd,
        receipt_cmd,
        device_cmd,
        doctor_cmd,
        config_cmd,
        housekeeping_cmd,
        diagnostics_cmd,
        platform_cmd,
        sync_cmd,
        keys_cmd,
        provision_cmd,
        audit_cmd,
        staff_cmd,
        update_cmd,
    ):
        module.register(commands, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    end_with_parent()
    try:
        code: int = args.handler(args)
    except CommandFailed as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except ConfigError as exc:  # found while wiring, after the file itself was valid
        from kiosk.config import settings_source  # pydantic only on this path

        source = settings_source(getattr(args, "config", None))
        print(f"kiosk: {exc}\n({source}; another file: --config PATH)", file=sys.stderr)
        return EXIT_CONFIG
    return code


if __name__ == "__main__":
    sys.exit(main())
