"""The camera scanner on generated frames: one scan per showing, faults as values, preview."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.qr.camera import (
    CAMERA_UNAVAILABLE_MESSAGE,
    CameraScanner,
    CaptureSource,
    CodeDebouncer,
    ImageSequenceSource,
    PacedSource,
    StreamDecoder,
    VideoFileSource,
)
from drivers.qr.decode import Frame, LayeredDecoder, ZxingDecoder
from drivers.qr.interface import NothingScanned, Scanned, ScannerFault, ScannerFaultKind
from drivers.qr.render import code_in_view, empty_view
from tests.helpers.devices.qr import CODE_TIMEOUT, QUIET_TIMEOUT, CountingDecoder
from tests.helpers.qr_degrade import Condition, blank_frame, degraded_frame, sample, write_clip

CASE_URL = "https://zwfw.example.gov.cn/progress?case=T3F9A0C21-20261123-000042"
CHINESE_URL = "https://zwfw.example.gov.cn/办件/查询?事项=不动产登记&办件编号=SQ-000123"
FORGET_AFTER = 3  # frames without the code before it counts as gone


def _showing(payload: str, count: int, seed: int = 0) -> list[Frame]:
    """``count`` frames of one code held up, each placed a little differently (a hand)."""
    return [degraded_frame(payload, Condition.CLEAN, seed + i) for i in range(count)]


def _nothing(count: int) -> list[Frame]:
    return [blank_frame(i) for i in range(count)]


def _scanner(*frames: list[Frame], loop: bool = False) -> CameraScanner:
    source = ImageSequenceSource([f for part in frames for f in part], loop=loop)
    return CameraScanner(source, forget_after_frames=FORGET_AFTER)


def test_a_code_held_up_for_many_frames_is_scanned_once() -> None:
    scanner = _scanner(_showing(CHINESE_URL, 6), _nothing(1))
    assert scanner.read(CODE_TIMEOUT) == Scanned(CHINESE_URL)
    assert scanner.read(0) == NothingScanned()  # the same code in the next frame
    assert scanner.read(0) == NothingScanned()


def test_the_same_code_shown_again_after_leaving_the_view_is_scanned_again() -> None:
    scanner = _scanner(_showing(CASE_URL, 3), _nothing(FORGET_AFTER), _showing(CASE_URL, 2, 9))
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)


def test_a_frame_or_two_without_the_code_does_not_make_it_new() -> None:
    flicker = _showing(CASE_URL, 1) + _nothing(FORGET_AFTER - 1) + _showing(CASE_URL, 2, 5)
    scanner = _scanner(flicker, _nothing(1))
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)
    for _ in range(FORGET_AFTER + 1):
        assert scanner.read(0) == NothingScanned()


def test_a_different_code_is_scanned_at_once() -> None:
    scanner = _scanner(_showing(CASE_URL, 2), _showing(CHINESE_URL, 2))
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)
    assert scanner.read(CODE_TIMEOUT) == Scanned(CHINESE_URL)


def test_read_gives_nothing_when_no_code_appears_in_time() -> None:
    scanner = _scanner(_nothing(2), loop=True)
    assert scanner.read(QUIET_TIMEOUT) == NothingScanned()


def test_flush_counts_the_code_already_in_view_as_scanned() -> None:
    scanner = _scanner(_showing(CASE_URL, 3), _showing(CHINESE_URL, 1))
    scanner.flush()
    assert scanner.read(CODE_TIMEOUT) == Scanned(CHINESE_URL)


def test_latest_frame_is_the_last_one_read_and_read_only() -> None:
    frames = _showing(CASE_URL, 2)
    scanner = _scanner(frames)
    assert scanner.latest_frame() is None

    scanner.read(CODE_TIMEOUT)

    preview = scanner.latest_frame()
    assert preview is not None
    assert np.array_equal(preview, frames[0])
    assert not preview.flags.writeable


def test_closing_the_camera_forgets_its_last_picture() -> None:
    scanner = _scanner(_showing(CASE_URL, 2))
    scanner.read(CODE_TIMEOUT)

    scanner.close()  # the screen stopped listening: the next resident must not see this one

    assert scanner.latest_frame() is None


def test_a_camera_that_cannot_be_opened_is_a_fault_with_a_chinese_message() -> None:
    source = ImageSequenceSource([], fail_open="no /dev/video0")
    result = CameraScanner(source).read(QUIET_TIMEOUT)
    assert isinstance(result, ScannerFault)
    assert result.kind is ScannerFaultKind.PORT_UNAVAILABLE
    assert result.message == CAMERA_UNAVAILABLE_MESSAGE == "摄像头无法打开，请联系工作人员。"
    assert result.detail == "no /dev/video0"


def test_a_missing_capture_device_is_a_fault_not_an_exception(tmp_path: Path) -> None:
    result = CameraScanner(CaptureSource(str(tmp_path / "video9"))).read(QUIET_TIMEOUT)
    assert isinstance(result, ScannerFault)
    assert result.message == CAMERA_UNAVAILABLE_MESSAGE


def test_a_camera_that_stops_delivering_is_reopened_on_the_next_read() -> None:
    source = ImageSequenceSource(_showing(CASE_URL, 1))
    scanner = CameraScanner(source)
    assert scanner.read(CODE_TIMEOUT) == Scanned(CASE_URL)

    stopped = scanner.read(QUIET_TIMEOUT)  # no more frames: as if unplugged
    again = scanner.read(CODE_TIMEOUT)  # opened afresh, the sequence starts over

    assert isinstance(stopped, ScannerFault)
    assert stopped.kind is ScannerFaultKind.PORT_UNAVAILABLE
    assert again == Scanned(CASE_URL)


def test_a_recorded_clip_is_read_through_video_capture(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "counter.avi", _nothing(2) + _showing(CHINESE_URL, 3))

    with CameraScanner(clip) as scanner:
        assert scanner.read(CODE_TIMEOUT) == Scanned(CHINESE_URL)


def test_image_files_can_stand_in_for_a_camera(tmp_path: Path) -> None:
    paths = [tmp_path / "0.png", tmp_path / "broken.png", tmp_path / "1.png"]
    cv2.imwrite(str(paths[0]), blank_frame(1))
    paths[1].write_bytes(b"not a picture")
    cv2.imwrite(str(paths[2]), _showing(CASE_URL, 1)[0])
    source = ImageSequenceSource.from_files(paths)

    assert CameraScanner(source).read(CODE_TIMEOUT) == Scanned(CASE_URL)
    assert source.frames_read == 2  # the unreadable file was left out


def test_debouncer_forgets_a_code_not_seen_for_a_while() -> None:
    now = [0.0]
    debouncer = CodeDebouncer(
        forget_after_frames=10, forget_after_seconds=1.0, clock=lambda: now[0]
    )
    assert debouncer.see("A") == "A"
    now[0] = 0.5
    assert debouncer.see("A") is None
    now[0] = 2.0  # reads paused between screens; the code was put away and shown again
    assert debouncer.see("A") == "A"


# -- the idle camera: every pass only on every n-th frame ----------------------------------------


def test_an_idle_stream_runs_the_fallback_passes_on_every_nth_frame_only() -> None:
    fallback = CountingDecoder()
    stream = StreamDecoder(LayeredDecoder(fallbacks=[(None, fallback)]), thorough_every=3)

    calls_after_each_frame = []
    for frame in _nothing(7):
        stream.decode(frame)
        calls_after_each_frame.append(fallback.calls)

    assert calls_after_each_frame == [0, 0, 1, 1, 1, 2, 2]


def test_a_code_the_gate_overlooks_is_scanned_on_the_nth_frame_it_is_held_up() -> None:
    hard = sample(Condition.LOW_CONTRAST, 3)
    assert ZxingDecoder().decode(hard.frame) is None  # only a fallback reads it
    source = ImageSequenceSource([hard.frame] * 6)
    blind_gate = LayeredDecoder(gate=lambda _: False)

    result = CameraScanner(source, blind_gate, thorough_every=4).read(CODE_TIMEOUT)

    assert result == Scanned(hard.payload)
    assert source.frames_read == 4


def test_a_stream_decoder_needs_a_positive_frame_count() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        StreamDecoder(LayeredDecoder(), thorough_every=0)


def test_a_looping_clip_starts_over_after_its_last_frame(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "two.avi", [code_in_view(CASE_URL), empty_view()])
    source = VideoFileSource(clip, loop=True)
    assert source.open() is None

    frames = [source.read() for _ in range(5)]

    assert all(frame is not None for frame in frames)
    source.close()


def test_a_clip_without_loop_ends_after_its_last_frame(tmp_path: Path) -> None:
    source = VideoFileSource(write_clip(tmp_path / "one.avi", [empty_view()]))
    source.open()
    assert source.read() is not None
    assert source.read() is None


def test_a_paced_source_hands_out_frames_no_faster_than_its_rate() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 6))
        now[0] += seconds

    source = PacedSource(
        ImageSequenceSource(_nothing(3)), fps=10.0, clock=lambda: now[0], sleep=sleep
    )
    source.open()

    first, second = source.read(), source.read()
    now[0] += 0.5  # a slow decode: the next frame is due already
    third = source.read()

    assert first is not None and second is not None and third is not None
    assert waits == [0.1]
