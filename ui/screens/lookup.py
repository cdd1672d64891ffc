"""Progress lookup (办件查询): scan the receipt's QR code, place the ID card, or type the case
number; shows each case's last known status and when it was last synced.

The keyboard is always up here. On a short panel its keys turn compact; the results line shows
only once there is something in it, and then, if the panel is still too short, the instruction
(already followed) makes way for it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLineEdit

from kiosk.submissions.progress import CaseProgress
from ui.language import current_locale
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard


class LookupScreen(Screen):
    typed = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("lookup_screen")
        self.instruction_label = wrapping_label("", "lookup_instruction", role="instruction")
        self.case_number = QLineEdit()
        self.case_number.setObjectName("lookup_case_number")
        self.case_number.setProperty("keyboard", "latin")
        self.results = wrapping_label("", "lookup_results")
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("lookup_keyboard")
        self.body.addWidget(self.instruction_label)
        self.body.addWidget(self.case_number)
        self.body.addWidget(self.results, stretch=1)
        self.body.addWidget(self.keyboard)
        # Latin from the start: the pinyin candidate bar would ask for width before start().
        self.keyboard.attach(self.case_number, KeyboardMode.LATIN)
        self.keyboard.detach()
        self.back_button = touch_button("", "lookup_back")
        self.back_button.clicked.connect(self.back_requested)
        self.search_button = touch_button("", "lookup_search", primary=True)
        self.search_button.clicked.connect(lambda: self.typed.emit(self.case_number.text()))
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.search_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("办件查询"))
        self.instruction_label.setText(
            self.tr("请扫描回执上的二维码，或放置身份证，或输入办件编号后按“查询”。")
        )
        self.case_number.setPlaceholderText(self.tr("办件编号，如 T1A2B3C4-20261123-000001"))
        name_accessibly(self.case_number, self.tr("办件编号"), self.tr("用屏幕键盘输入"))
        label_buttons(
            (self.back_button, self.tr("返回首页")),
            (self.search_button, self.tr("查询")),
        )
        self._fit()

    def instruction(self) -> str:
        return self.instruction_label.text()

    def set_layout_mode(self, elder: bool) -> None:
        self.keyboard.set_elder_mode(elder)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit()  # texts may have changed language while it was hidden

    def _fit(self) -> None:
        """Full-size keys if the screen holds them, else compact; then the instruction gives
        way to results that do not fit beside it."""
        self.results.setVisible(bool(self.results.text()))
        self.instruction_label.show()
        self.keyboard.set_compact(False)
        self.keyboard.set_compact(self._too_short())
        self.instruction_label.setVisible(not (self.results.isVisible() and self._too_short()))

    def _too_short(self) -> bool:
        layout = self.layout()
        layout.invalidate()  # nested layouts cache their minimum until laid out afresh
        layout.activate()
        # At this width: the instruction wraps into as many lines as the width asks.
        return layout.totalMinimumHeightForWidth(self.width()) > self.height()

    def start(self) -> None:
        self.keyboard.attach(self.case_number, KeyboardMode.LATIN)
        self.case_number.setFocus()

    def show_results(self, found: list[CaseProgress]) -> None:
        if not found:
            self.results.setText(
                self.tr(
                    "没有找到办件。请核对办件编号；本机只能查询在本机提交的办件，也可拨打热线查询。"
                )
            )
            self._fit()
            return
        locale = current_locale()
        lines = []
        for case in found:
            synced = (
                self.tr("最近同步：{time}").format(time=f"{case.last_synced_at:%Y-%m-%d %H:%M}")
                if case.last_synced_at
                else self.tr("尚未与办理部门同步")
            )
            lines.append(
                f"{case.case_number}  {case.matter_name.text(locale)}\n"
                f"    {case.state_text.text(locale)}（{synced}）"
            )
        self.results.setText("\n".join(lines))
        self._fit()

    def show_problem(self, message: str) -> None:
        self.results.setText(message)
        self._fit()

    def reset(self) -> None:
        self.keyboard.detach()
        self.case_number.clear()
        self.results.setText("")
        self._fit()
