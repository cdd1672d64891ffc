"""The camera's live picture (摄像头画面) for a screen that scans codes with it.

A camera scanner keeps the newest frame it decoded (``latest_frame``). While the screen wants
codes, ``CameraPreview`` takes that frame a few times a second on its own thread, turns it
into a ``QImage`` at the size the screen shows it (mirrored, so a resident moving the receipt
left sees it move left), and hands the image to the GUI thread by signal. The GUI thread only
paints. Nothing here reads the camera: the scanner's own thread does, at decoding speed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from drivers.guards import GuardedScanner
from drivers.qr import QrScanner
from ui.device_thread import DeviceThread

if TYPE_CHECKING:
    from drivers.qr.decode import Frame

# Enough for a resident to see the receipt move into the frame and steer it there; each picture
# costs a scale and a copy on the GUI's side of a two-core kiosk whose other core is decoding
# the very frames shown, so the picture stays far below the camera's 30 frames a second.
PREVIEW_FPS = 5
PREVIEW_INTERVAL_MS = 1000 // PREVIEW_FPS

# Until the screen says how large it shows the picture: the decoders' 640x480 frame.
DEFAULT_PREVIEW_SIZE = QSize(640, 480)


@runtime_checkable
class FrameProvider(Protocol):
    """What offers the camera's picture: the newest frame, from any thread."""

    def latest_frame(self) -> Frame | None:
        """The newest frame (BGR or grayscale ``uint8``), read-only; None before the first."""
        ...


def frame_provider(scanner: QrScanner) -> FrameProvider | None:
    """The scanner's camera picture, if it has one: a camera scanner, guarded or not."""
    inner = scanner.guarded if isinstance(scanner, GuardedScanner) else scanner
    return inner if isinstance(inner, FrameProvider) else None


def preview_image(frame: Frame, size: QSize) -> QImage | None:
    """``frame`` as a picture fitting ``size`` (its proportions kept), mirrored left to right;
    None for a frame neither BGR nor grayscale."""
    if frame.ndim == 3 and frame.shape[2] == 3:
        image_format = QImage.Format.Format_BGR888
    elif frame.ndim == 2:
        image_format = QImage.Format.Format_Grayscale8
    else:
        return None
    if not frame.flags.c_contiguous:
        frame = frame.copy()
    height, width = frame.shape[:2]
    # A view on the frame's memory, valid while ``frame`` is: mirrored() makes the image kept.
    view = QImage(frame.data, width, height, frame.strides[0], image_format)
    scaled = view.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return scaled.mirrored(horizontally=True, vertically=False)


class _Converter(QObject):
    picture = Signal(QImage)

    def __init__(self, frames: FrameProvider) -> None:
        super().__init__()
        self._frames = frames
        self._size = QSize(DEFAULT_PREVIEW_SIZE)
        self._timer: QTimer | None = None
        self._shown: Frame | None = None

    @Slot()
    def start(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(PREVIEW_INTERVAL_MS)
            self._timer.timeout.connect(self._tick)
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._shown = None

    @Slot(QSize)
    def resize(self, size: QSize) -> None:
        self._size = QSize(size)
        self._shown = None  # the next tick converts again, at the new size

    @Slot()
    def _tick(self) -> None:
        frame = self._frames.latest_frame()
        if frame is None or frame is self._shown:  # nothing new since the last picture
            return
        self._shown = frame
        image = preview_image(frame, self._size)
        if image is not None:
            self.picture.emit(image)


class CameraPreview(DeviceThread):
    """While started, the camera's picture as ``picture`` signals, ``PREVIEW_FPS`` a second
    at most, at the size last asked for with ``resize``."""

    picture = Signal(QImage)
    _resize_requested = Signal(QSize)

    def __init__(self, frames: FrameProvider, parent: QObject | None = None) -> None:
        converter = _Converter(frames)
        super().__init__(converter, "camera-preview", parent)
        converter.picture.connect(self.picture)
        self._resize_requested.connect(converter.resize)

    def resize(self, size: QSize) -> None:
        """Deliver pictures that fit ``size`` from now on."""
        self._resize_requested.emit(size)
