"""The full-screen window covers the screen it is on, whatever that screen's size, with or
without a window manager, and follows the screen when it changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.ui.kiosk_process import first, start_kiosk, stop
from ui.window_fit import WindowFit, show_windowed

TITLE = "政务服务自助终端"


def offscreen_screen(tmp_path: Path, width: int, height: int) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of that size (Qt's offscreen configfile)."""
    config = tmp_path / "screens.json"
    screen = {"name": "panel", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_full_screen_kiosk_window_is_exactly_its_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    width, height = size
    env = dict(os.environ, QT_QPA_PLATFORM=offscreen_screen(tmp_path, width, height))
    process = start_kiosk(env=env)
    try:
        shown = first(process, "kiosk on screen")
    finally:
        stop(process)
    assert shown["screen"] == f"{width}x{height}+0+0"
    assert shown["window"] == shown["screen"]


@pytest.fixture
def x_display() -> Iterator[str]:
    """A bare X server (Xvfb) with a 1080x1920 portrait screen and no window manager."""
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.skip("Xvfb and xwininfo are not installed (scripts/setup installs them)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        display = f":{announced.readline().strip()}"  # written once the server accepts clients
    yield display
    server.terminate()
    server.wait(timeout=30)


def x_window_geometry(display: str, title: str) -> str:
    """`WIDTHxHEIGHT+X+Y` of the top-level window of that title, as the X server has it."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        capture_output=True,
        text=True,
        env=dict(os.environ, DISPLAY=display),
        check=True,
        timeout=30,
    ).stdout
    found = re.search(rf'"{title}": \(.*?\)\s+(\d+x\d+\+-?\d+\+-?\d+)', tree)
    assert found is not None, tree
    return found.group(1)


def test_under_x11_without_a_window_manager_the_window_covers_a_portrait_screen(
    x_display: str,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    process = start_kiosk(env=env)
    try:
        first(process, "kiosk on screen")
        geometry = x_window_geometry(x_display, TITLE)
    finally:
        stop(process)
    assert geometry == "1080x1920+0+0"


@pytest.fixture
def wayland_kiosk_compositor(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """Weston's kiosk shell on a headless 1080x1920 output, logging the Wayland protocol.

    The kiosk shell makes every window fill the output, as cage does on the kiosk; what the
    client then draws is in the protocol: the size it was configured to and the size of the
    buffers it attached. (cage itself refuses to run as root, which the test machine is.)
    """
    if shutil.which("weston") is None:
        pytest.skip("weston is not installed (scripts/setup installs it)")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), WAYLAND_DISPLAY="kiosk-test")
    protocol = tmp_path / "protocol.log"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as readiness:
        readiness.bind(str(runtime / "notify"))
        readiness.settimeout(60)
        compositor = subprocess.Popen(
            [
                "weston",
                "--backend=headless-backend.so",
                "--use-pixman",
                "--shell=kiosk-shell.so",
                "--modules=systemd-notify.so",  # READY=1 once it takes clients
                "--width=1080",
                "--height=1920",
                "--socket=kiosk-test",
                "--idle-time=0",
                f"--log={protocol}",
                "--logger-scopes=proto",
            ],
            env=dict(env, NOTIFY_SOCKET=str(runtime / "notify")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while b"READY=1" not in readiness.recv(4096):
            pass
    yield env, protocol
    compositor.terminate()
    compositor.wait(timeout=30)


def test_under_a_wayland_kiosk_compositor_the_window_draws_the_whole_portrait_output(
    wayland_kiosk_compositor: tuple[dict[str, str], Path],
) -> None:
    env, protocol = wayland_kiosk_compositor
    process = start_kiosk(env=dict(env, QT_QPA_PLATFORM="wayland"))
    try:
        shown = first(process, "kiosk on screen")
    finally:
        stop(process)
    log = protocol.read_text()
    assert shown["window"] == shown["screen"] == "1080x1920+0+0"
    assert re.search(r"xdg_toplevel@\d+\.configure\(1080, 1920,", log), log[-2000:]
    assert re.search(r"create_buffer\(new id wl_buffer@\d+, \d+, 1080, 1920,", log), log[-2000:]


@pytest.fixture
def wide_window(qtbot: QtBot) -> QMainWindow:
    """A window whose content would rather be wider and taller than the screen."""
    window = QMainWindow()
    content = QWidget()
    content.setMinimumSize(2600, 1700)
    window.setCentralWidget(content)
    qtbot.addWidget(window)
    return window


def test_window_covers_its_screen_even_when_its_content_is_larger(
    qtbot: QtBot, wide_window: QMainWindow
) -> None:
    WindowFit(wide_window).show()
    qtbot.waitExposed(wide_window)

    assert wide_window.geometry() == wide_window.screen().geometry()
    assert wide_window.isFullScreen()


def test_window_follows_its_screen_when_the_screen_is_rotated(
    qtbot: QtBot, wide_window: QMainWindow
) -> None:
    WindowFit(wide_window).show()
    qtbot.waitExposed(wide_window)
    rotated = QRect(0, 0, wide_window.screen().geometry().height(), 1920)

    wide_window.screen().geometryChanged.emit(rotated)

    assert wide_window.geometry() == rotated


def test_window_is_fitted_again_when_another_screen_becomes_primary(
    qtbot: QtBot, wide_window: QMainWindow
) -> None:
    WindowFit(wide_window).show()
    qtbot.waitExposed(wide_window)
    wide_window.setGeometry(QRect(0, 0, 640, 480))
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)

    app.primaryScreenChanged.emit(wide_window.screen())

    assert wide_window.geometry() == wide_window.screen().geometry()


def test_windowed_mode_is_a_resizable_window_within_the_screen(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)

    show_windowed(window)
    qtbot.waitExposed(window)

    free = window.screen().availableGeometry()
    assert not window.isFullScreen()
    assert window.width() <= free.width() and window.height() <= free.height()
    window.resize(400, 300)
    assert window.size().toTuple() == (400, 300)


# Two screens side by side; the window starts on the first and is moved to the second.
MOVE_TO_SECOND_SCREEN = """
import json
from PySide6.QtWidgets import QApplication, QMainWindow
from ui.window_fit import WindowFit, describe
app = QApplication([])
window = QMainWindow()
WindowFit(window).show()
first = describe(window.geometry())
window.windowHandle().setScreen(app.screens()[1])
print(json.dumps({"first": first, "second": describe(window.geometry())}))
"""


def test_window_moved_to_another_screen_covers_that_one(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    screens = [
        {"name": "landscape", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "portrait", "x": 1920, "y": 0, "width": 1080, "height": 1920},
    ]
    config.write_text(json.dumps({"screens": screens}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")

    moved = subprocess.run(
        [sys.executable, "-c", MOVE_TO_SECOND_SCREEN],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )

    assert json.loads(moved.stdout) == {"first": "1920x1080+0+0", "second": "1080x1920+1920+0"}
