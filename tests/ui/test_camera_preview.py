"""The camera preview pipeline: pictures mirrored and fitted off the GUI thread, only for a
scanner that has a camera, and the camera open only while a screen listens."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from drivers.guards import GuardedScanner
from drivers.health import HealthBoard
from drivers.qr import CameraScanner, NothingScanned, ScanRead
from tests.helpers.ui.camera import FakeCamera, left_and_right_frame
from ui.camera_preview import CameraPreview, frame_provider, preview_image
from ui.scan_polling import ScanPolling

RED, BLUE = QColor(255, 0, 0).rgb(), QColor(0, 0, 255).rgb()


class CountingScanner:
    """A serial or HID scanner as the polling sees it: nothing scanned, closes counted."""

    def __init__(self) -> None:
        self.flushed = 0
        self.closed = 0

    def read(self, timeout: float) -> ScanRead:
        return NothingScanned()

    def flush(self) -> None:
        self.flushed += 1

    def close(self) -> None:
        self.closed += 1


def test_a_picture_is_mirrored_like_a_mirror() -> None:
    picture = preview_image(left_and_right_frame(), QSize(640, 480))

    assert picture is not None
    assert picture.pixel(10, 240) == BLUE  # the frame's right half, now on the left
    assert picture.pixel(630, 240) == RED


def test_a_picture_is_fitted_to_the_size_asked_keeping_its_shape() -> None:
    picture = preview_image(left_and_right_frame(), QSize(400, 400))

    assert picture is not None
    assert picture.size() == QSize(400, 300)


def test_a_grayscale_frame_is_shown_and_an_unknown_layout_is_not() -> None:
    gray = np.full((480, 640), 200, dtype=np.uint8)
    four_channels = np.zeros((480, 640, 4), dtype=np.uint8)

    shown = preview_image(gray, QSize(320, 240))

    assert shown is not None and shown.pixel(5, 5) == QColor(200, 200, 200).rgb()
    assert preview_image(four_channels, QSize(320, 240)) is None


def test_only_a_camera_scanner_offers_pictures_guarded_or_not() -> None:
    camera = CameraScanner(FakeCamera())

    assert frame_provider(camera) is camera
    assert frame_provider(GuardedScanner(camera, HealthBoard())) is camera
    assert frame_provider(CountingScanner()) is None


def test_pictures_arrive_on_the_gui_thread_while_started(qtbot: QtBot) -> None:
    camera = FakeCamera()
    camera.hold_up([left_and_right_frame()])
    scanner = CameraScanner(camera)
    scanner.flush()  # one frame read, as when a screen starts listening
    preview = CameraPreview(scanner)
    preview.resize(QSize(320, 240))
    try:
        with qtbot.waitSignal(preview.picture, timeout=5000) as arrived:
            preview.start()
    finally:
        preview.shutdown()
        scanner.close()

    (picture,) = arrived.args
    assert isinstance(picture, QImage)
    assert picture.size() == QSize(320, 240)
    assert picture.pixel(5, 120) == BLUE


def test_the_camera_is_closed_when_listening_stops_and_opened_on_the_next_start(
    qtbot: QtBot,
) -> None:
    camera = FakeCamera()
    scanner = CameraScanner(camera)
    polling = ScanPolling(scanner)
    try:
        polling.start()
        qtbot.waitUntil(lambda: camera.is_open, timeout=5000)
        qtbot.waitUntil(lambda: scanner.latest_frame() is not None, timeout=5000)

        polling.stop()
        qtbot.waitUntil(lambda: not camera.is_open, timeout=5000)
        assert scanner.latest_frame() is None  # no picture of the last resident is kept

        polling.start()
        qtbot.waitUntil(lambda: camera.is_open, timeout=5000)
        assert camera.opened == 2
    finally:
        polling.shutdown()
        scanner.close()


def test_a_scanner_without_a_camera_stays_open_between_screens(qtbot: QtBot) -> None:
    scanner = CountingScanner()
    polling = ScanPolling(scanner)
    try:
        assert polling.preview is None  # and the lookup screen shows no camera
        polling.start()
        polling.stop()
        polling.start()
        qtbot.waitUntil(lambda: scanner.flushed == 2, timeout=5000)  # the stop ran between
    finally:
        polling.shutdown()

    assert scanner.closed == 0  # a HID scanner let go would type into the screen
