"""How long a full ID card read takes, against the time its bytes alone need on the line.

``SamSerialReader.read_card()`` (find, select, read text and photo) runs against the pty
simulator paced at a real baud rate (8N1, 10 bits a byte), so the ratio measured/bytes-only
shows what the driver, the pty and the scheduler add to what the UART costs anyway. An
unpaced run shows that overhead on its own. Real readers add the card's radio link on top;
a simulator cannot say how much.

The simulator paces only its replies (see ``simulator``); requests reach it at pty speed.
So the floor a measurement can approach is the replies' line time, 2 % under the
bytes-only figure (which counts both directions, as a real line does): a median/bytes-only
ratio just under 1 is expected, and median/replies is the overhead above that floor.

Usage: uv run python benchmarks/id_card_read.py [COUNT] [--baud 115200,9600] [--smoke]
       (--smoke: 3 reads, unpaced and at 115200 baud only, to check that it still runs)
"""

from __future__ import annotations

import argparse
import statistics
import time

from drivers.idcard import demo_cards
from drivers.idcard.frames import (
    FIND_CARD,
    READ_TEXT_PHOTO,
    SELECT_CARD,
    encode_command,
    encode_response,
)
from drivers.idcard.interface import CardPresent
from drivers.idcard.record import IdCardRecord
from drivers.idcard.sam_reader import SamSerialReader
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.status import Sw3
from drivers.idcard.text import encode_text

CARD = demo_cards.ELDERLY_RESIDENT
BITS_PER_BYTE = 10  # 8N1: start bit, eight data bits, stop bit
DEFAULT_BAUDS = "115200,9600"
# Below 38400 baud one read needs over a third of a second of line time (1.4 s at 9600);
# a few reads give the picture there.
SLOW_LINE_BAUD = 38400
SLOW_LINE_COUNT = 5
SMOKE_COUNT = 3
SMOKE_BAUDS = "115200"  # the slow line alone would take seconds a read


def wire_bytes(card: IdCardRecord) -> tuple[int, int]:
    """Request and reply bytes of find + select + read text and photo, built as sent."""
    requests = sum(
        len(encode_command(*command)) for command in (FIND_CARD, SELECT_CARD, READ_TEXT_PHOTO)
    )
    text, photo = encode_text(card), card.photo_wlt
    content = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
    replies = (
        len(encode_response(0, 0, Sw3.CARD_FOUND, bytes(4)))
        + len(encode_response(0, 0, Sw3.OK, bytes(8)))
        + len(encode_response(0, 0, Sw3.OK, content))
    )
    return requests, replies


def time_reads(baudrate: int | None, count: int) -> list[float]:
    """Seconds per full ``read_card()``, the card placed afresh before each."""
    with SamSimulator(baudrate=baudrate) as simulator:
        line_baud = baudrate or 115200
        with SamSerialReader(simulator.path, baudrate=line_baud) as reader:
            simulator.place_card(CARD)
            if reader.read_card() != CardPresent(CARD):  # warm-up: opens the port
                raise SystemExit("warm-up read failed")
            timings = []
            for _ in range(count):
                simulator.place_card(CARD)
                started = time.perf_counter()
                result = reader.read_card()
                timings.append(time.perf_counter() - started)
                if result != CardPresent(CARD):
                    raise SystemExit(f"read failed: {result}")
    return timings


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20)
    parser.add_argument(
        "--baud",
        default=DEFAULT_BAUDS,
        help=f"comma-separated baud rates (default {DEFAULT_BAUDS})",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_COUNT} reads at {SMOKE_BAUDS} baud: check that it runs",
    )
    args = parser.parse_args()
    if args.smoke:
        args.count, args.baud = SMOKE_COUNT, SMOKE_BAUDS
    requests, replies = wire_bytes(CARD)
    print(
        f"full read = find + select + read text+photo: {requests} request + {replies} reply"
        f" = {requests + replies} bytes, {BITS_PER_BYTE} bits each"
    )

    unpaced = time_reads(None, args.count)
    print(
        f"pty unpaced  ({args.count} reads): median {statistics.median(unpaced) * 1e3:7.2f} ms,"
        f" p90 {p90(unpaced) * 1e3:7.2f} ms"
    )
    for baudrate in (int(part) for part in args.baud.split(",")):
        count = args.count if baudrate >= SLOW_LINE_BAUD else min(args.count, SLOW_LINE_COUNT)
        timings = time_reads(baudrate, count)
        median = statistics.median(timings)
        bytes_only = (requests + replies) * BITS_PER_BYTE / baudrate
        replies_only = replies * BITS_PER_BYTE / baudrate
        print(
            f"{baudrate:>6} baud ({count} reads): median {median * 1e3:7.2f} ms,"
            f" p90 {p90(timings) * 1e3:7.2f} ms; bytes alone {bytes_only * 1e3:7.2f} ms"
            f" (replies {replies_only * 1e3:.2f} ms); median/bytes-only"
            f" {median / bytes_only:.3f} (median/replies {median / replies_only:.3f})"
        )


if __name__ == "__main__":
    main()
