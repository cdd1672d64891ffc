"""Which QR decoder reads camera frames best: every library against the kiosk's LayeredDecoder.

Generates the seeded degraded set of ``drivers.qr.degrade`` (each condition × ``--frames``
640×480 frames; Chinese and ASCII payloads, most without an ECI header), runs every decoder
on the same frames and prints, per decoder: exact payloads (overall and per condition), wrong
text (a code read as different text: the dangerous outcome), no result, and decode time per
frame (median and p90 over the code frames, median over frames without a code, which is what
an idle camera costs). Then the layered decoder against the best single one.

Frames are generated in worker processes first; decoding is timed afterwards in this
process, the decoders taking turns frame by frame, so generation does not compete with the
timing and load from elsewhere on the machine hits every decoder alike.

With ``--candidates`` it also shows how the layered decoder's fallback passes were chosen:
each candidate pass (a clean-up for zxing-cpp, or another library) on the frames plain
zxing-cpp misses, with the frames it rescues and its cost, then a greedy pick by frames
rescued per millisecond.

Usage: uv run python benchmarks/qr_decoders.py [--frames N] [--seed S] [--workers W]
       [--candidates]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from drivers.qr.decode import (
    Frame,
    LayeredDecoder,
    OpenCvDecoder,
    Preprocess,
    QrDecoder,
    ZbarDecoder,
    ZxingDecoder,
    chain,
    denoise,
    downscale,
    equalize_locally,
    invert,
    sharpen,
    stretch_contrast,
    threshold_adaptive,
    threshold_otsu,
    to_gray,
    upscale,
)
from drivers.qr.degrade import DEFAULT_SEED, Condition, Sample, blank_frame, sample

BLANK_FRAMES = 30
BLANK_ROUNDS = 3  # each frame without a code is decoded this many times


# -- the baselines as an application would call the libraries out of the box -----------------


def pyzbar_default(image: Frame) -> str | None:
    """pyzbar as documented: zbar converts the payload to text itself."""
    gray = to_gray(image)
    for symbol in (
        pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE]) if gray is not None else []
    ):
        return bytes(symbol.data).decode("utf-8", errors="replace")
    return None


def zxing_text(image: Frame) -> str | None:
    """zxing-cpp with its default options, taking ``.text``."""
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    for barcode in zxingcpp.read_barcodes(image, formats=qr_only):
        return str(barcode.text)
    return None


# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    exact: Counter[Condition] = field(default_factory=Counter)
    wrong: int = 0
    nothing: int = 0
    times_ms: list[float] = field(default_factory=list)
    blank_ms: list[float] = field(default_factory=list)
    passes: Counter[int | None] = field(default_factory=Counter)

    @property
    def exact_total(self) -> int:
        return sum(self.exact.values())


Contender = tuple[str, Callable[[Frame], str | None], LayeredDecoder | None]


def measure(
    contenders: list[Contender], samples: list[Sample], blanks: list[Frame]
) -> list[Result]:
    """Every contender on every frame, taking turns frame by frame, so that a burst of load
    from another process on the machine hits them all alike."""
    results = [Result(name) for name, _, _ in contenders]
    for _, decode, _ in contenders:
        decode(samples[0].frame)  # warm-up: first-call allocations are not per-frame cost
    for item in samples:
        for (_, decode, layered), result in zip(contenders, results, strict=True):
            start = time.perf_counter()
            text = decode(item.frame)
            result.times_ms.append((time.perf_counter() - start) * 1000)
            if text == item.payload:
                result.exact[item.condition] += 1
            elif text is None:
                result.nothing += 1
            else:
                result.wrong += 1
            if layered is not None:
                result.passes[layered.last_pass] += 1
    for _ in range(BLANK_ROUNDS):
        for frame in blanks:
            for (_, decode, _), result in zip(contenders, results, strict=True):
                start = time.perf_counter()
                decode(frame)
                result.blank_ms.append((time.perf_counter() - start) * 1000)
    return results


def generate(frames: int, seed: int, workers: int) -> list[Sample]:
    jobs = [(c, i) for c in Condition for i in range(frames)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_sample, jobs, [seed] * len(jobs), chunksize=max(1, len(jobs) // 64)))


def _sample(job: tuple[Condition, int], seed: int) -> Sample:
    return sample(job[0], job[1], seed=seed)


# -- report ----------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "  -  "


def print_tables(results: list[Result], samples: list[Sample]) -> None:
    total = len(samples)
    per_condition = Counter(s.condition for s in samples)
    print(
        f"| {'decoder':<18} | exact   | wrong text | no result | median ms | p90 ms | "
        "no-code median ms |"
    )
    print(
        f"|{'-' * 20}|---------|------------|-----------|-----------|--------|-------------------|"
    )
    for r in results:
        print(
            f"| {r.name:<18} | {percent(r.exact_total, total)} | {r.wrong:>10} | {r.nothing:>9} "
            f"| {statistics.median(r.times_ms):>9.2f} | {np.percentile(r.times_ms, 90):>6.2f} "
            f"| {statistics.median(r.blank_ms):>17.2f} |"
        )
    print()
    conditions = [c for c in Condition if per_condition[c]]
    widths = [max(len(c.value), 7) for c in conditions]
    heads = [f"{c.value:>{w}}" for c, w in zip(conditions, widths, strict=True)]
    print(f"| {'exact by condition':<18} | " + " | ".join(heads) + " |")
    print(f"|{'-' * 20}|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in results:
        cells = [
            f"{percent(r.exact[c], per_condition[c]):>{w}}"
            for c, w in zip(conditions, widths, strict=True)
        ]
        print(f"| {r.name:<18} | " + " | ".join(cells) + " |")


def ratio(ours: list[float], theirs: list[float]) -> float:
    return statistics.median(ours) / max(statistics.median(theirs), 1e-9)


def print_comparison(results: list[Result], layered: Result, total: int) -> None:
    singles = [r for r in results if r is not layered]
    best = max(singles, key=lambda r: (r.exact_total, -statistics.median(r.times_ms)))
    print()
    print(
        f"layered vs best single decoder ({best.name}): exact "
        f"{layered.exact_total}/{total} vs {best.exact_total}/{total} "
        f"(ratio {layered.exact_total / max(best.exact_total, 1):.3f}); "
        f"misses {total - layered.exact_total} vs {total - best.exact_total}; "
        f"median time ratio {ratio(layered.times_ms, best.times_ms):.2f}, "
        f"no-code frame time ratio {ratio(layered.blank_ms, best.blank_ms):.2f}"
    )
    order = sorted(layered.passes, key=lambda p: (p is None, p or 0))
    passes = ", ".join(
        f"{'none' if p is None else 'first' if p == 0 else f'fallback {p}'}: {layered.passes[p]}"
        for p in order
    )
    print(f"layered: frames read per pass: {passes}")


def candidate_passes() -> list[tuple[str, Preprocess | None, QrDecoder]]:
    zxing = ZxingDecoder()
    clean_ups: list[Preprocess] = [
        stretch_contrast,
        equalize_locally,
        sharpen,
        denoise,
        threshold_otsu,
        threshold_adaptive,
        upscale,
        downscale,
        invert,
        chain(downscale, stretch_contrast),
        chain(denoise, stretch_contrast),
        chain(denoise, sharpen),
        chain(equalize_locally, sharpen),
    ]
    return [
        *((f"zxing {step.__name__}", step, zxing) for step in clean_ups),
        ("zbar binary", None, ZbarDecoder()),
        ("zbar binary denoise", denoise, ZbarDecoder()),
        ("OpenCV", None, OpenCvDecoder()),
        ("OpenCV Aruco", None, OpenCvDecoder(aruco=True)),
    ]


def print_candidates(samples: list[Sample]) -> None:
    first = ZxingDecoder()
    misses = [s for s in samples if first.decode(s.frame) != s.payload]
    grays = [to_gray(s.frame) for s in misses]
    print(f"\nfallback candidates on the {len(misses)} frames plain zxing-cpp misses:")
    print("| candidate pass                   | rescued | mean ms | rescued by condition |")
    print("|----------------------------------|---------|---------|----------------------|")
    rescued: dict[str, set[int]] = {}
    cost: dict[str, float] = {}
    for name, clean_up, decoder in candidate_passes():
        times, hits = [], set()
        for index, (item, gray) in enumerate(zip(misses, grays, strict=True)):
            assert gray is not None
            start = time.perf_counter()
            text = decoder.decode(clean_up(gray) if clean_up is not None else gray)
            times.append((time.perf_counter() - start) * 1000)
            if text == item.payload:
                hits.add(index)
        rescued[name], cost[name] = hits, statistics.fmean(times) if times else 0.0
        by_condition = Counter(misses[i].condition.value for i in hits)
        detail = ", ".join(f"{c} {n}" for c, n in by_condition.most_common())
        print(f"| {name:<32} | {len(hits):>7} | {cost[name]:>7.2f} | {detail} |")
    covered: set[int] = set()
    print("greedy pick (frames rescued per ms, each counting only frames not yet rescued):")
    while rescued:
        name = max(rescued, key=lambda n: len(rescued[n] - covered) / max(cost[n], 1e-3))
        hits = rescued.pop(name)
        if not hits - covered:
            break
        print(f"  + {name}: {len(hits - covered)} more, {cost[name]:.2f} ms")
        covered |= hits
    print(f"  rescued by all candidates together: {len(covered)} of {len(misses)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=100, help="frames per condition")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--candidates", action="store_true", help="also rank candidate fallback passes"
    )
    args = parser.parse_args()
    # OpenCV warns on stderr for every code with an ECI header; the table says enough.
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

    start = time.perf_counter()
    samples = generate(args.frames, args.seed, args.workers)
    blanks = [blank_frame(args.seed + i) for i in range(BLANK_FRAMES)]
    print(
        f"{len(samples)} frames ({len(Condition)} conditions × {args.frames}, seed {args.seed}) "
        f"and {len(blanks)} without a code, generated in {time.perf_counter() - start:.0f} s; "
        f"{sum(s.eci for s in samples)} codes with ECI header, "
        f"{sum(not s.payload.isascii() for s in samples)} with Chinese text",
        flush=True,
    )
    layered_decoder = LayeredDecoder()
    decoders: list[Contender] = [
        ("pyzbar default", pyzbar_default, None),
        ("pyzbar binary", ZbarDecoder().decode, None),
        ("zxing-cpp text", zxing_text, None),
        ("zxing-cpp bytes", ZxingDecoder().decode, None),
        ("OpenCV", OpenCvDecoder().decode, None),
        ("OpenCV Aruco", OpenCvDecoder(aruco=True).decode, None),
        ("layered (kiosk)", layered_decoder.decode, layered_decoder),
    ]
    results = measure(decoders, samples, blanks)
    print()
    print_tables(results, samples)
    print_comparison(results, results[-1], len(samples))
    if args.candidates:
        print_candidates(samples)
    print(f"\ntotal {time.perf_counter() - start:.0f} s including generation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
