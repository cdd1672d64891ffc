"""Soak: thousands of residents' visits through the real kiosk window, watching for growth.

In one process, offscreen (QT_QPA_PLATFORM=offscreen), the real KioskWindow is built by the UI
tests' rig (tests/helpers/ui/ui_rig.py: the wiring `kiosk run` uses, on a simulated ID card
reader on a pseudo-terminal, an ESC/POS printer simulator on loopback and a QR scanner
simulator), with its own KIOSK_DATA_DIR, sealing to a platform key pair generated for the run.
The voice guide runs `true` instead of espeak-ng: every screen change still starts its process.
Each visit is 王秀英's, tapped through with QTest.mouseClick and typed with QTest.keyClicks:

    attract → matter list (→ next page until the matter shows) → guide → identify (card on
    the simulated reader) → form page 1 (mobile typed) → page 2 → materials → delivery →
    confirm → submit (commit + receipt printed) → thanks → rating (非常满意, submitted) →
    back to attract, which wipes the visit

Between taps the event loop runs until the screen the tap leads to is the one shown (no fixed
waits). Timers are accelerated where a visit would otherwise wait on them: the card reader is
polled every CARD_POLL_MS instead of every 300 ms. Twenty times over the run (and after the
warm-up) the process is measured, once the voice guide's last process has ended and after a
full garbage collection: RSS (VmRSS of /proc/self/status, and RssAnon, the heap part of it),
open file descriptors (/proc/self/fd), live widgets (QApplication.allWidgets()), live QObjects
(the window's and the application's descendants, and the top-level widgets), and Python objects
(gc.get_objects()). The figure is the growth from the end of the warm-up (the first tenth of
the visits: caches, the first showing of each screen, SQLite's page cache) to the end, printed
beside its target: under 2 MB of RSS, no file descriptor and no Qt object more.

Usage: QT_QPA_PLATFORM=offscreen uv run --frozen python benchmarks/ui_soak.py [VISITS]
       [--smoke] (default 10000 visits; --smoke: 5 visits, to check that the benchmark runs)
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for the UI tests' rig, which builds the window

import ui.card_polling  # noqa: E402
from drivers.idcard import SamSimulator, demo_cards  # noqa: E402
from kiosk.config import load_settings  # noqa: E402
from sync.platform.keys import PlatformKeys  # noqa: E402
from tests.helpers.ui.ui_rig import ui_rig  # noqa: E402
from ui.app import prepare_application  # noqa: E402
from ui.input.pinyin import PinyinEngine  # noqa: E402
from ui.main_window import KioskWindow  # noqa: E402
from ui.screens.base import Screen  # noqa: E402

ELDERLY_MATTER = "11440100MB2C91234A-LZ-0001"
CARD_POLL_MS = 20
STEP_TIMEOUT_S = 10.0
SUBMIT_TIMEOUT_S = 30.0
SMOKE_VISITS = 5
SAMPLES = 20  # measurements over the run, besides the one after the warm-up
TARGET_RSS_MB = 2.0


@dataclass(frozen=True)
class Sample:
    visit: int
    seconds: float
    rss_kb: int
    anon_kb: int  # of it, anonymous memory (heap): not the mapped libraries and fonts
    fds: int
    widgets: int
    qobjects: int
    python_objects: int


def status_kb(field: str) -> int:
    """A size from /proc/self/status (VmRSS, RssAnon), in kB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure(window: KioskWindow, visit: int, started: float) -> Sample:
    """The process after a full collection (and Qt's deferred deletes) at this visit."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # The last screen's speech process (and its pipes) is not growth: let it end first.
    wait_until(window.voice.idle, "the voice guide to fall silent")
    settle(0)
    gc.collect()
    found: list[QObject] = [*window.findChildren(QObject), *app.findChildren(QObject)]
    qobjects = {id(o) for o in [*found, *app.topLevelWidgets()]}
    return Sample(
        visit,
        time.monotonic() - started,
        status_kb("VmRSS"),
        status_kb("RssAnon"),
        len(os.listdir("/proc/self/fd")),
        len(app.allWidgets()),
        len(qobjects),
        len(gc.get_objects()),
    )


def settle(ms: int) -> None:
    """Run the event loop for up to `ms` (0: what is pending, deferred deletes included)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Runs the event loop until `condition` holds; a visit stuck longer stops the run."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"waited {timeout_s:.0f} s for {what}")
        settle(2)


class Resident:
    """Taps and types on the window as a resident does, waiting for what each tap brings up."""

    def __init__(self, window: KioskWindow, card: SamSimulator) -> None:
        self.window, self.screens, self.card = window, window.screens, card

    def shown(self) -> Screen:
        return self.window.navigator.screen

    def button(self, name: str) -> QAbstractButton | None:
        buttons: list[QAbstractButton] = list(self.window.findChildren(QAbstractButton, name))
        shown = [b for b in buttons if b.isVisible() and b.isEnabled()]
        return shown[0] if shown else None

    def tap(self, name: str) -> None:
        wait_until(lambda: self.button(name) is not None, f"a visible, enabled {name}")
        button = self.button(name)
        assert button is not None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def reach(self, screen: Screen, timeout_s: float = STEP_TIMEOUT_S) -> None:
        wait_until(
            lambda: self.shown() is screen,
            f"{screen.objectName()} (on {self.shown().objectName()})",
            timeout_s,
        )

    def field(self, name: str) -> QLineEdit | None:
        fields: list[QLineEdit] = list(self.window.findChildren(QLineEdit, name))
        return next((f for f in fields if f.isVisible()), None)

    def type_into(self, name: str, text: str) -> None:
        wait_until(lambda: self.field(name) is not None, f"a visible {name}")
        field = self.field(name)
        assert field is not None
        field.setFocus()
        QTest.keyClicks(field, text)

    def visit(self) -> None:
        """王秀英's whole visit, from the attract screen back to it."""
        screens = self.screens
        self.card.place_card(demo_cards.ELDERLY_RESIDENT)
        self.tap("start_button")
        self.reach(screens.matters)
        while ELDERLY_MATTER not in screens.matters.matter_buttons:
            self.tap("matter_list_next")
        self.tap(f"matter_{ELDERLY_MATTER}")
        self.reach(screens.guide)
        self.tap("guide_proceed")
        self.reach(screens.form)  # the card is read at the next poll
        self.type_into("field_mobile_input", "13800138000")
        self.tap("form_next")
        self.tap("field_reissue_1")  # 否, on the second page
        self.tap("form_next")
        self.reach(screens.materials)
        self.tap("materials_next")
        self.reach(screens.delivery)
        self.tap("delivery_0")  # 窗口自取
        self.tap("delivery_next")
        self.reach(screens.confirm)
        self.tap("confirm_submit")
        self.reach(screens.thanks, SUBMIT_TIMEOUT_S)
        self.tap("thanks_rate")
        self.reach(screens.rating)
        self.tap("rate_very_satisfied")
        self.tap("rating_submit")
        wait_until(screens.rating.thanks.isVisible, "the thanks for the rating")
        self.tap("rating_skip")
        self.reach(screens.attract)
        self.card.remove_card()


@contextmanager
def running_kiosk(directory: Path) -> Iterator[Resident]:
    """The window on simulated devices, shown at 1920x1080; torn down after."""
    for key in [k for k in os.environ if k.startswith("KIOSK_")]:
        del os.environ[key]
    os.environ["KIOSK_DATA_DIR"] = str(directory / "data")
    os.environ["KIOSK_CONFIG"] = str(directory / "kiosk.toml")
    (directory / "kiosk.toml").write_text(
        '[devices.printer]\nuri = ""\n\n' + PlatformKeys.generate().kiosk_config(),
        encoding="utf-8",
    )
    settings = load_settings()
    prepare_application(settings.ui.font_family)
    logging.getLogger().setLevel(logging.ERROR)  # a visit's INFO lines, 10,000 times, are noise
    PinyinEngine().prepare()
    ui.card_polling.POLL_INTERVAL_MS = CARD_POLL_MS  # accelerated: read at start() of a poll
    with ui_rig(settings, directory, ("true",)) as kiosk:
        window = kiosk.window
        window.resize(1920, 1080)
        window.show()
        resident = Resident(window, kiosk.card)
        resident.reach(window.screens.attract)
        yield resident


def row(sample: Sample) -> str:
    return (
        f"{sample.visit:>7} {sample.seconds:>8.1f} {sample.rss_kb / 1024:>9.1f} "
        f"{sample.anon_kb / 1024:>9.1f} {sample.fds:>5} "
        f"{sample.widgets:>8} {sample.qobjects:>9} {sample.python_objects:>10}"
    )


def report_growth(warm: Sample, last: Sample) -> None:
    rss_mb = (last.rss_kb - warm.rss_kb) / 1024
    visits = last.visit - warm.visit
    print(f"\ngrowth over {visits} visits after a warm-up of {warm.visit} (target beside it):")
    anon_mb = (last.anon_kb - warm.anon_kb) / 1024
    print(f"  RSS              {rss_mb:+8.2f} MB   (target: under {TARGET_RSS_MB:.0f} MB)")
    print(f"    of it, heap    {anon_mb:+8.2f} MB")
    print(f"  open fds         {last.fds - warm.fds:+8d}      (target: 0)")
    print(f"  widgets          {last.widgets - warm.widgets:+8d}      (target: 0)")
    print(f"  Qt objects       {last.qobjects - warm.qobjects:+8d}      (target: 0)")
    print(f"  Python objects   {last.python_objects - warm.python_objects:+8d}")
    pace = (last.seconds - warm.seconds) / visits if visits else 0.0
    print(f"  {pace * 1000:.0f} ms a visit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("visits", nargs="?", type=int, default=10_000, help="(default 10000)")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_VISITS} visits")
    args = parser.parse_args()
    visits = SMOKE_VISITS if args.smoke else args.visits
    warm_up = max(1, visits // 10)
    every = max(1, (visits - warm_up) // SAMPLES)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(
        f"{visits} visits, warm-up {warm_up}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, "
        f"{os.cpu_count()} cores, card polled every {CARD_POLL_MS} ms"
    )
    print(
        f"{'visit':>7} {'seconds':>8} {'RSS (MB)':>9} {'anon (MB)':>9} {'fds':>5} "
        f"{'widgets':>8} {'QObjects':>9} {'Py objects':>10}"
    )
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-soak-") as tmp,
        running_kiosk(Path(tmp)) as resident,
    ):
        started = time.monotonic()
        print(row(measure(resident.window, 0, started)), flush=True)
        warm: Sample | None = None
        last: Sample | None = None
        for visit in range(1, visits + 1):
            resident.visit()
            if visit == warm_up or (visit > warm_up and (visit - warm_up) % every == 0):
                last = measure(resident.window, visit, started)
                warm = warm or last
                print(row(last), flush=True)
        if last is None or last.visit != visits:
            last = measure(resident.window, visits, started)
            print(row(last))
        assert warm is not None
        report_growth(warm, last)


if __name__ == "__main__":
    main()
