"""Renders every screen of a visit at 1920x1080, the main ones on a portrait 1080x1920
panel, and the progress lookup of a kiosk that scans with a camera. `scripts/screenshots`
keeps the pictures in docs/screenshots/; in the test run they go to a temporary directory and
are checked for being drawn at all, at the panel's size."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from drivers.idcard import demo_cards
from drivers.printer import extract_qr_payloads
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.ui.camera import code_in_the_guide
from tests.helpers.ui.layout_check import PANELS, settle
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials

OUTPUT_ENV = "SCREENSHOTS_DIR"


def assert_drawn(shots: list[Path], panel: QSize) -> None:
    for path in shots:
        image = QImage(str(path))
        assert image.size() == panel, path
        step = 37
        colours = {
            image.pixel(x, y)
            for x in range(0, panel.width(), step)
            for y in range(0, panel.height(), step)
        }
        assert len(colours) > 3, f"{path.name} looks blank"


def test_every_screen_of_a_visit_renders(  # noqa: PLR0915 (one visit, step by step)
    kiosk: RunningKiosk, tmp_path: Path
) -> None:
    out = Path(os.environ.get(OUTPUT_ENV, tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    drive, screens = kiosk.driver, kiosk.window.screens
    shots: list[Path] = []

    def shot(name: str) -> None:
        drive.qtbot.wait(50)  # let the last layout pass settle before the picture
        path = out / f"{len(shots) + 1:02d}-{name}.png"
        kiosk.window.grab().save(str(path))
        shots.append(path)

    shot("attract")
    drive.tap("start_button")
    shot("find-a-matter")
    drive.tap("matter_list_back")
    elderly_to_materials(kiosk)
    drive.tap("materials_back")
    drive.tap("form_back")  # to the first page
    shot("form")
    drive.next_page_until(screens.materials)  # pages are cut to the panel: as many as it takes
    drive.tap("material_residence_permit_commitment")
    drive.sign("materials_signature")
    shot("materials-commitment-signed")
    drive.tap("materials_next")
    drive.tap("delivery_1")
    shot("delivery-by-post")
    drive.tap("delivery_next")
    shot("confirm")
    drive.tap("confirm_submit")
    drive.wait_for(screens.thanks, timeout=10000)
    shot("result")
    drive.tap("thanks_rate")
    drive.tap("rate_dissatisfied")
    shot("rating-asks-why")
    drive.tap("rating_skip")
    drive.tap("lookup_button")
    shot("progress-lookup")
    drive.tap("lookup_back")
    drive.tap("elder_toggle")
    shot("attract-elder-mode")
    drive.tap("start_button")
    drive.tap(f"matter_{screens.matters.shown[0].code}")
    shot("guide-elder-mode")
    drive.tap("language_toggle")
    shot("guide-english")
    drive.tap("guide_back")
    drive.tap("matter_list_back")
    kiosk.card.remove_card()
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter("11440100MB2C91234A-LZ-0001")
    drive.qtbot.waitUntil(lambda: drive.text_of("identify_status") != "", timeout=5000)
    shot("not-eligible")

    assert_drawn(shots, PANELS["1920x1080"])


def test_the_main_screens_render_on_a_portrait_panel(kiosk: RunningKiosk, tmp_path: Path) -> None:
    out = Path(os.environ.get(OUTPUT_ENV, tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    drive, screens = kiosk.driver, kiosk.window.screens
    panel = PANELS["1080x1920"]
    kiosk.window.resize(panel)
    shots: list[Path] = []

    def shot(name: str) -> None:
        settle()
        path = out / f"portrait-{len(shots) + 1:02d}-{name}.png"
        kiosk.window.grab().save(str(path))
        shots.append(path)

    shot("attract")
    drive.open_guide(ELDERLY_MATTER)
    drive.tap("guide_back")
    shot("find-a-matter")
    drive.tap(f"matter_{ELDERLY_MATTER}")
    shot("guide")
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.tap("guide_proceed")
    drive.wait_for(screens.form)
    drive.type_into("field_mobile_input", "13800138000")
    shot("form")
    drive.tap("form_next")
    drive.tap("field_reissue_1")  # 否
    drive.tap("form_next")
    drive.tap("material_residence_permit_commitment")
    drive.sign("materials_signature")
    shot("materials-commitment-signed")
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    drive.tap("confirm_submit")
    drive.wait_for(screens.thanks, timeout=10000)
    shot("result")
    assert_drawn(shots, panel)


def test_the_lookup_with_a_camera_renders(camera_kiosk: RunningKiosk, tmp_path: Path) -> None:
    """A kiosk that scans with a camera: its picture, the guide, and the case it found."""
    out = Path(os.environ.get(OUTPUT_ENV, tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    drive, lookup = camera_kiosk.driver, camera_kiosk.window.screens.lookup
    case_number = camera_kiosk.services.submissions.submit(
        ELDERLY_MATTER, elderly_application()
    ).case_number
    (receipt_qr,) = extract_qr_payloads(camera_kiosk.receipts.read_bytes())
    assert camera_kiosk.camera is not None and lookup.camera is not None
    camera, view = camera_kiosk.camera, lookup.camera
    drive.tap("lookup_button")
    drive.qtbot.waitUntil(camera.watching, timeout=5000)

    camera.hold_up([code_in_the_guide(receipt_qr)])
    drive.qtbot.waitUntil(lambda: case_number in drive.text_of("lookup_results"), timeout=10000)
    drive.qtbot.waitUntil(lambda: not view.is_flashing(), timeout=5000)  # the guide as it stays
    settle()
    path = out / "camera-progress-lookup.png"
    camera_kiosk.window.grab().save(str(path))

    assert_drawn([path], PANELS["1920x1080"])
