"""What the camera scanner's decode path costs per frame, beside plain zxing-cpp.

The camera path is what ``CameraScanner`` does with each frame: ``StreamDecoder`` over
``LayeredDecoder`` (zxing-cpp first, the fallback passes only on frames that may show a code,
and every pass on every 30th frame), the frames coming through ``ImageSequenceSource`` as a
camera's would. Plain zxing-cpp is ``zxingcpp.read_barcodes`` as an application calls it out
of the box, on the same frames; "zxing-cpp QR" is the camera path's first pass on its own
(QR only, on the grey frame), which the gate and the fallbacks add to. Two scenes, both
640×480: nothing in view (the idle camera, most of a kiosk's day: every empty scene of
``tests.helpers.qr_degrade`` in turn) and a code in view (clean, rotated, in perspective and under
glare). Per scene it prints the per-frame time in ms (median and p95) of each, the frames
each read, and the camera path's ratio to both.

Each scene is a run of frames in camera order, so the every-30th-frame thorough pass falls
where it would. The two take turns run by run (``--rounds`` rounds, a new order each round),
so load from elsewhere on the machine hits both alike. ``--smoke`` runs a tiny set in a few
seconds (for CI: it checks the script runs, its figures mean nothing).

Usage: uv run python benchmarks/camera_path.py [--idle-frames N] [--code-frames N]
       [--rounds R] [--smoke]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import zxingcpp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for the frames the tests use

from drivers.qr.camera import ImageSequenceSource, StreamDecoder  # noqa: E402
from drivers.qr.decode import Frame, LayeredDecoder, ZxingDecoder  # noqa: E402
from tests.helpers.qr_degrade import Condition, EmptyScene, empty_frame, sample  # noqa: E402

CAMERA = "camera path"
ZXING = "zxing-cpp"  # read_barcodes(frame), out of the box: every format, its own defaults
ZXING_QR = "zxing-cpp QR"  # the camera path's first pass alone: QR only, on grey
CODE_CONDITIONS = (Condition.CLEAN, Condition.ROTATION, Condition.PERSPECTIVE, Condition.GLARE)


def idle_frames(count: int) -> list[Frame]:
    scenes = list(EmptyScene)
    return [empty_frame(scenes[i % len(scenes)], seed=i) for i in range(count)]


def code_frames(count: int) -> list[Frame]:
    return [sample(CODE_CONDITIONS[i % len(CODE_CONDITIONS)], i).frame for i in range(count)]


Run = tuple[list[float], int]  # seconds per frame, frames a code was read from


def camera_path(frames: Sequence[Frame]) -> Run:
    """The next frame from the source, then the stream decoder on it."""
    source = ImageSequenceSource(frames)
    source.open()
    stream = StreamDecoder(LayeredDecoder())
    times, read = [], 0
    for _ in frames:
        start = time.perf_counter()
        frame = source.read()
        assert frame is not None
        text = stream.decode(frame)
        times.append(time.perf_counter() - start)
        read += text is not None
    return times, read


def plain_zxing(frames: Sequence[Frame]) -> Run:
    times, read = [], 0
    for frame in frames:
        start = time.perf_counter()
        found = zxingcpp.read_barcodes(frame)
        times.append(time.perf_counter() - start)
        read += bool(found)
    return times, read


def zxing_qr(frames: Sequence[Frame]) -> Run:
    decoder = ZxingDecoder(try_downscale=False)
    times, read = [], 0
    for frame in frames:
        start = time.perf_counter()
        text = decoder.decode(frame)
        times.append(time.perf_counter() - start)
        read += text is not None
    return times, read


def timed(frames: Sequence[Frame], rounds: int) -> dict[str, Run]:
    runners: dict[str, Callable[[Sequence[Frame]], Run]] = {
        CAMERA: camera_path,
        ZXING: plain_zxing,
        ZXING_QR: zxing_qr,
    }
    results: dict[str, Run] = {name: ([], 0) for name in runners}
    order = list(runners)
    shuffle = random.Random(7)
    for _ in range(rounds):
        shuffle.shuffle(order)
        for name in order:
            times, read = runners[name](frames)
            results[name] = (results[name][0] + times, read)
    return results


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(scene: str, frames: int, results: dict[str, Run]) -> None:
    ms = {name: [t * 1000 for t in times] for name, (times, _) in results.items()}
    print(f"{scene} ({frames} frames, each timed once a round)")
    for name, values in ms.items():
        read = results[name][1]
        print(
            f"  {name:<13} median {statistics.median(values):6.2f} ms   p95 {p95(values):6.2f} ms"
            f"   mean {statistics.fmean(values):6.2f} ms   read a code on {read} of {frames} frames"
        )
    for baseline in (ZXING, ZXING_QR):
        median = statistics.median(ms[CAMERA]) / statistics.median(ms[baseline])
        tail = p95(ms[CAMERA]) / p95(ms[baseline])
        mean = statistics.fmean(ms[CAMERA]) / statistics.fmean(ms[baseline])
        print(
            f"  camera path / {baseline:<13} median {median:5.2f}×   p95 {tail:5.2f}×   "
            f"mean {mean:5.2f}×"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--idle-frames", type=int, default=300, help="10 s of an idle camera")
    parser.add_argument("--code-frames", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--smoke", action="store_true", help="a tiny set in a few seconds, to check it runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.idle_frames, args.code_frames, args.rounds = 12, 8, 1
    started = time.perf_counter()
    idle, code = idle_frames(args.idle_frames), code_frames(args.code_frames)
    print(f"camera path vs plain zxing-cpp, 640×480 frames, {args.rounds} round(s)")
    report("nothing in view", len(idle), timed(idle, args.rounds))
    report("a code in view", len(code), timed(code, args.rounds))
    print(f"\ntotal {time.perf_counter() - started:.0f} s including generation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
