"""The console's actions page: test the devices, reprint a receipt, sync now, retry what the
platform refused, take the kiosk out of service, restart the app, reboot the machine.

Each act is a large button shown only when the staff member's role holds its verb. The shell
signs it in (`sign_in(staff_number, role)`) when a PIN opens the console and out when it
closes, which also forgets every result shown (a test read's masked name among them). Device
and disk work runs on a worker thread; the result comes back as words saying what happened
and what to do next. Restart and reboot ask for a confirmation first. After a switch in or out
of service `service_changed` tells the shell, which shows the matching screen on leaving.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.console.actions import ConsoleActions
from kiosk.console.outcome import ActionOutcome
from kiosk.console.power import EXIT_RESTART_REQUESTED
from kiosk.console.quarantine import ItemKind, QuarantinedItem
from kiosk.i18n import Message
from kiosk.staff.rights import Role, Verb, can
from ui.console.confirm_bar import ConfirmBar
from ui.console.page import ConsolePage
from ui.language import current_locale
from ui.screens.base import label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)

# How often, and how many times, the sync line is read again after "sync now" (two minutes:
# longer than a pass over a slow extranet).
SYNC_WATCH_MS = 2000
SYNC_WATCH_CHECKS = 60


def _rendered(message: Message) -> Callable[[], str]:
    return lambda: message.render(current_locale())


def _section(title: QLabel, *widgets: QWidget) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "console_section")
    layout = QVBoxLayout(frame)
    layout.addWidget(title)
    for widget in widgets:
        layout.addWidget(widget)
    return frame


def _row(*buttons: QPushButton) -> QWidget:
    row = QWidget()
    grid = QGridLayout(row)
    grid.setContentsMargins(0, 0, 0, 0)
    for column, button in enumerate(buttons):
        grid.addWidget(button, 0, column)
    return row


class ActionsPage(ConsolePage):
    verb = Verb.TEST_DEVICES
    service_changed = Signal(bool)  # True: back in service; False: out of service

    def __init__(
        self,
        actions: ConsoleActions,
        quit_app: Callable[[int], None] = QCoreApplication.exit,
    ) -> None:
        super().__init__("console_actions_page")
        self._actions = actions
        self._quit_app = quit_app
        self._runner = BackgroundRunner(self)
        self._shown: Callable[[], str] | None = None
        self._busy = False
        self._items: list[QuarantinedItem] = []
        self._build()
        self._gate()
        self.retranslate()

    # -- for the console shell --------------------------------------------------------

    def sign_in(self, staff_number: str, role: Role) -> None:
        super().sign_in(staff_number, role)
        self._gate()
        self.refresh()

    def sign_out(self) -> None:
        super().sign_out()
        self._say(None)
        self.case_number.clear()
        self.confirm.cancel()
        self.sync_watch.stop()
        self._gate()

    @property
    def busy(self) -> bool:
        """Whether an act is running on the worker thread."""
        return self._busy

    def wait_for_work(self) -> None:
        """Block until an act still running has finished (for shutting down)."""
        self._runner.wait_for_all()

    # -- ConsolePage ------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("操作")

    def refresh(self) -> None:
        """Read the quarantined items, the last sync and the service state again."""
        if self.role is not None and can(self.role, Verb.RETRY_QUARANTINED):
            self._items = self._actions.quarantine.items()
        self._fill_quarantined()
        self._show_sync_state()
        self._show_service_state()

    def retranslate(self) -> None:
        self.devices_title.setText(self.tr("设备测试"))
        self.reprint_title.setText(self.tr("补打回执"))
        self.sync_title.setText(self.tr("同步"))
        self.quarantine_title.setText(self.tr("被平台退回的办件和评价"))
        self.service_title.setText(self.tr("服务状态"))
        self.power_title.setText(self.tr("重新启动"))
        label_buttons(
            (self.test_read, self.tr("测试读卡")),
            (self.test_scan, self.tr("测试扫码")),
            (self.test_print, self.tr("测试打印")),
            (self.reprint, self.tr("补打")),
            (self.reprint_scan, self.tr("扫描回执二维码补打")),
            (self.sync_now, self.tr("立即同步")),
            (self.retry_selected, self.tr("重新发送所选")),
            (self.retry_all, self.tr("全部重新发送")),
            (self.restart, self.tr("重启本机程序")),
            (self.reboot, self.tr("重启整台机器")),
        )
        self.case_number.setPlaceholderText(self.tr("输入办件编号，如 KSK00001-20260101-000001"))
        name_accessibly(self.case_number, self.tr("办件编号"), self.tr("要补打回执的办件编号"))
        name_accessibly(self.quarantined, self.tr("被退回的列表"), self.tr("点选一项后可重新发送"))
        self.confirm.retranslate()
        self._say(self._shown)
        self._fill_quarantined()
        self._show_sync_state()
        self._show_service_state()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.result = wrapping_label("", "actions_result", role="instruction")
        self.confirm = ConfirmBar()
        self.test_read = touch_button("", "action_test_read")
        self.test_scan = touch_button("", "action_test_scan")
        self.test_print = touch_button("", "action_test_print")
        self.case_number = QLineEdit()
        self.case_number.setObjectName("reprint_case_number")
        self.case_number.setProperty("keyboard", "latin")
        self.case_number.setMaxLength(200)  # room for a pasted lookup address
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("reprint_keyboard")
        self.keyboard.attach(self.case_number, KeyboardMode.LATIN)
        self.reprint = touch_button("", "action_reprint", primary=True)
        self.reprint_scan = touch_button("", "action_reprint_scan")
        self.sync_now = touch_button("", "action_sync_now")
        self.sync_state = wrapping_label("", "sync_state")
        # After "sync now", the line is read again until the agent took the request and
        # finished a pass, so staff see the new time without leaving the page.
        self.sync_watch = QTimer(self)
        self.sync_watch.setInterval(SYNC_WATCH_MS)
        self.sync_watch.timeout.connect(self._watch_sync)
        self._sync_before: datetime | None = None
        self._sync_checks = 0
        self.quarantined = QListWidget()
        self.quarantined.setObjectName("quarantined_list")
        self.retry_selected = touch_button("", "action_retry_selected")
        self.retry_all = touch_button("", "action_retry_all")
        self.service_toggle = touch_button("", "action_service_toggle", primary=True)
        self.service_state = wrapping_label("", "service_state")
        self.restart = touch_button("", "action_restart_app")
        self.reboot = touch_button("", "action_reboot")
        titles = [QLabel() for _ in range(6)]
        for title in titles:
            title.setProperty("role", "instruction")
        (
            self.devices_title,
            self.reprint_title,
            self.sync_title,
            self.quarantine_title,
            self.service_title,
            self.power_title,
        ) = titles

        self.devices_section = _section(
            self.devices_title, _row(self.test_read, self.test_scan, self.test_print)
        )
        self.reprint_section = _section(
            self.reprint_title,
            self.case_number,
            self.keyboard,
            _row(self.reprint, self.reprint_scan),
        )
        self.sync_section = _section(self.sync_title, self.sync_state, _row(self.sync_now))
        self.quarantine_section = _section(
            self.quarantine_title,
            self.quarantined,
            _row(self.retry_selected, self.retry_all),
        )
        self.service_section = _section(
            self.service_title, self.service_state, _row(self.service_toggle)
        )
        self.power_section = _section(self.power_title, _row(self.restart, self.reboot))
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        for section in (
            self.devices_section,
            self.reprint_section,
            self.sync_section,
            self.quarantine_section,
            self.service_section,
            self.power_section,
        ):
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.body.addWidget(self.result)
        self.body.addWidget(self.confirm)
        self.body.addWidget(scroll, stretch=1)

    def _connect(self) -> None:
        self.test_read.clicked.connect(self._test_read)
        self.test_scan.clicked.connect(self._test_scan)
        self.test_print.clicked.connect(self._test_print)
        self.reprint.clicked.connect(self._reprint_typed)
        self.reprint_scan.clicked.connect(self._reprint_scanned)
        self.sync_now.clicked.connect(self._sync_now)
        self.retry_selected.clicked.connect(self._retry_selected)
        self.retry_all.clicked.connect(self._retry_all)
        self.service_toggle.clicked.connect(self._toggle_service)
        self.restart.clicked.connect(self._ask_restart)
        self.reboot.clicked.connect(self._ask_reboot)

    def _gated(self) -> list[tuple[QWidget, Verb]]:
        return [
            (self.devices_section, Verb.TEST_DEVICES),
            (self.reprint_section, Verb.REPRINT),
            (self.sync_section, Verb.SYNC_NOW),
            (self.quarantine_section, Verb.RETRY_QUARANTINED),
            (self.service_section, Verb.OUT_OF_SERVICE),
            (self.restart, Verb.RESTART_APP),
            (self.reboot, Verb.REBOOT_MACHINE),
        ]

    def _gate(self) -> None:
        """Show each act only to a role that holds its verb, and none while one runs."""
        role = self.role
        for widget, verb in self._gated():
            allowed = role is not None and can(role, verb)
            widget.setVisible(allowed)
            widget.setEnabled(allowed and not self._busy)
        power = (Verb.RESTART_APP, Verb.REBOOT_MACHINE)
        self.power_section.setVisible(role is not None and any(can(role, v) for v in power))

    # -- the acts ---------------------------------------------------------------------

    def _test_read(self) -> None:
        self._start(
            lambda: self.tr("请把身份证放在读卡区……"),
            self._actions.devices.test_read,
        )

    def _test_scan(self) -> None:
        self._start(
            lambda: self.tr("请把二维码对准扫码窗口……"),
            self._actions.devices.test_scan,
        )

    def _test_print(self) -> None:
        self._start(
            lambda: self.tr("正在打印测试页……"),
            self._actions.devices.test_print,
        )

    def _reprint_typed(self) -> None:
        text = self.case_number.text()
        self._start(
            lambda: self.tr("正在补打回执……"),
            lambda actor: self._actions.reprint.reprint(text, actor),
        )

    def _reprint_scanned(self) -> None:
        scanner = self._actions.receipt_scanner
        if scanner is None:
            self._say(lambda: self.tr("本机没有扫码器：请输入回执上的办件编号。"))
            return
        self._start(
            lambda: self.tr("请把回执上的二维码对准扫码窗口……"),
            lambda actor: self._actions.reprint.reprint_scanned(scanner, actor),
        )

    def _sync_now(self) -> None:
        self._sync_before = self._actions.sync.last_success()
        self._start(
            lambda: self.tr("正在请求同步……"),
            self._actions.sync.request,
            after=self._start_sync_watch,
        )

    def _start_sync_watch(self) -> None:
        self._sync_checks = 0
        self.sync_watch.start()

    def _watch_sync(self) -> None:
        self._sync_checks += 1
        self._show_sync_state()
        sync = self._actions.sync
        synced = not sync.pending and sync.last_success() != self._sync_before
        if synced or self._sync_checks >= SYNC_WATCH_CHECKS:
            self.sync_watch.stop()

    def _retry_selected(self) -> None:
        row = self.quarantined.currentRow()
        if not 0 <= row < len(self._items):
            self._say(lambda: self.tr("请先在列表里点选一项。"))
            return
        item = self._items[row]
        self._start(
            lambda: self.tr("正在重新排队……"),
            lambda actor: self._actions.quarantine.retry_item(item, actor),
        )

    def _retry_all(self) -> None:
        self._start(
            lambda: self.tr("正在重新排队……"),
            self._actions.quarantine.retry_all,
        )

    def _toggle_service(self) -> None:
        wanted = not self._actions.service.in_service
        self._start(
            lambda: self.tr("正在切换服务状态……"),
            lambda actor: self._actions.service.set_in_service(wanted, actor),
            after=lambda: self.service_changed.emit(wanted),
        )

    def _ask_restart(self) -> None:
        self.confirm.ask(self.tr("重启本机程序？约半分钟内不能使用。"), self._restart)

    def _restart(self) -> None:
        if self.actor is None:
            return
        self._say(_rendered(self._actions.power.request_restart(self.actor).message))
        QTimer.singleShot(0, lambda: self._quit_app(EXIT_RESTART_REQUESTED))

    def _ask_reboot(self) -> None:
        self.confirm.ask(
            self.tr("重启整台机器？约两分钟内不能使用。"),
            lambda: self._start(
                lambda: self.tr("正在请求重启……"),
                self._actions.power.reboot,
            ),
        )

    # -- running and showing ----------------------------------------------------------

    def _start(
        self,
        waiting: Callable[[], str],
        work: Callable[[str], ActionOutcome],
        after: Callable[[], None] | None = None,
    ) -> None:
        actor = self.actor
        if actor is None or self._busy:
            return
        self._busy = True
        self._gate()
        self._say(waiting)

        def done(outcome: ActionOutcome) -> None:
            self._finish(_rendered(outcome.message))
            if after is not None:
                after()

        def failed(error: Exception) -> None:
            log.error("console action failed", exc_info=error)
            self._finish(
                lambda: self.tr("没有完成：出现了意外问题。请再试一次；仍不行请联系技术人员。")
            )

        self._runner.run(lambda: work(actor), done, failed)

    def _finish(self, text: Callable[[], str]) -> None:
        self._busy = False
        self._gate()
        if self.actor is None:  # the console closed meanwhile: show nothing
            return
        self._say(text)
        self.refresh()

    def _say(self, text: Callable[[], str] | None) -> None:
        """Show a result; `text` gives it in the language of the moment (called again on a
        language switch)."""
        self._shown = text
        self.result.setText(text() if text is not None else "")

    def _fill_quarantined(self) -> None:
        self.quarantined.clear()
        for item in self._items:
            self.quarantined.addItem(self._describe(item))
        if not self._items:
            self.quarantined.addItem(self.tr("没有被退回的办件或评价"))
        self.retry_selected.setEnabled(bool(self._items) and not self._busy)

    def _describe(self, item: QuarantinedItem) -> str:
        since = self._local(item.since)
        reason = item.reason or self.tr("未说明原因")
        if item.kind is ItemKind.SUBMISSION:
            text = self.tr("办件 {case}：{reason}（{since}）")
        else:
            text = self.tr("评价（办件 {case}）：{reason}（{since}）")
        return text.format(case=item.case_number, reason=reason, since=since)

    def _show_sync_state(self) -> None:
        last = self._local(self._actions.sync.last_success())
        if last:
            text = self.tr("上次同步成功：{time}").format(time=last)
        else:
            text = self.tr("还没有同步成功过")
        if self._actions.sync.pending:
            text += self.tr("；已请求同步，等待同步程序开始")
        self.sync_state.setText(text)

    def _show_service_state(self) -> None:
        if self._actions.service.in_service:
            self.service_state.setText(self.tr("本机正在服务。"))
            label_buttons((self.service_toggle, self.tr("暂停服务")))
        else:
            self.service_state.setText(self.tr("本机已暂停服务，不受理申请。"))
            label_buttons((self.service_toggle, self.tr("恢复服务")))

    def _local(self, when: datetime | None) -> str:
        if when is None:
            return ""
        return f"{when.astimezone(self._actions.timezone):%Y-%m-%d %H:%M}"
