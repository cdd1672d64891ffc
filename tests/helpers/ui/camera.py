"""A camera for the UI tests: the frames a test holds up, at a camera's pace, and a count of
how often the kiosk opened and closed it (its light on and off)."""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np

from drivers.qr.decode import Frame
from tests.helpers.qr_degrade import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Condition,
    blank_frame,
    degraded_frame,
    render_qr,
)

# A USB camera delivers about 30 frames a second; the fake keeps that pace, so the scanning
# thread does not spin decoding the same few frames as fast as it can.
FRAME_INTERVAL_S = 1 / 30


def code_frames(payload: str, count: int = 3) -> list[Frame]:
    """``count`` frames of a receipt with the QR code of ``payload`` held up, a little apart."""
    return [degraded_frame(payload, Condition.CLEAN, seed) for seed in range(count)]


def code_in_the_guide(payload: str) -> Frame:
    """The hall with a receipt's QR code of ``payload`` held square in the middle of the view,
    inside the guide (which covers the middle 60% of the height): the still for a picture."""
    frame = blank_frame(3).copy()
    side = FRAME_HEIGHT * 2 // 5
    symbol = cv2.resize(render_qr(payload), (side, side), interpolation=cv2.INTER_NEAREST)
    top, left = (FRAME_HEIGHT - side) // 2, (FRAME_WIDTH - side) // 2
    frame[top : top + side, left : left + side] = symbol[:, :, np.newaxis]
    return frame


def left_and_right_frame() -> Frame:
    """A frame whose left half is red and right half blue (BGR): mirrored, they swap."""
    frame = np.zeros((FRAME_HEIGHT, FRAME_WIDTH, 3), dtype=np.uint8)
    frame[:, : FRAME_WIDTH // 2] = (0, 0, 255)
    frame[:, FRAME_WIDTH // 2 :] = (255, 0, 0)
    return frame


class FakeCamera:
    """A ``FrameSource`` that loops over the frames last ``hold_up``; an empty scene at first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frames: list[Frame] = [blank_frame(0)]
        self._next = 0
        self.opened = 0
        self.closed = 0
        self.frames_read = 0

    @property
    def is_open(self) -> bool:
        return self.opened > self.closed

    def watching(self) -> bool:
        """Whether the kiosk has looked since it opened the camera: a code held up from now
        on is a new one (one held up before a screen listens is not a request)."""
        return self.is_open and self.frames_read > 0

    def hold_up(self, frames: list[Frame]) -> None:
        """From now on the camera sees ``frames``, over and over."""
        with self._lock:
            self._frames, self._next = list(frames), 0

    def open(self) -> str | None:
        with self._lock:
            self.opened += 1
            self.frames_read = 0
        return None

    def read(self) -> Frame | None:
        time.sleep(FRAME_INTERVAL_S)
        with self._lock:
            frame = self._frames[self._next % len(self._frames)]
            self._next += 1
            self.frames_read += 1
        return frame

    def close(self) -> None:
        self.closed += 1
