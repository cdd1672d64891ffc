"""The provisioning screen an unprovisioned kiosk shows: provisioned from a USB stick or from
the scanner, a bad bundle explained, the restart into service, on every panel; and a real
`kiosk run` with no settings file showing it instead of any resident screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

import kiosk.wiring.provisioning as wiring
from drivers.qr import ScannerSimulator, SerialQrScanner
from kiosk.attract_settings import AttractSettings
from kiosk.audit.trail import SYSTEM
from kiosk.config import load_settings
from kiosk.provisioning.ownership import Ownership
from kiosk.provisioning.sticks import bundle_files
from tests.helpers.network.ports import free_port
from tests.helpers.provisioning import a_bundle, signed, write_trusted_keys
from tests.helpers.systemd.notify_socket import NotifySocket
from tests.helpers.ui.kiosk_process import read_until
from tests.helpers.ui.layout_check import PANELS, layout_problems, settle
from ui.app import styled_application
from ui.provisioning_flow import ProvisioningFlow
from ui.provisioning_window import ProvisioningWindow
from ui.scan_polling import ScanPolling
from ui.screens.provisioning import ProvisioningScreen

WAIT_MS = 10_000
SCREENSHOTS_ENV = "SCREENSHOTS_DIR"  # as tests/ui/test_screenshots.py reads it


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_PROVISIONING_KEYS", str(write_trusted_keys(tmp_path / "p.pub")))
    monkeypatch.setattr(wiring, "current_ownership", lambda: Ownership(None, None))
    return tmp_path / "etc" / "kiosk.toml"


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """A folder standing in for a mounted USB stick."""
    path = tmp_path / "stick"
    path.mkdir()
    return path


@pytest.fixture
def scanner() -> Iterator[ScannerSimulator]:
    simulator = ScannerSimulator()
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def window(
    qtbot: QtBot, settings_file: Path, stick: Path, scanner: ScannerSimulator
) -> Iterator[ProvisioningWindow]:
    """The window as `kiosk run` builds it, with `stick` as the only drive."""
    styled_application(AttractSettings().font_family)
    screen = ProvisioningScreen(scanner.path)
    flow = ProvisioningFlow(
        screen,
        lambda text, origin: wiring.provision(text, settings_file, SYSTEM, origin=origin),
        lambda: bundle_files([stick]),
        ScanPolling(SerialQrScanner(scanner.path)),
    )
    window = ProvisioningWindow(screen, flow)
    qtbot.addWidget(window)
    window.show()
    flow.start()
    yield window
    window.shutdown()


def trial_bundle_text(**changes: str) -> str:
    """A bundle whose platform is on loopback where nothing listens: not reachable."""
    return signed(a_bundle(platform_url=f"http://127.0.0.1:{free_port()}", **changes)).to_json()


def test_it_says_the_kiosk_is_not_provisioned_and_how_to_provision_it(
    window: ProvisioningWindow,
) -> None:
    screen = window.provisioning

    assert screen.title.text() == "本机尚未配置"
    assert "U盘" in screen.steps.text() and "扫描配置二维码" in screen.steps.text()
    assert ".kiosk-provision" in screen.steps.text()
    assert screen.scanner_state.text().startswith("扫码器：")
    for name in ("elder_toggle", "language_toggle", "staff_button"):
        assert not window.findChild(type(screen.staff_button), name).isVisible()


def test_a_bundle_on_a_usb_stick_provisions_the_kiosk(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path, settings_file: Path
) -> None:
    screen = window.provisioning
    (stick / "GZ0001.kiosk-provision").write_text(trial_bundle_text(), encoding="utf-8")

    window.flow.look_for_files()

    qtbot.waitUntil(lambda: screen.state == "provisioned", timeout=WAIT_MS)
    assert load_settings(settings_file).terminal.id == "GZ0001"
    assert "终端编号：GZ0001" in screen.status.text()
    assert "示例市民服务中心" in screen.status.text()
    assert "平台连接：暂时连不上" in screen.details.text()
    line = screen.enrolment_code.payload
    assert line.startswith("kiosk platform enrol --terminal GZ0001 --public-key ")
    assert line in screen.enrolment.text()
    assert screen.start_button.isVisible()


def test_a_scanned_provisioning_code_provisions_the_kiosk(
    qtbot: QtBot, window: ProvisioningWindow, scanner: ScannerSimulator, settings_file: Path
) -> None:
    text = signed(a_bundle(platform_url=f"http://127.0.0.1:{free_port()}")).to_qr_text()

    scanner.scan(text)

    qtbot.waitUntil(lambda: window.provisioning.state == "provisioned", timeout=WAIT_MS)
    assert load_settings(settings_file).terminal.id == "GZ0001"


def test_a_bad_bundle_is_explained_and_nothing_is_written(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path, settings_file: Path
) -> None:
    screen = window.provisioning
    expired = a_bundle(expires_at="2020-01-01T00:00:00+00:00", issued_at="2019-12-01T00:00+00:00")
    (stick / "old.kiosk-provision").write_text(signed(expired).to_json(), encoding="utf-8")

    window.flow.look_for_files()

    qtbot.waitUntil(lambda: screen.state == "refused", timeout=WAIT_MS)
    assert "配置包未通过核验" in screen.status.text()
    assert "已于 2020-01-01T00:00:00+00:00 过期" in screen.details.text()
    assert "请换用正确的配置文件或配置二维码后重试" in screen.details.text()
    assert not settings_file.exists()
    # The same file is not tried again and again; a good one after it is.
    window.flow.look_for_files()
    assert screen.state == "refused"
    (stick / "new.kiosk-provision").write_text(trial_bundle_text(), encoding="utf-8")
    window.flow.look_for_files()
    qtbot.waitUntil(lambda: screen.state == "provisioned", timeout=WAIT_MS)


def test_a_code_that_is_no_bundle_says_so(
    qtbot: QtBot, window: ProvisioningWindow, scanner: ScannerSimulator
) -> None:
    scanner.scan("GZ0001-20261208-000001")

    qtbot.waitUntil(lambda: window.provisioning.state == "refused", timeout=WAIT_MS)
    assert "这不是配置包" in window.provisioning.details.text()


def test_once_provisioned_starting_service_asks_for_the_restart(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path
) -> None:
    (stick / "GZ0001.kiosk-provision").write_text(trial_bundle_text(), encoding="utf-8")
    window.flow.look_for_files()
    qtbot.waitUntil(lambda: window.provisioning.state == "provisioned", timeout=WAIT_MS)

    with qtbot.waitSignal(window.flow.restart_requested, timeout=WAIT_MS):
        qtbot.mouseClick(window.provisioning.start_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("panel", list(PANELS))
def test_the_screen_fits_every_panel_before_and_after(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path, panel: str
) -> None:
    window.resize(PANELS[panel])
    assert layout_problems(window, PANELS[panel]) == []

    (stick / "GZ0001.kiosk-provision").write_text(trial_bundle_text(), encoding="utf-8")
    window.flow.look_for_files()
    qtbot.waitUntil(lambda: window.provisioning.state == "provisioned", timeout=WAIT_MS)

    assert layout_problems(window, PANELS[panel]) == []


def test_a_refusal_of_every_kind_at_once_fits_the_smallest_panel(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path
) -> None:
    window.resize(PANELS["1366x768"])
    bad = a_bundle(terminal_id="x", platform_url="http://a.example", ca_bundle="", hotline="?")
    (stick / "bad.kiosk-provision").write_text(signed(bad).to_json(), encoding="utf-8")

    window.flow.look_for_files()

    qtbot.waitUntil(lambda: window.provisioning.state == "refused", timeout=WAIT_MS)
    assert layout_problems(window, PANELS["1366x768"]) == []


def test_kiosk_run_without_a_settings_file_shows_the_provisioning_screen(tmp_path: Path) -> None:
    with NotifySocket(tmp_path / "notify") as systemd:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            KIOSK_CONFIG=str(tmp_path / "absent" / "kiosk.toml"),
            KIOSK_DATA_DIR=str(tmp_path / "data"),
            **systemd.environment(watchdog_usec=2_000_000),  # a ping every second
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli.main", "run"],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            seen = read_until(process, lambda entry: entry["msg"] == "first screen painted")
            systemd.wait_for("READY=1")
            systemd.wait_for("WATCHDOG=1")
        finally:
            process.terminate()
            process.communicate(timeout=30)
    messages = [entry["msg"] for entry in seen]
    assert "not provisioned" in messages and "provisioning screen shown" in messages
    assert "attract screen shown" not in messages
    assert process.returncode == 0


def test_the_provisioning_screen_renders_for_the_readme(
    qtbot: QtBot, window: ProvisioningWindow, stick: Path, tmp_path: Path
) -> None:
    """`scripts/screenshots` keeps these in docs/screenshots/; here they go to tmp."""
    out = Path(os.environ.get(SCREENSHOTS_ENV, tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    panel = PANELS["1920x1080"]
    window.resize(panel)
    shots = [out / "provisioning-1-waiting.png", out / "provisioning-2-done.png"]
    settle()
    window.grab().save(str(shots[0]))
    (stick / "GZ0001.kiosk-provision").write_text(trial_bundle_text(), encoding="utf-8")
    window.flow.look_for_files()
    qtbot.waitUntil(lambda: window.provisioning.state == "provisioned", timeout=WAIT_MS)
    settle()
    window.grab().save(str(shots[1]))

    for path in shots:
        image = QImage(str(path))
        assert image.size() == panel, path
        colours = {image.pixel(x, y) for x in range(0, 1920, 37) for y in range(0, 1080, 37)}
        assert len(colours) > 3, f"{path.name} looks blank"
