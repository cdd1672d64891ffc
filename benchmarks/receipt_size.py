"""Bytes and serial send time of a Chinese receipt as text versus as one big raster image.

The text stream is what the kiosk sends (`encode_document`: GB18030 in Chinese mode, the
printer's native QR command, a GS v 0 line only for characters beyond the printer's font). The
raster stream is the approach many point-of-sale systems take to avoid code-page trouble: the
same receipt rendered as the printer would print it (`drivers.printer.render`), then sent as
GS v 0 bands, blank feed rows included, followed by the same cut. The receipt is the kiosk's own
layout (`layout_receipt`) of a three-case bundle with a deferred material, the hotline and the
progress-lookup QR code.

Send time assumes the printer takes bytes as fast as the line delivers them: 8N1 framing is 10
bits on the wire per byte (start, 8 data, stop), at 115200 and 9600 baud.

Usage: uv run --frozen python benchmarks/receipt_size.py [--smoke]
       (one receipt takes a second or two: --smoke runs the very same measurement)
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
from PIL import Image

from drivers.printer import Paper, encode_document, render_receipts
from drivers.printer.commands import INITIALIZE, cut, raster_image
from drivers.printer.raster import Bitmap
from kiosk.receipts import DeferredMaterial, Receipt, ReceiptCase
from kiosk.wiring.receipt_layout import layout_receipt

BAUD_RATES = (115_200, 9_600)
BITS_PER_BYTE = 10  # 8N1: start bit, 8 data bits, stop bit
# 64 rows keep each GS v 0 command under 5 KB even on 80 mm paper (72 bytes a row), so a
# printer with a small receive buffer starts printing before the whole image has arrived; the
# 8-byte header per band costs about 0.2 %.
BAND_ROWS = 64
DOTS_PER_MM = 8  # 203 dpi

PAPER_LABELS = {Paper.MM58: "58 mm", Paper.MM80: "80 mm"}
CASE_PREFIX = "KSK0007-20250314-"


def sample_receipt() -> Receipt:
    """新生儿出生一件事 at a hall kiosk: three departments, one material still owed."""
    submitted = datetime(2025, 3, 14, 10, 26, tzinfo=ZoneInfo("Asia/Shanghai"))
    return Receipt(
        hall_name="市民服务中心 24小时自助服务区",
        terminal_id="KSK0007",
        title="新生儿出生一件事",
        cases=(
            ReceiptCase(
                f"{CASE_PREFIX}000041",
                "出生医学证明签发",
                "市卫生健康委员会",
                "承诺件",
                date(2025, 3, 21),
            ),
            ReceiptCase(
                f"{CASE_PREFIX}000042",
                "出生登记（户口登记）",
                "市公安局人口管理支队",
                "承诺件",
                date(2025, 3, 24),
            ),
            ReceiptCase(
                f"{CASE_PREFIX}000043",
                "城乡居民基本医疗保险参保登记",
                "市医疗保障局",
                "即办件",
                submitted.date(),
            ),
        ),
        applicant_name_masked="王*英",
        applicant_id_masked="110105********002X",
        submitted_at=submitted,
        deferred=(DeferredMaterial("父母双方结婚证复印件", date(2025, 3, 28)),),
        commitments_signed=1,
        delivery="邮寄送达",
        next_steps=(
            "各部门将分别办理，办结时间见上方各办件",
            "可扫码或在自助终端查询每个办件的进度",
        ),
        lookup_payload=f"https://zwfw.example.gov.cn/progress?case={CASE_PREFIX}000041",
        hotline="12345",
    )


def raster_stream(images: list[Image.Image]) -> bytes:
    """Each receipt image as GS v 0 bands, then a cut, after the usual ESC @."""
    out = bytearray(INITIALIZE)
    for image in images:
        ink = ~np.asarray(image.convert("1"), dtype=np.bool_)
        for top in range(0, ink.shape[0], BAND_ROWS):
            band = ink[top : top + BAND_ROWS]
            rows = np.packbits(band, axis=1).tobytes()
            out += raster_image(Bitmap(band.shape[1], band.shape[0], rows))
        out += cut()
    return bytes(out)


def send_seconds(size: int, baud: int) -> float:
    return size * BITS_PER_BYTE / baud


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the same run: it is tiny already")
    parser.parse_args()
    document = layout_receipt(sample_receipt())
    header = (
        f"{'paper':<6} {'text B':>8} {'raster B':>9} {'ratio':>6}"
        + "".join(f" {'text':>7} {'raster':>7}" for _ in BAUD_RATES)
        + "   length"
    )
    print(" " * 32 + "".join(f" {f'@{baud} baud (s)':>15}" for baud in BAUD_RATES))
    print(header)
    for paper in Paper:
        text = encode_document(document, paper)
        images = render_receipts(text, paper)
        raster = raster_stream(images)
        # The raster stream must print the very same paper, or the comparison means nothing.
        assert [i.tobytes() for i in render_receipts(raster, paper)] == [
            i.tobytes() for i in images
        ]
        times = "".join(
            f" {send_seconds(len(text), baud):>7.2f} {send_seconds(len(raster), baud):>7.2f}"
            for baud in BAUD_RATES
        )
        length_mm = sum(i.height for i in images) / DOTS_PER_MM
        print(
            f"{PAPER_LABELS[paper]:<6}"
            f" {len(text):>8,} {len(raster):>9,} {len(raster) / len(text):>5.1f}x{times}"
            f"   {length_mm:.0f} mm"
        )


if __name__ == "__main__":
    main()
