"""The console's actions page, pressed button by button: each act runs off the GUI thread,
answers in words, is audited, and shows only to a role holding its verb."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from drivers.idcard import FakeIdCardReader, demo_cards
from drivers.qr import Scanned
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.catalog import load_catalog
from kiosk.config import KioskSettings
from kiosk.console.actions import ConsoleActions
from kiosk.console.device_tests import DeviceTests, KioskFacts
from kiosk.console.power import EXIT_RESTART_REQUESTED, CommandResult, Power
from kiosk.console.quarantine import QuarantineDesk
from kiosk.console.reprint import ReceiptReprint
from kiosk.console.service_mode import ServiceMode
from kiosk.console.sync_now import PASS_RECORD_FILE, SyncNow, SyncRequests
from kiosk.rating_queue import rating_queue
from kiosk.service_state import ServiceSwitch
from kiosk.staff.rights import RIGHTS, Role, Verb
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.service import FixedCatalog, KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore
from kiosk.wiring.console import console_pages
from kiosk.wiring.console_probes import ReaderProbe, ScannerProbe
from tests.helpers.cases import accepted_case
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.devices.scripted_scanner import ScriptedScanner, SleepClock
from tests.helpers.sealed import TEST_SEALER
from tests.helpers.ui.ui_rig import UiRig, ui_rig
from ui.console.actions_page import ActionsPage

ZONE = ZoneInfo("Asia/Shanghai")


class RecordingRunner:
    def __init__(self) -> None:
        self.argvs: list[tuple[str, ...]] = []

    def __call__(self, argv: Sequence[str]) -> CommandResult:
        self.argvs.append(tuple(argv))
        return CommandResult(0, "")


@dataclass
class Console:
    page: ActionsPage
    qtbot: QtBot
    audit: MemoryAuditTrail
    reader: FakeIdCardReader
    scanner: ScriptedScanner
    printer: RecordingPrinter
    submissions: SubmissionService
    engine: Engine
    requests: SyncRequests
    switch: ServiceSwitch
    runner: RecordingRunner
    exits: list[int]

    def press(self, name: str) -> str:
        """Tap the button and wait for its act to finish; what the page then says."""
        button = self.page.findChild(QAbstractButton, name)
        assert button is not None and button.isVisibleTo(self.page), f"no button {name}"
        assert button.isEnabled(), f"{name} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
        self.qtbot.waitUntil(lambda: not self.page.busy, timeout=5000)
        return self.page.result.text()

    def shown(self, name: str) -> bool:
        widget = self.page.findChild(QWidget, name)
        assert widget is not None, name
        return widget.isVisibleTo(self.page)


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[Console]:
    engine = open_engine(tmp_path / "kiosk.db")
    upgrade_to_head(engine)
    audit, printer, runner = MemoryAuditTrail(), RecordingPrinter(), RecordingRunner()
    reader, scanner, clock = FakeIdCardReader(), ScriptedScanner(), SleepClock()
    identity = KioskIdentity(
        "KSK00001", "测试大厅", "12345", ZONE, "https://x/p?case={case_number}"
    )
    store = SubmissionStore(engine, "KSK00001", TEST_SEALER, audit=audit)
    submissions = SubmissionService(FixedCatalog(load_catalog()), store, printer, identity)
    code = ScannerProbe(scanner)
    requests, switch = SyncRequests(tmp_path), ServiceSwitch(tmp_path, audit)
    facts = KioskFacts("测试大厅", "KSK00001", "https://x/p?case={case_number}", "12345")
    actions = ConsoleActions(
        devices=DeviceTests(
            ReaderProbe(reader, clock.monotonic, clock.sleep), code, printer, facts, audit
        ),
        reprint=ReceiptReprint(submissions),
        receipt_scanner=code,
        sync=SyncNow(requests, audit),
        quarantine=QuarantineDesk(SubmissionQueue(engine), rating_queue(engine)),
        service=ServiceMode(switch),
        power=Power(audit, runner),
        timezone=ZONE,
    )
    exits: list[int] = []
    page = ActionsPage(actions, quit_app=exits.append)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    page.sign_in("S001", Role.STAFF)
    yield Console(
        page,
        qtbot,
        audit,
        reader,
        scanner,
        printer,
        submissions,
        engine,
        requests,
        switch,
        runner,
        exits,
    )
    page.wait_for_work()
    engine.dispose()


def test_test_read_shows_the_holder_masked_and_leaving_forgets_it(console: Console) -> None:
    card = demo_cards.ELDERLY_RESIDENT
    console.reader.place_card(card)

    said = console.press("action_test_read")

    assert "读卡器正常" in said and card.name[0] + "*" in said
    assert card.name not in said and card.id_number not in said
    assert console.audit.events[-1].details == {"device": "card_reader", "outcome": "ok"}
    assert console.audit.events[-1].actor == "S001"
    console.page.sign_out()
    assert console.page.result.text() == ""
    assert not console.shown("action_test_read")


def test_test_read_without_a_card_says_to_lay_it_flat(console: Console) -> None:
    assert "平放" in console.press("action_test_read")


def test_test_scan_shows_the_code(console: Console) -> None:
    console.scanner.reads.append(Scanned("HELLO-123"))
    assert "HELLO-123" in console.press("action_test_scan")


def test_test_print_prints_the_test_page(console: Console) -> None:
    assert "测试页已打印" in console.press("action_test_print")
    assert console.printer.receipts[0].title.startswith("打印测试")


def test_reprint_by_typed_case_number_through_the_onscreen_keys(console: Console) -> None:
    case_number = console.submissions.submit(ELDERLY_MATTER, elderly_application()).case_number
    keyboard = console.page.keyboard
    for char in case_number.lower():
        key = (
            "key_hyphen"
            if char == "-"
            else f"key_digit_{char}"
            if char.isdigit()
            else f"key_{char}"
        )
        button = keyboard.findChild(QAbstractButton, key)
        assert button is not None, key
        console.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert console.page.case_number.text().upper() == case_number

    said = console.press("action_reprint")

    assert case_number in said and "已补打" in said
    assert len(console.printer.receipts) == 2
    assert console.audit.events[-1].event is AuditEvent.RECEIPT_REPRINTED


def test_reprint_by_scanning_the_receipt_qr(console: Console) -> None:
    accepted = console.submissions.submit(ELDERLY_MATTER, elderly_application())
    console.scanner.reads.append(Scanned(console.printer.receipts[0].lookup_payload))

    said = console.press("action_reprint_scan")

    assert accepted.case_number in said
    assert len(console.printer.receipts) == 2


def test_sync_now_leaves_a_request_and_later_shows_the_new_sync_time(
    console: Console, tmp_path: Path
) -> None:
    console.page.sync_watch.setInterval(10)
    said = console.press("action_sync_now")
    assert "已请求立即同步" in said
    assert console.requests.pending
    assert "等待同步程序" in console.page.sync_state.text()
    assert console.audit.kinds()[-1] is AuditEvent.SYNC_REQUESTED

    assert console.requests.take()  # the agent, at its next turn, then its pass's record
    record = {"last_pass": {}, "last_success_at": "2026-12-01T08:30:00+00:00"}
    (tmp_path / PASS_RECORD_FILE).write_text(json.dumps(record), encoding="utf-8")

    console.qtbot.waitUntil(lambda: not console.page.sync_watch.isActive(), timeout=5000)
    assert console.page.sync_state.text() == "上次同步成功：2026-12-01 16:30"


def test_quarantined_cases_are_listed_and_retried(console: Console) -> None:
    case_number = accepted_case(console.engine)
    queue = SubmissionQueue(console.engine)
    (item,) = queue.claim_batch(10)
    queue.quarantine(item.idempotency_key, "matter withdrawn")
    console.page.refresh()
    listed = console.page.quarantined.item(0).text()
    assert case_number in listed and "matter withdrawn" in listed

    console.page.quarantined.setCurrentRow(0)
    said = console.press("action_retry_selected")

    assert "已重新排队 1 项" in said
    assert "没有被退回" in console.page.quarantined.item(0).text()
    assert "没有被退回" in console.press("action_retry_all")


def test_out_of_service_and_back(console: Console) -> None:
    changes: list[bool] = []
    console.page.service_changed.connect(changes.append)

    said = console.press("action_service_toggle")

    assert "已暂停服务" in said and not console.switch.in_service
    assert "已暂停服务" in console.page.service_state.text()
    assert "已恢复服务" in console.press("action_service_toggle") and console.switch.in_service
    assert changes == [False, True]
    assert console.audit.kinds()[-2:] == [AuditEvent.OUT_OF_SERVICE, AuditEvent.BACK_IN_SERVICE]


def test_restart_asks_first_then_quits_with_the_restart_code(console: Console) -> None:
    console.press("action_restart_app")
    assert console.page.confirm.asking and console.exits == []

    console.press("console_confirm_yes")

    console.qtbot.waitUntil(lambda: console.exits == [EXIT_RESTART_REQUESTED])
    assert console.audit.kinds()[-1] is AuditEvent.APP_RESTART_REQUESTED


def test_reboot_asks_first_and_a_cancel_runs_nothing(console: Console) -> None:
    console.press("action_reboot")
    console.press("console_confirm_no")
    assert console.runner.argvs == []

    console.press("action_reboot")
    said = console.press("console_confirm_yes")

    assert console.runner.argvs == [("systemctl", "reboot")]
    assert "正在重新启动" in said
    assert console.audit.kinds()[-1] is AuditEvent.MACHINE_REBOOT_REQUESTED


def test_each_act_shows_only_to_a_role_holding_its_verb(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrower = RIGHTS[Role.STAFF] - {Verb.REBOOT_MACHINE, Verb.REPRINT}
    monkeypatch.setitem(RIGHTS, Role.STAFF, narrower)

    console.page.sign_in("S002", Role.STAFF)

    assert not console.shown("action_reboot") and not console.shown("action_reprint")
    assert console.shown("action_restart_app") and console.shown("action_test_print")
    console.page.sign_in("T001", Role.TECHNICIAN)
    assert console.shown("action_reboot") and console.shown("action_reprint")


@pytest.fixture
def wired(
    qtbot: QtBot, settings: KioskSettings, tmp_path: Path
) -> Iterator[tuple[UiRig, ActionsPage]]:
    """The page as the console composes it, on the kiosk's own (simulated) devices; held
    here, so it outlives the test's last events."""
    with ui_rig(settings, tmp_path, (sys.executable, "-c", "pass")) as rig:
        (page,) = [
            p for p in console_pages(rig.services, rig.devices) if isinstance(p, ActionsPage)
        ]
        qtbot.addWidget(page)
        page.show()
        yield rig, page
        page.wait_for_work()


def test_the_console_wiring_tests_the_kiosks_own_reader(
    qtbot: QtBot, wired: tuple[UiRig, ActionsPage]
) -> None:
    rig, page = wired
    page.sign_in("S001", Role.STAFF)
    rig.card.place_card(demo_cards.ELDERLY_RESIDENT)

    qtbot.mouseClick(page.test_read, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)

    assert "读卡器正常" in page.result.text()
    assert demo_cards.ELDERLY_RESIDENT.name not in page.result.text()
