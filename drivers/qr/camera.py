"""Scanning QR codes with a camera (摄像头扫码): frames decoded one after another, as a QrScanner.

The camera is a ``FrameSource``: ``CaptureSource`` wraps ``cv2.VideoCapture`` on a device
index or path, ``VideoFileSource`` plays a recorded clip, ``ImageSequenceSource`` hands out
frames held in memory (tests, demos). ``CameraScanner`` reads frames from one and decodes them
with a ``QrDecoder`` (``LayeredDecoder`` unless told otherwise) until a code turns up or the
time runs out. Its fallback passes run on frames that may show a code and, through
``StreamDecoder``, on every ``thorough_every``-th frame, so an idle camera costs little more
than one zxing-cpp pass a frame.

A camera sees the same code in every frame for as long as it is held up, so a code counts as
scanned once when it comes into view; it is taken again only after it has left the view
(``forget_after_frames`` frames in a row without it, or ``forget_after_seconds`` without a
sighting). The newest frame is kept for a live preview (``latest_frame``), which the UI
converts and shows; nothing here knows about Qt.

Like the serial scanner, the source opens lazily, is forgotten after a failure so the next
read opens it afresh, and device trouble comes back as ``ScannerFault`` values. Scanned text
is never logged. ``read``, ``flush`` and ``close`` belong to one worker thread;
``latest_frame`` may be called from any thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from drivers.closing import ClosesOnExit
from drivers.qr.decode import Frame, LayeredDecoder, QrDecoder
from drivers.qr.interface import (
    NothingScanned,
    Scanned,
    ScannerFault,
    ScannerFaultKind,
    ScanRead,
)
from drivers.qr.read_log import ReadLog, after

logger = logging.getLogger(__name__)

CAMERA_UNAVAILABLE_MESSAGE = "摄像头无法打开，请联系工作人员。"

# The decoders were tuned on 640×480 frames; a larger picture costs more per frame and a
# code held at the kiosk's reading distance already covers a third of this one.
DEFAULT_FRAME_SIZE = (640, 480)

# A code that only the fallback passes read, on a frame the layered decoder's gate took for
# empty, is still read within this many frames: about a second at 30 frames a second, while
# the idle camera pays a thirtieth of a full decode per frame for it.
THOROUGH_EVERY = 30


class FrameSource(Protocol):
    """Where frames come from: a camera, a video file, or frames prepared by a test."""

    def open(self) -> str | None:
        """Get ready to deliver frames: None when ready, else why not (for the log)."""
        ...

    def read(self) -> Frame | None:
        """The next frame (BGR or grayscale ``uint8``); None if the source failed or ended."""
        ...

    def close(self) -> None:
        """Release the device or file; ``open`` may be called again later."""
        ...


class CaptureSource:
    """``cv2.VideoCapture`` on a camera index (0 is ``/dev/video0``), a device path, a file or
    a stream URL. Asks a camera for ``frame_size`` and for the shortest frame queue."""

    def __init__(
        self, target: int | str, *, frame_size: tuple[int, int] | None = DEFAULT_FRAME_SIZE
    ) -> None:
        self._target = target
        self._frame_size = frame_size
        self._capture: cv2.VideoCapture | None = None

    def open(self) -> str | None:
        if self._capture is not None:
            return None
        try:
            capture = cv2.VideoCapture(self._target)
        except cv2.error as error:
            return f"cannot open {self._target!r}: {error}"
        if not capture.isOpened():
            capture.release()
            return f"cannot open {self._target!r}"
        if isinstance(self._target, int) and self._frame_size is not None:
            # Requests only: a camera that cannot do them keeps its own mode.
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._frame_size[0])
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._frame_size[1])
            # A queue of one frame, so a read returns what the camera sees now, not what it
            # saw while the kiosk was busy elsewhere (V4L2 queues 4 by default).
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._capture = capture
        return None

    def read(self) -> Frame | None:
        if self._capture is None:
            return None
        try:
            ok, frame = self._capture.read()
        except cv2.error as error:
            logger.debug("frame read from %r failed: %s", self._target, error)
            return None
        if not ok or frame is None:
            return None
        return np.asarray(frame, dtype=np.uint8)

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()


class VideoFileSource(CaptureSource):
    """A recorded clip, frame by frame at decoding speed (not at its own frame rate); it
    ends, as a failed camera would, after its last frame, or with ``loop`` starts over."""

    def __init__(self, path: str | Path, *, loop: bool = False) -> None:
        super().__init__(str(path), frame_size=None)
        self._loop = loop

    def read(self) -> Frame | None:
        frame = super().read()
        if frame is None and self._loop and self._capture is not None:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            frame = super().read()
        return frame


class PacedSource:
    """Another source's frames at a camera's pace, ``fps`` a second at most: a clip or frames
    in memory played for a demo would otherwise show a code many times a second."""

    def __init__(
        self,
        source: FrameSource,
        fps: float = 30.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self._source = source
        self._interval = 1.0 / fps
        self._clock, self._sleep = clock, sleep
        self._next = 0.0

    def open(self) -> str | None:
        return self._source.open()

    def read(self) -> Frame | None:
        wait = self._next - self._clock()
        if wait > 0:
            self._sleep(wait)
        self._next = max(self._next, self._clock()) + self._interval
        return self._source.read()

    def close(self) -> None:
        self._source.close()


class ImageSequenceSource:
    """Frames held in memory (or read from image files), handed out in order; for tests and
    demos. After the last one it ends, or with ``loop`` starts over.

    ``fail_open`` makes ``open`` fail with that reason, to stand in for a missing camera.
    """

    def __init__(
        self, frames: Iterable[Frame], *, loop: bool = False, fail_open: str | None = None
    ) -> None:
        self._frames = list(frames)
        self._loop = loop
        self.fail_open = fail_open
        self._next: Iterator[Frame] | None = None
        self.frames_read = 0

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], *, loop: bool = False) -> ImageSequenceSource:
        """The images in ``paths``, in order; files that cannot be read are left out."""
        frames = [cv2.imread(str(path), cv2.IMREAD_COLOR) for path in paths]
        return cls((np.asarray(f, dtype=np.uint8) for f in frames if f is not None), loop=loop)

    def open(self) -> str | None:
        if self.fail_open is not None:
            return self.fail_open
        if self._next is None:
            self._next = iter(self._frames)
        return None

    def read(self) -> Frame | None:
        if self._next is None:
            return None
        frame = next(self._next, None)
        if frame is None and self._loop and self._frames:
            self._next = iter(self._frames)
            frame = next(self._next)
        if frame is not None:
            self.frames_read += 1
        return frame

    def close(self) -> None:
        self._next = None


class StreamDecoder:
    """Decodes the camera's frames one after another: each as the decoder's own ``decode``
    does (for ``LayeredDecoder``, fallbacks only on frames that may show a code), and every
    ``thorough_every``-th frame with every pass, in case the gate overlooked a hard code."""

    def __init__(self, decoder: QrDecoder, thorough_every: int = THOROUGH_EVERY) -> None:
        if thorough_every < 1:
            raise ValueError("thorough_every must be at least 1")
        self._decoder = decoder
        self._thorough_every = thorough_every
        self._since_thorough = 0

    def decode(self, frame: Frame) -> str | None:
        """The text of a code in ``frame``, or None."""
        self._since_thorough += 1
        if isinstance(self._decoder, LayeredDecoder) and (
            self._since_thorough >= self._thorough_every
        ):
            self._since_thorough = 0
            return self._decoder.decode(frame, thorough=True)
        return self._decoder.decode(frame)


class CodeDebouncer:
    """Turns "this frame shows code X" into "code X was just scanned", once per showing.

    A code is in view from its first sighting until ``forget_after_frames`` frames in a row
    lack it, or ``forget_after_seconds`` pass without a sighting (reads may pause between
    screens). A different code is a new scan at once.
    """

    def __init__(
        self,
        forget_after_frames: int = 10,
        forget_after_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if forget_after_frames < 1:
            raise ValueError("forget_after_frames must be at least 1")
        self._forget_after_frames = forget_after_frames
        self._forget_after_seconds = forget_after_seconds
        self._clock = clock
        self._in_view: str | None = None
        self._misses = 0
        self._last_seen = 0.0

    def see(self, text: str | None) -> str | None:
        """Record what one frame showed; the text if it makes a new scan, else None."""
        now = self._clock()
        if text is None:
            if self._in_view is not None:
                self._misses += 1
                if self._misses >= self._forget_after_frames:
                    self._in_view = None
            return None
        is_new = text != self._in_view or now - self._last_seen > self._forget_after_seconds
        self._in_view, self._misses, self._last_seen = text, 0, now
        return text if is_new else None

    def mark_in_view(self, text: str) -> None:
        """Count ``text`` as in view already, so it is not taken for a new scan."""
        self._in_view, self._misses, self._last_seen = text, 0, self._clock()

    def reset(self) -> None:
        """Forget what is in view."""
        self._in_view = None
        self._misses = 0


class CameraScanner(ClosesOnExit):
    """A ``QrScanner`` on a camera: ``source`` is a camera index, a device or file path, or
    any ``FrameSource``."""

    def __init__(
        self,
        source: int | str | Path | FrameSource,
        decoder: QrDecoder | None = None,
        *,
        forget_after_frames: int = 10,
        forget_after_seconds: float = 1.0,
        thorough_every: int = THOROUGH_EVERY,
    ) -> None:
        if isinstance(source, int | str):
            source = CaptureSource(source)
        elif isinstance(source, Path):
            source = VideoFileSource(source)
        self._source: FrameSource = source
        self._decoder = StreamDecoder(
            decoder if decoder is not None else LayeredDecoder(), thorough_every
        )
        self._debouncer = CodeDebouncer(forget_after_frames, forget_after_seconds)
        self._open_source: FrameSource | None = None
        self._latest: Frame | None = None
        self._log = ReadLog(logger, "camera")

    # -- public API ----------------------------------------------------------------------

    def read(self, timeout: float) -> ScanRead:
        """Decode frames for up to ``timeout`` seconds, until one shows a newly scanned code.

        Reads at least one frame, however short ``timeout`` is. When the camera cannot be
        opened or stops delivering, the fault comes back after the rest of ``timeout``, so a
        caller that reads in a loop retries at that pace, not in a spin.
        """
        result = self._read(timeout)
        self._log.record(result)
        return result

    def flush(self) -> None:
        """Count the code in view now, if any, as scanned already; opens the camera.

        Call it when a screen starts listening: a phone still held up from the screen before
        is not taken for a new scan until it has been taken away and shown again. Costs one
        frame. If the camera cannot be opened, the next ``read`` reports it.
        """
        source = self._open()
        if isinstance(source, ScannerFault):
            self._log.record(source)
            return
        frame = source.read()
        if frame is None:
            self._log.record(self._fail("no frame from the camera"))
            return
        self._keep(frame)
        text = self._decoder.decode(frame)
        if text is not None:
            self._debouncer.mark_in_view(text)

    def close(self) -> None:
        """Release the camera and forget its last picture; the next call opens it again."""
        self._debouncer.reset()
        self._latest = None  # a preview must not show the last visit's hands or receipt
        source, self._open_source = self._open_source, None
        if source is not None:
            source.close()

    def latest_frame(self) -> Frame | None:
        """The newest frame read, read-only, for a live preview; None before the first read
        since the camera was opened."""
        return self._latest

    # -- reading -------------------------------------------------------------------------

    def _read(self, timeout: float) -> ScanRead:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            source = self._open()
            if isinstance(source, ScannerFault):
                return after(deadline, source)
            frame = source.read()
            if frame is None:
                return after(deadline, self._fail("no frame from the camera"))
            self._keep(frame)
            text = self._debouncer.see(self._decoder.decode(frame))
            if text is not None:
                return Scanned(text)
            if time.monotonic() >= deadline:
                return NothingScanned()

    def _keep(self, frame: Frame) -> None:
        preview = frame.view()
        preview.flags.writeable = False  # shared with the UI thread: nobody may change it
        self._latest = preview

    # -- source handling -----------------------------------------------------------------

    def _open(self) -> FrameSource | ScannerFault:
        if self._open_source is None:
            reason = self._source.open()
            if reason is not None:
                self._source.close()
                return _unavailable(reason)
            self._open_source = self._source
            self._debouncer.reset()
            logger.info("camera opened")
        return self._open_source

    def _fail(self, detail: str) -> ScannerFault:
        """Forget the source after it stopped delivering; the next call reopens it."""
        self.close()
        return _unavailable(detail)


def _unavailable(detail: str) -> ScannerFault:
    return ScannerFault(ScannerFaultKind.PORT_UNAVAILABLE, CAMERA_UNAVAILABLE_MESSAGE, detail)
