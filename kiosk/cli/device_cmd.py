"""`kiosk device`: try the devices by hand (a technician at a kiosk, or after a repair)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    device = commands.add_parser("device", help="test the ID card reader, printer, QR decoding")
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

    decode = actions.add_parser("decode", parents=[parent], help="decode QR codes in images")
    decode.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    decode.add_argument("--json", action="store_true", help="one JSON line per image")
    decode.set_defaults(handler=run_decode)


def run_read_id(args: argparse.Namespace) -> int:
    from drivers.idcard import CardPresent, NoCard, SamSerialReader
    from kiosk.privacy import mask_id_number, mask_name

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
    card = result.record
    name = card.name if args.reveal else mask_name(card.name)
    number = card.id_number if args.reveal else mask_id_number(card.id_number)
    record = {
        "card_type": card.card_type.name,
        "name": name,
        "sex": card.sex,
        "nation": card.nation,
        "birth_date": card.birth_date.isoformat(),
        "address": card.address if args.reveal else "",
        "id_number": number,
        "issuer": card.issuer,
        "valid_from": card.valid_from.isoformat(),
        "valid_to": card.valid_to.isoformat() if card.valid_to else None,
        "photo_bytes": len(card.photo_wlt),
        "rare_characters_as_private_use": card.has_private_use_chars,
    }
    if args.json:
        print_json(record)
    else:
        for key, value in record.items():
            print(f"{key:<32} {value}")
    return EXIT_OK


def run_print_test(args: argparse.Namespace) -> int:
    from kiosk.receipts import DeferredMaterial, Receipt, ReceiptCase
    from kiosk.wiring.devices import build_printer

    settings = settings_from(args)
    now = datetime.now(UTC)
    receipt = Receipt(
        hall_name="打印测试 · " + settings.terminal.hall_name,
        terminal_id=settings.terminal.id or "TEST",
        title="打印测试回执（生僻字：𠮷）",
        cases=(
            ReceiptCase("TEST0000-20260101-000001", "测试事项", "测试部门", "承诺件", now.date()),
        ),
        applicant_name_masked="王**",
        applicant_id_masked="110***********002X",
        submitted_at=now,
        deferred=(DeferredMaterial("收入证明", now.date()),),
        commitments_signed=1,
        delivery="邮寄",
        next_steps=("中文 GB18030、二维码、位图行都应清晰可读", "金额符号：￥20.00"),
        lookup_payload=settings.platform.lookup_url.format(case_number="TEST0000-20260101-000001"),
        hotline=settings.terminal.hotline,
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
