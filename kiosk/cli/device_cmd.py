"""`kiosk device`: try the devices by hand (a technician at a kiosk, or after a repair)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from

if TYPE_CHECKING:
    from drivers.idcard.record import IdCardRecord


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    device = commands.add_parser(
        "device", help="test the ID card reader, printer, QR scanner and decoding"
    )
    actions = device.add_subparsers(dest="action", required=True, metavar="ACTION")

    read_id = actions.add_parser(
        "read-id", parents=[parent], help="read the card on an ID card reader (SAM protocol)"
    )
    read_id.add_argument("--port", required=True, help="the reader's serial port")
    read_id.add_argument("--baud", type=int, default=115200, help="baud rate (default 115200)")
    read_id.add_argument("--json", action="store_true", help="print the record as JSON")
    read_id.add_argument(
        "--reveal",
        action="store_true",
        help="show name and ID number in full (masked by default: output may be logged)",
    )
    read_id.set_defaults(handler=run_read_id)

    print_test = actions.add_parser(
        "print-test", parents=[parent], help="print a test receipt (Chinese, QR, rare character)"
    )
    print_test.add_argument("--printer", metavar="URI", help="default: the configured printer")
    print_test.set_defaults(handler=run_print_test)

    scan = actions.add_parser(
        "scan", parents=[parent], help="read one code from the configured QR scanner"
    )
    scan.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_SCAN_TIMEOUT_S,
        metavar="SECONDS",
        help=f"how long to wait for a code (default {DEFAULT_SCAN_TIMEOUT_S:g})",
    )
    scan.add_argument("--json", action="store_true", help="print the code and the scanner as JSON")
    scan.set_defaults(handler=run_scan)

    decode = actions.add_parser("decode", parents=[parent], help="decode QR codes in images")
    decode.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    decode.add_argument("--json", action="store_true", help="one JSON line per image")
    decode.set_defaults(handler=run_decode)


# Long enough to pick up a phone or a receipt and hold it to the scanner.
DEFAULT_SCAN_TIMEOUT_S = 15.0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("give between 0 and 3600 seconds")
    return value


def run_scan(args: argparse.Namespace) -> int:
    from drivers.qr import NothingScanned, ScannerFault, ScannerFaultKind
    from kiosk.cli.scanner_probe import advice, described, label, missing_device, quiet_opencv
    from kiosk.wiring.console_probes import read_one_code
    from kiosk.wiring.devices import build_scanner

    settings = settings_from(args).devices.qr_scanner
    if settings is None:
        raise CommandFailed(
            "no QR scanner configured: add a [devices.qr_scanner] section with "
            'kind = "serial", "hid" or "camera" to the settings file'
        )
    problem = missing_device(settings)
    if problem is not None:
        raise CommandFailed(problem)
    quiet_opencv()
    scanner = build_scanner(settings)
    try:
        result = read_one_code(scanner, args.timeout)
    finally:
        scanner.close()
    if isinstance(result, NothingScanned):
        raise CommandFailed(
            f"nothing scanned within {args.timeout:g} s by the {label(settings)}: "
            "hold the code to it and try again (--timeout for longer)"
        )
    if isinstance(result, ScannerFault):
        if result.kind is ScannerFaultKind.GARBLED:
            raise CommandFailed(
                f"the {label(settings)} sent a code that cannot be read ({result.detail}); "
                "check the scanner's output settings (UTF-8 or GBK, Enter after each code, "
                "US keyboard layout)"
            )
        raise CommandFailed(advice(settings, result))
    if args.json:
        print_json({"text": result.text, "scanner": described(settings)})
    else:
        print(result.text)
    return EXIT_OK


def run_read_id(args: argparse.Namespace) -> int:
    from drivers.idcard import CardPresent, NoCard, SamSerialReader

    settings_from(args)
    reader = SamSerialReader(args.port, baudrate=args.baud)
    try:
        result = reader.read_card()
    finally:
        reader.close()
    if isinstance(result, NoCard):
        raise CommandFailed("no card on the reader: place the ID card flat on it and try again")
    if not isinstance(result, CardPresent):
        raise CommandFailed(f"{result.message} ({result.kind.name})")
    record = card_json(result.record, reveal=args.reveal)
    if args.json:
        print_json(record)
    else:
        for key, value in _flat(record):
            print(f"{key:<32} {value}")
    return EXIT_OK


# CardType member name -> the JSON's card_type and card_edition.
_CARD_TYPES: dict[str, tuple[str, str | None]] = {
    "RESIDENT": ("resident", None),
    "HMT_RESIDENCE_PERMIT": ("hmt_residence_permit", None),
    "FOREIGN_PERMANENT_2017": ("foreign_permanent_resident", "2017"),
    "FOREIGN_PERMANENT_2023": ("foreign_permanent_resident", "2023"),
}

# Masked unless --reveal: output may end up in a log or a ticket.
_NAME_FIELDS = frozenset({"name", "english_name"})
_NUMBER_FIELDS = frozenset({"id_number", "pass_number"})


def card_json(card: IdCardRecord, *, reveal: bool) -> dict[str, Any]:
    """The card as JSON: its type, and under ``fields`` exactly the fields that type carries.

    A card valid without expiry says so twice, ``"valid_to": "长期"`` and
    ``"valid_long_term": true``, so that no reader of the JSON takes it for unknown.
    """
    from drivers.idcard.record import CARD_FIELDS, LONG_TERM
    from kiosk.privacy import mask_id_number, mask_name

    def shown(field: str, value: str) -> str:
        if reveal or not value:
            return value
        if field in _NAME_FIELDS:
            return mask_name(value)
        if field in _NUMBER_FIELDS:
            return mask_id_number(value)
        return "***" if field == "address" else value

    fields: dict[str, Any] = {}
    for field in CARD_FIELDS[card.card_type]:
        value = getattr(card, field)
        if field == "valid_to":
            fields["valid_to"] = LONG_TERM if value is None else value.isoformat()
            fields["valid_long_term"] = card.valid_long_term
        elif isinstance(value, date):
            fields[field] = value.isoformat()
        else:
            fields[field] = shown(field, value)
    card_type, edition = _CARD_TYPES[card.card_type.name]
    record: dict[str, Any] = {"card_type": card_type}
    if edition is not None:
        record["card_edition"] = edition
    record["display_name"] = shown("name", card.display_name)
    record["fields"] = fields
    record["photo_bytes"] = len(card.photo_wlt)
    record["rare_characters_as_private_use"] = card.has_private_use_chars
    return record


def _flat(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """The JSON's lines for people: the card's fields listed under the card type."""
    lines: list[tuple[str, Any]] = []
    for key, value in record.items():
        if isinstance(value, dict):
            lines += [(f"  {field}", field_value) for field, field_value in value.items()]
        else:
            lines.append((key, value))
    return lines


def run_print_test(args: argparse.Namespace) -> int:
    from kiosk.console.sample_receipt import printer_test_receipt
    from kiosk.wiring.printer import build_printer

    settings = settings_from(args)
    terminal = settings.terminal
    receipt = printer_test_receipt(
        terminal.hall_name,
        terminal.id,
        settings.platform.lookup_url,
        terminal.hotline,
        datetime.now(UTC),
    )
    printer = build_printer(args.printer or settings.devices.printer.uri, settings)
    try:
        outcome = printer.print_receipt(receipt)
    finally:
        printer.close()
    if not outcome.printed:
        raise CommandFailed(f"the test receipt was not printed: {outcome.problem}")
    print("test receipt printed: check the Chinese text, the QR code and the line with 𠮷")
    return EXIT_OK


def run_decode(args: argparse.Namespace) -> int:
    from drivers.qr.decode import decode_file

    settings_from(args)
    found_all = True
    for image in args.images:
        text = decode_file(image)
        found_all &= text is not None
        if args.json:
            print_json({"file": str(image), "text": text})
        else:
            print(f"{image}: {text if text is not None else '(no QR code found)'}")
    if not found_all and not args.json:
        print("kiosk: some images had no readable QR code", file=sys.stderr)
    return EXIT_OK if found_all else EXIT_FAILURE
