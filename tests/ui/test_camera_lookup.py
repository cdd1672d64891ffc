"""Progress lookup with a camera: the picture shows, mirrored, with a guide to aim at; a
receipt held up finds its case; the screen fits every panel; the camera is off otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from drivers.printer import extract_qr_payloads
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.ui.camera import FakeCamera, code_frames, left_and_right_frame
from tests.helpers.ui.layout_check import PANELS, layout_problems
from tests.helpers.ui.visits import RunningKiosk
from ui.screens.lookup import CAMERA_MIN_HEIGHT
from ui.widgets.camera_view import CameraView

BLUE = QColor(0, 0, 255).rgb()


def camera_of(kiosk: RunningKiosk) -> tuple[FakeCamera, CameraView]:
    camera, view = kiosk.camera, kiosk.window.screens.lookup.camera
    assert camera is not None and view is not None
    return camera, view


def test_the_lookup_shows_the_camera_picture_mirrored(camera_kiosk: RunningKiosk) -> None:
    camera, view = camera_of(camera_kiosk)
    camera.hold_up([left_and_right_frame()])

    camera_kiosk.driver.tap("lookup_button")
    camera_kiosk.driver.qtbot.waitUntil(lambda: not view.picture().isNull(), timeout=5000)

    picture = view.picture()
    assert picture.width() <= view.width() and picture.height() <= view.height()
    assert picture.pixel(2, picture.height() // 2) == BLUE  # the frame's right half
    assert "放在框内" in camera_kiosk.driver.text_of("lookup_instruction")
    assert "放在框内" in camera_kiosk.window.screens.lookup.instruction()  # spoken on show


def test_a_receipt_held_up_to_the_camera_finds_its_case(camera_kiosk: RunningKiosk) -> None:
    drive, screens = camera_kiosk.driver, camera_kiosk.window.screens
    case_number = camera_kiosk.services.submissions.submit(
        ELDERLY_MATTER, elderly_application()
    ).case_number
    (receipt_qr,) = extract_qr_payloads(camera_kiosk.receipts.read_bytes())
    camera, view = camera_of(camera_kiosk)
    flashed_with_the_results: list[bool] = []
    polling = camera_kiosk.window.scan_polling
    assert polling is not None
    polling.scanned.connect(lambda _text: flashed_with_the_results.append(view.is_flashing()))
    drive.tap("lookup_button")
    drive.qtbot.waitUntil(camera.watching, timeout=5000)

    camera.hold_up(code_frames(receipt_qr))
    drive.qtbot.waitUntil(lambda: case_number in drive.text_of("lookup_results"), timeout=10000)

    assert drive.on(screens.lookup)
    assert flashed_with_the_results == [True]


def test_the_camera_is_off_outside_the_lookup_and_its_picture_gone(
    camera_kiosk: RunningKiosk,
) -> None:
    drive = camera_kiosk.driver
    camera, view = camera_of(camera_kiosk)
    assert not camera.is_open  # the attract screen wants no codes
    drive.tap("lookup_button")
    drive.qtbot.waitUntil(lambda: not view.picture().isNull(), timeout=5000)

    drive.tap("lookup_back")

    drive.qtbot.waitUntil(lambda: not camera.is_open, timeout=5000)
    assert view.picture().isNull()
    drive.tap("lookup_button")
    drive.qtbot.waitUntil(lambda: camera.is_open, timeout=5000)
    assert camera.opened == 2


def test_without_a_camera_the_lookup_is_as_before(kiosk: RunningKiosk) -> None:
    kiosk.driver.tap("lookup_button")

    assert kiosk.window.screens.lookup.camera is None
    assert "放在框内" not in kiosk.driver.text_of("lookup_instruction")


@pytest.mark.parametrize("panel", PANELS)
def test_the_lookup_with_the_camera_fits_the_panel_in_every_mode_and_language(
    camera_kiosk: RunningKiosk, panel: str
) -> None:
    """One kiosk for the four: each visit ends in the lookup's 返回首页, which resets both."""
    drive, lookup = camera_kiosk.driver, camera_kiosk.window.screens.lookup
    _, view = camera_of(camera_kiosk)
    problems = []
    for elder in (False, True):
        for english in (False, True):
            size = drive.on_panel(panel, english=english, elder=elder)
            drive.tap("lookup_button")
            where = f"{'elder' if elder else 'normal'} {'en' if english else 'zh'}"
            problems += [f"{where}: {p}" for p in layout_problems(camera_kiosk.window, size)]
            if view.height() < CAMERA_MIN_HEIGHT:
                problems.append(f"{where}: the picture is {view.height()} px high")
            lookup.show_results([])  # 没有找到办件 ...: two lines
            problems += [
                f"{where}, answered: {p}" for p in layout_problems(camera_kiosk.window, size)
            ]
            drive.tap("lookup_back")
    assert problems == [], "\n".join(problems)
