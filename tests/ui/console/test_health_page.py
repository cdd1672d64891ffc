"""The console's health page: faults first with their status in words, checks off the GUI
thread, refreshed while shown, a fit on a portrait panel, and the export to a USB stick."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.health.catalog import CatalogFacts, catalog_line
from kiosk.health.devices import BoardState, PrinterCondition, printer_line, reader_line
from kiosk.health.disk import MIB, Usage, disk_line
from kiosk.health.help_requests import help_line
from kiosk.health.network import PlatformAnswer, network_lines
from kiosk.health.queue import QueueFacts, ratings_line, submissions_line
from kiosk.health.report import HealthReport
from kiosk.health.sync_record import SyncRecord, sync_line
from kiosk.health.usb import Drive
from kiosk.health.versions import uptime_line, versions_line
from tests.helpers.ui.layout_check import PANELS, layout_problems
from ui.console.health_page import STYLE, HealthPage
from ui.style import MINIMUM_TEXT_CONTRAST, contrast_ratio

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
PORTRAIT = PANELS["1080x1920"]
LEFT = Qt.MouseButton.LeftButton


def hall_report() -> HealthReport:
    """A morning at the hall: the printer ran out of paper, the network is down, cases wait."""
    facts = QueueFacts(
        {"queued": 3, "sending": 0, "delivered": 12, "quarantined": 0},
        "T1-20261201-000001",
        NOW - timedelta(hours=3),
        {"queued": 2, "sending": 0, "delivered": 4, "quarantined": 0},
    )
    record = SyncRecord(NOW - timedelta(minutes=1), "TimeoutError", NOW - timedelta(hours=3), "0.1")
    return HealthReport.of(
        NOW,
        [
            reader_line(BoardState(True, "", "")),
            printer_line(True, PrinterCondition(paper_out=True)),
            *network_lines(
                "https://platform.example",
                lambda h, p: "TimeoutError",
                lambda: PlatformAnswer(True, ""),
            ),
            sync_line(record, NOW, 60, 300),
            submissions_line(facts, NOW),
            ratings_line(facts),
            disk_line(Path("/"), usage=lambda _: Usage(0, 0, 700 * MIB)),
            catalog_line(CatalogFacts("2026.11.1", 42, False, NOW - timedelta(days=5)), NOW),
            versions_line("0.1", "0.1"),
            uptime_line(timedelta(hours=5), timedelta(days=2)),
            help_line(1),
        ],
    )


class Fakes:
    def __init__(self, report: Callable[[], HealthReport] = hall_report) -> None:
        self.reports = 0
        self.drives: list[Drive] = []
        self.exported: list[Path] = []
        self._report = report

    def take_report(self) -> HealthReport:
        self.reports += 1
        return self._report()

    def find_drives(self) -> list[Drive]:
        return list(self.drives)

    def export_to(self, target: Path, actor: str) -> Path:
        self.exported.append(target)
        return target / "kiosk-diagnostics-T1-20261201-080000.zip"


@pytest.fixture
def fakes() -> Fakes:
    return Fakes()


def on_portrait_panel(qtbot: QtBot, page: HealthPage) -> QWidget:
    """The page in a window the size of a standing kiosk's panel (the window owns it)."""
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(page)
    window.resize(PORTRAIT)
    return window


Build = Callable[..., HealthPage]


@pytest.fixture
def build(qtbot: QtBot) -> Iterator[Build]:
    """Pages on portrait windows, kept until every check and export they started is over."""
    built: list[tuple[HealthPage, QWidget]] = []

    def make(fakes: Fakes, *, refresh_ms: int = 60_000, shown: bool = True) -> HealthPage:
        page = HealthPage(fakes.take_report, fakes.find_drives, fakes.export_to, refresh_ms)
        window = on_portrait_panel(qtbot, page)
        if shown:
            window.show()
        built.append((page, window))
        return page

    yield make
    for page, window in built:
        page.wait_for_work()
        window.close()
    qtbot.wait(0)


@pytest.fixture
def page(build: Build, fakes: Fakes) -> HealthPage:
    return build(fakes)


def markers(page: HealthPage) -> list[QLabel]:
    return [m for m in page.findChildren(QLabel, "health_marker") if m.isVisible()]


def wait_for_lines(qtbot: QtBot, page: HealthPage) -> None:
    """Until the report is on screen (a widget added to a shown page shows a moment later)."""
    qtbot.waitUntil(lambda: page.line_topics() != [] and markers(page) != [])


def texts(page: HealthPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def test_faults_are_listed_first_each_marked_in_words_not_colour_alone(
    qtbot: QtBot, page: HealthPage
) -> None:
    wait_for_lines(qtbot, page)
    topics = page.line_topics()
    assert topics[:7] == ["printer", "network", "platform", "sync", "queue", "disk", "help"]
    assert topics[-1] == "uptime"
    shown_markers = markers(page)
    assert {m.text() for m in shown_markers} == {"✖ 故障", "▲ 注意", "✔ 正常"}
    assert shown_markers[0].property("status") == "fault"
    shown = texts(page)
    assert "打印机缺纸" in shown
    assert "请这样做：请打开打印机盖装入新纸卷，纸头朝外拉出一点，再合上盖" in shown
    assert page.summary.text().startswith("有 2 项故障、5 项需要注意")


def test_the_page_fits_a_portrait_panel_1080_wide_without_clipping(
    qtbot: QtBot, page: HealthPage
) -> None:
    wait_for_lines(qtbot, page)
    assert layout_problems(page.window(), PORTRAIT) == []


def test_on_a_landscape_panel_what_works_stands_beside_what_needs_care(
    qtbot: QtBot, page: HealthPage
) -> None:
    landscape = PANELS["1920x1080"]
    page.window().resize(landscape)
    wait_for_lines(qtbot, page)
    assert layout_problems(page.window(), landscape) == []
    first_fault, first_ok = markers(page)[0], markers(page)[-1]
    assert first_ok.property("status") == "ok"
    assert first_ok.mapTo(page, first_ok.rect().topLeft()).x() > page.width() // 2
    assert first_fault.mapTo(page, first_fault.rect().topLeft()).x() < page.width() // 2


def test_checks_run_off_the_gui_thread_and_are_not_started_twice(
    qtbot: QtBot, build: Build
) -> None:
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_report() -> HealthReport:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return hall_report()

    fakes = Fakes(slow_report)
    page = build(fakes, shown=False)  # never shown: only the explicit refreshes check
    page.refresh()
    page.refresh()  # the GUI thread is back at once, and a second check waits for the first
    assert page.summary.text() == "正在检查……"
    release.set()
    qtbot.waitUntil(lambda: page.line_topics() != [])
    assert fakes.reports == 1
    assert threads[0] is not threading.main_thread()


def test_the_report_is_taken_again_every_few_seconds_while_shown_and_not_when_hidden(
    qtbot: QtBot, build: Build, fakes: Fakes
) -> None:
    page = build(fakes, refresh_ms=20)
    qtbot.waitUntil(lambda: fakes.reports >= 3)
    page.hide()
    page.wait_for_work()
    qtbot.wait(0)  # deliver the last result
    counted = fakes.reports
    assert not page._timer.isActive()
    assert fakes.reports == counted


def test_without_a_stick_the_page_says_to_plug_one_in(
    qtbot: QtBot, page: HealthPage, fakes: Fakes
) -> None:
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(page.export_button.isEnabled)
    assert page.export_status.text() == "没有找到U盘。请插入U盘后再试"
    assert fakes.exported == []


def test_with_one_stick_the_bundle_is_written_there_and_the_page_says_where(
    qtbot: QtBot, page: HealthPage, fakes: Fakes, tmp_path: Path
) -> None:
    fakes.drives = [Drive(tmp_path / "KINGSTON", "/dev/sdb1")]
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: fakes.exported != [] and page.export_button.isEnabled())
    assert fakes.exported == [tmp_path / "KINGSTON"]
    assert page.export_status.text() == (
        "已写入U盘 KINGSTON：kiosk-diagnostics-T1-20261201-080000.zip。"
        "现在可以拔出U盘，交给技术人员"
    )


def test_with_several_sticks_staff_choose_one(
    qtbot: QtBot, page: HealthPage, fakes: Fakes, tmp_path: Path
) -> None:
    fakes.drives = [Drive(tmp_path / "A", "/dev/sdb1"), Drive(tmp_path / "B", "/dev/sdc1")]
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: len(choices(page)) == 2)
    assert page.export_status.text() == "找到多个U盘，请点选要写入的一个"
    qtbot.mouseClick(choices(page)[1], LEFT)
    qtbot.waitUntil(lambda: fakes.exported == [tmp_path / "B"] and page.export_button.isEnabled())


class FullStick(Fakes):
    def export_to(self, target: Path, actor: str) -> Path:
        raise OSError(28, "No space left on device")


def test_a_failed_write_says_to_try_another_stick(
    qtbot: QtBot, build: Build, tmp_path: Path
) -> None:
    fakes = FullStick()
    fakes.drives = [Drive(tmp_path / "FULL", "/dev/sdb1")]
    page = build(fakes)
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: "没有成功" in page.export_status.text())
    assert "换一个U盘" in page.export_status.text()


def choices(page: HealthPage) -> list[QPushButton]:
    return [b for b in page.findChildren(QPushButton, "health_drive") if b.isVisible()]


def test_every_marker_colour_reads_at_wcag_aa_contrast() -> None:
    pairs = re.findall(
        r'status="(\w+)"\] \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}', STYLE
    )
    assert {status for status, _, _ in pairs} == {"fault", "warning", "ok"}
    for _, background, text in pairs:
        assert contrast_ratio(text, background) >= MINIMUM_TEXT_CONTRAST
