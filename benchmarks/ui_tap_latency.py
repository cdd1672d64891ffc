"""Tap-to-next-screen-painted latency of the kiosk window over a resident's whole visit.

In one process, offscreen (QT_QPA_PLATFORM=offscreen), the real KioskWindow is built by the UI
tests' rig (tests/helpers/ui/ui_rig.py: the wiring `kiosk run` uses, on a simulated ID card
reader on a pseudo-terminal, an ESC/POS printer simulator on loopback, a QR scanner simulator),
with its own KIOSK_DATA_DIR. The voice guide runs `true` instead of espeak-ng: every screen
change still starts a TTS process (QProcess) on the GUI thread, but no speech synthesis
competes for the CPU. The elderly resident's visit (王秀英, 老年人优待证申领) is
tapped through with PySide6.QtTest.QTest.mouseClick, R times (default 15):

    start → matter list (→ next page until the matter shows) → guide → identify, card already
    on the reader → form page 1 → page 2 → materials → delivery → confirm → thanks (commit and
    receipt printed to the simulator) → done → attract

What is measured, for each tap that changes the screen (or the page of the form / matter list):
  start    time.perf_counter() just before QTest.mouseClick (press + release on the button).
  painted  the first QEvent.Paint received by a landmark of what the tap brings up: the newly
           current screen widget (hidden before the click, so the button's own press/release
           repaints cannot stand in for it), or for page turns the widget holding the matter
           tiles / the first field of the form's second page. An event filter on that widget
           only, installed before the click, stamps it.
  frame    the end of the window's repaint pass (its QEvent.UpdateRequest, handled by QWidget's
           backing-store sync) that delivered that Paint: the whole new screen has been painted
           into the backing store. Stamped by a KioskWindow subclass that only times `event()`.
Between the click and those events the Qt event loop runs (a QEventLoop, woken by the events,
with a timeout); nothing forces a repaint: offscreen Qt paints into its backing store on its own.
Before every tap the window is left idle for 100 ms, as a person's tap would come.

Printed: p50/p95/max in ms per transition and its value in the first visit (first showing of
each screen since start-up), the overall figures of all taps but the submit, then the submit
(confirm → thanks, which waits for the database commit and the receipt printing on a worker
thread) and the ID-card step (tap on guide_proceed until the form is painted: the card is only
polled every 300 ms) on their own. Before the first visit the pinyin index, which start-up
builds on a background thread, is waited for, so it does not compete for the GIL; Qt's
offscreen warnings are kept out of the output. Offscreen there is no compositor and no vsync:
a real display adds its frame latency on top.

The kiosk seals to a platform key pair generated for the run, as every test kiosk does. A
submission the kiosk refuses stops the run at once, naming the screen it showed instead of the
thanks screen and the warnings and errors the kiosk logged.

Usage: QT_QPA_PLATFORM=offscreen uv run --frozen python benchmarks/ui_tap_latency.py [RUNS]
       [--smoke] (default 15 visits; --smoke: one visit, to check that the benchmark still runs)
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for the UI tests' rig, which builds the window

from drivers.idcard import SamSimulator, demo_cards  # noqa: E402
from kiosk.config import load_settings  # noqa: E402
from sync.platform.keys import PlatformKeys  # noqa: E402
from tests.helpers.ui.ui_rig import ui_rig  # noqa: E402
from ui.app import prepare_application  # noqa: E402
from ui.input.pinyin import PinyinEngine  # noqa: E402
from ui.main_window import KioskWindow  # noqa: E402
from ui.screens.base import Screen  # noqa: E402

ELDERLY_MATTER = "11440100MB2C91234A-LZ-0001"
SETTLE_MS = 100
TAP_TIMEOUT_MS = 5_000
SUBMIT_TIMEOUT_MS = 15_000
SUBMIT = "confirm → thanks (commit + receipt)"
CARD = "guide proceed → form (card poll + read)"


class PaintProbe(QObject):
    """One-shot stamps: the landmark's first Paint, then the end of the pass that painted it."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.landmark: QWidget | None = None
        self.detours: tuple[QWidget, ...] = ()
        self.detour: QWidget | None = None  # painted instead of the landmark: the tap failed
        self.painted: float | None = None
        self.frame: float | None = None
        self.in_pass = False
        self.outside_pass = 0  # landmarks painted outside a pass of the window (not expected)

    def arm(self, landmark: QWidget, detours: tuple[QWidget, ...] = ()) -> None:
        """Watches `landmark`; a Paint of one of `detours` ends the wait unstamped."""
        self.landmark, self.painted, self.frame = landmark, None, None
        self.detours, self.detour = detours, None
        for widget in (landmark, *detours):
            widget.installEventFilter(self)

    def disarm(self) -> None:
        for widget in (self.landmark, *self.detours):
            if widget is not None:
                widget.removeEventFilter(self)
        self.landmark, self.detours = None, ()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        painting = event.type() == QEvent.Type.Paint
        if painting and watched is self.landmark and self.painted is None:
            self.painted = time.perf_counter()
            if not self.in_pass:  # painted outside the window's repaint pass: no later end
                self.outside_pass += 1
                self._done(self.painted)
        elif painting and watched in self.detours and self.detour is None:
            self.detour = watched if isinstance(watched, QWidget) else None
            self.loop.quit()
        return False

    def pass_started(self) -> None:
        self.in_pass = True

    def pass_ended(self) -> None:
        self.in_pass = False
        if self.painted is not None and self.frame is None:
            self._done(time.perf_counter())

    def _done(self, when: float) -> None:
        self.frame = when
        self.loop.quit()

    def wait(self, timeout_ms: int) -> bool:
        """Runs the event loop until the frame is stamped or the timeout; True if stamped."""
        if self.frame is None:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(self.loop.quit)
            timer.start(timeout_ms)
            self.loop.exec()
            timer.stop()
        return self.frame is not None


def timed_window(probe: PaintProbe) -> type[KioskWindow]:
    """The kiosk window, telling `probe` when each of its repaint passes starts and ends."""

    class TimedKioskWindow(KioskWindow):
        def event(self, event: QEvent) -> bool:
            if event.type() != QEvent.Type.UpdateRequest:
                return super().event(event)
            probe.pass_started()
            handled = super().event(event)
            probe.pass_ended()
            return handled

    return TimedKioskWindow


class KioskLog(logging.Handler):
    """The kiosk's own warnings and errors, kept to explain a failed run (not Qt's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in ("kiosk", "ui"):
            cause = f" ({record.exc_info[1]!r})" if record.exc_info else ""
            self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}{cause}")


@dataclass
class Sample:
    visit: int
    painted_ms: float
    frame_ms: float


@dataclass
class Rig:
    window: KioskWindow
    probe: PaintProbe
    card: SamSimulator
    log: KioskLog
    visit: int = 0
    samples: dict[str, list[Sample]] = field(default_factory=lambda: defaultdict(list))

    def record(self, kind: str, start: float) -> None:
        assert self.probe.painted is not None and self.probe.frame is not None
        painted, frame = self.probe.painted - start, self.probe.frame - start
        self.samples[kind].append(Sample(self.visit, painted * 1000, frame * 1000))


@contextmanager
def running_kiosk(directory: Path, platform_config: str) -> Iterator[Rig]:
    """The window on simulated devices, shown at 1920x1080 and painted once; torn down after.
    `platform_config` is the [platform] section of its kiosk.toml (the keys it seals to)."""
    for key in [k for k in os.environ if k.startswith("KIOSK_")]:
        del os.environ[key]
    os.environ["KIOSK_DATA_DIR"] = str(directory / "data")
    os.environ["KIOSK_CONFIG"] = str(directory / "kiosk.toml")
    (directory / "kiosk.toml").write_text(
        '[devices.printer]\nuri = ""\n\n' + platform_config, encoding="utf-8"
    )
    log = KioskLog()
    logging.getLogger().addHandler(log)
    settings = load_settings()
    app = prepare_application(settings.ui.font_family)
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen: "does not support propagate..."
    PinyinEngine().prepare()  # the index builds in the background at start-up; wait it out
    probe = PaintProbe()
    try:
        with ui_rig(settings, directory, ("true",), timed_window(probe)) as kiosk:
            window = kiosk.window
            window.resize(1920, 1080)
            probe.arm(window.screens.attract)
            window.show()
            if not probe.wait(TAP_TIMEOUT_MS):
                raise RuntimeError("the attract screen was never painted")
            probe.disarm()
            probe.outside_pass = 0  # the first showing is painted on the expose, not in a pass
            app.processEvents()
            yield Rig(window, probe, kiosk.card, log)
    finally:
        logging.getLogger().removeHandler(log)


def visible_button(window: QWidget, name: str) -> QAbstractButton:
    buttons: list[QAbstractButton] = list(window.findChildren(QAbstractButton, name))
    shown = [b for b in buttons if b.isVisible()]
    if not shown or not shown[0].isEnabled():
        raise RuntimeError(f"no visible, enabled button {name}")
    return shown[0]


def tap(rig: Rig, name: str) -> None:
    """An untimed tap after the idle pause."""
    QTest.qWait(SETTLE_MS)
    QTest.mouseClick(visible_button(rig.window, name), Qt.MouseButton.LeftButton)


def timed_tap(
    rig: Rig,
    name: str,
    kind: str,
    landmark: QWidget,
    *,
    timeout_ms: int = TAP_TIMEOUT_MS,
    detours: tuple[QWidget, ...] = (),
) -> float:
    """Taps `name`, waits for `landmark` to be painted, records the sample; returns the start.
    A painted detour (a screen the kiosk shows when the tap fails) stops the run with why."""
    QTest.qWait(SETTLE_MS)
    button = visible_button(rig.window, name)
    rig.probe.arm(landmark, detours)
    start = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    if not rig.probe.wait(timeout_ms):
        detour = rig.probe.detour
        rig.probe.disarm()
        raise RuntimeError(failure(rig, kind, landmark, timeout_ms, detour))
    rig.probe.disarm()
    rig.record(kind, start)
    return start


def on_show(rig: Rig) -> Screen:
    return rig.window.navigator.screen


def failure(rig: Rig, kind: str, landmark: QWidget, timeout_ms: int, detour: QWidget | None) -> str:
    """Why `landmark` did not come up: the screen shown instead, its text, the kiosk's log."""
    if detour is None:
        what = f"{landmark.objectName()} not painted in {timeout_ms} ms"
    else:
        what = f"the kiosk showed {detour.objectName()} instead of {landmark.objectName()}"
    current = on_show(rig)
    lines = [f"{kind}: {what}", f"on {current.objectName()}: {current.instruction()}"]
    lines += ["kiosk log:", *rig.log.lines] if rig.log.lines else ["kiosk log: nothing logged"]
    return "\n".join(lines)


def expect(rig: Rig, screen: QWidget) -> None:
    current = on_show(rig)
    if current is not screen:
        raise RuntimeError(f"on {current.objectName()}, expected {screen.objectName()}")


def one_visit(rig: Rig) -> None:
    """王秀英's visit from the attract screen back to it, every screen change timed."""
    screens = rig.window.screens
    rig.card.place_card(demo_cards.ELDERLY_RESIDENT)
    timed_tap(rig, "start_button", "attract → matter list", screens.matters)
    expect(rig, screens.matters)
    while ELDERLY_MATTER not in screens.matters.matter_buttons:
        timed_tap(rig, "matter_list_next", "matter list → next page", screens.matters.tiles)
    timed_tap(rig, f"matter_{ELDERLY_MATTER}", "matter list → guide", screens.guide)
    expect(rig, screens.guide)
    proceed = timed_tap(rig, "guide_proceed", "guide → identify", screens.identify)
    expect(rig, screens.identify)
    rig.probe.arm(screens.form)  # the card is on the reader: the form follows the next poll
    if not rig.probe.wait(TAP_TIMEOUT_MS):
        raise RuntimeError("the ID card was not read")
    rig.probe.disarm()
    rig.record(CARD, proceed)
    expect(rig, screens.form)

    QTest.qWait(SETTLE_MS)
    inputs: list[QLineEdit] = list(rig.window.findChildren(QLineEdit, "field_mobile_input"))
    mobile = [e for e in inputs if e.isVisible()]
    mobile[0].setFocus()
    QTest.keyClicks(mobile[0], "13800138000")
    second_page = rig.window.findChild(QWidget, "field_reissue")  # hidden on page 1
    assert second_page is not None
    timed_tap(rig, "form_next", "form page 1 → page 2", second_page)
    if not screens.form.page_label.text().startswith("第 2 页"):
        raise RuntimeError(f"form did not turn the page: {screens.form.page_label.text()}")
    tap(rig, "field_reissue_1")  # 否
    timed_tap(rig, "form_next", "form → materials", screens.materials)
    expect(rig, screens.materials)
    timed_tap(rig, "materials_next", "materials → delivery", screens.delivery)
    expect(rig, screens.delivery)
    tap(rig, "delivery_0")  # 窗口自取
    timed_tap(rig, "delivery_next", "delivery → confirm", screens.confirm)
    expect(rig, screens.confirm)
    refused = (screens.problem, screens.form)  # where the kiosk goes when it refuses
    timed_tap(
        rig, "confirm_submit", SUBMIT, screens.thanks, timeout_ms=SUBMIT_TIMEOUT_MS, detours=refused
    )
    expect(rig, screens.thanks)
    timed_tap(rig, "thanks_done", "thanks → attract (done)", screens.attract)
    expect(rig, screens.attract)
    rig.card.remove_card()


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


NAME_WIDTH = 40


def row(name: str, samples: list[Sample], with_first: bool = True) -> str:
    cells = [f"{name:<{NAME_WIDTH}} {len(samples):>3}"]
    for values in ([s.painted_ms for s in samples], [s.frame_ms for s in samples]):
        cells.append(
            f"{percentile(values, 50):7.1f} {percentile(values, 95):7.1f} {max(values):7.1f}"
        )
    first = [s for s in samples if s.visit == 0]
    if with_first and first:
        cells.append(f"{first[0].painted_ms:7.1f} {first[0].frame_ms:7.1f}")
    return "   ".join(cells)


def report(samples: dict[str, list[Sample]], outside_pass: int) -> None:
    stats = f"{'p50':>7} {'p95':>7} {'max':>7}"
    print(
        f"{'':<{NAME_WIDTH}} {'':>3}   {'click → painted':<23}   {'click → frame done':<23}"
        "   visit 1"
    )
    print(
        f"{'transition':<{NAME_WIDTH}} {'n':>3}   {stats}   {stats}   {'painted':>7} {'frame':>7}"
    )
    taps = [kind for kind in samples if kind not in (SUBMIT, CARD)]
    for kind in taps:
        print(row(kind, samples[kind]))
    overall = [s for kind in taps for s in samples[kind]]
    print(row("all taps above (submit excluded)", overall, with_first=False))
    print()
    print(row(SUBMIT, samples[SUBMIT]))
    print(row(CARD, samples[CARD]))
    if outside_pass:
        print(f"note: {outside_pass} landmarks painted outside a window pass (frame = painted)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=15, help="visits (default 15)")
    parser.add_argument("--smoke", action="store_true", help="one visit: check that it runs")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(
        f"{runs} visits, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, "
        f"{os.cpu_count()} cores ({affinity} usable), times in ms from the click"
    )
    keys = PlatformKeys.generate().kiosk_config()
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-taps-") as tmp,
        running_kiosk(Path(tmp), keys) as rig,
    ):
        for visit in range(runs):
            rig.visit = visit
            one_visit(rig)
        report(rig.samples, rig.probe.outside_pass)


if __name__ == "__main__":
    main()
