"""Progress lookup (办件查询): scan the receipt's QR code, place the ID card, or type the case
number; shows each case's last known status and when it was last synced.

The keyboard is always up here. On a short panel its keys turn compact, and if that is not
enough the step's buttons stand beside the keys instead of under them; the results line shows
only once there is something in it, and then, if the panel is still too short, the instruction
(already followed) makes way for it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLineEdit

from kiosk.submissions.progress import CaseProgress
from ui.language import current_locale
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.keyboard_room import forget_sizes
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.widgets.steps_beside_keys import StepsBesideKeys

TIGHT_SPACING = 4


class LookupScreen(Screen):
    typed = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("lookup_screen")
        self._fitting = False
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
        # Latin from the start: the pinyin candidate bar would ask for width before start().
        self.keyboard.attach(self.case_number, KeyboardMode.LATIN)
        self.keyboard.detach()
        self.back_button = touch_button("", "lookup_back")
        self.back_button.clicked.connect(self.back_requested)
        self.search_button = touch_button("", "lookup_search", primary=True)
        self.search_button.clicked.connect(lambda: self.typed.emit(self.case_number.text()))
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.search_button)
        self.steps = StepsBesideKeys(
            self.keyboard, self.buttons, (self.back_button, self.search_button)
        )
        self.body.addLayout(self.steps.row)
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
        """Full-size keys if the screen holds them, else compact, else compact with the step's
        buttons beside them; then the instruction gives way to results that do not fit.

        Worked out with the keys hidden: a key shown while the keyboard is up lays the window
        out at once, and a window grown for a moment stays grown."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self.keyboard.hide()
            self.results.setVisible(bool(self.results.text()))
            self.instruction_label.show()
            self.steps.set_beside(False)
            self.body.setSpacing(-1)  # the screen's own
            self.keyboard.set_compact(False)
            self.keyboard.set_compact(self._too_short())
            self._set_instruction_compact(False)
            if self._too_short() and self.steps.fit_beside(self._inner_width()):
                self.steps.set_beside(True)
                # The instruction at the least elder text size (36 px) and the field and the
                # keys 4 px apart (still apart) fit a 768-pixel panel in elder mode.
                self.body.setSpacing(TIGHT_SPACING)
                self._set_instruction_compact(True)
            self.instruction_label.setVisible(not (self.results.isVisible() and self._too_short()))
            self.keyboard.show()
        finally:
            self._fitting = False

    def _inner_width(self) -> int:
        margins = self.layout().contentsMargins()
        return self.width() - margins.left() - margins.right()

    def _set_instruction_compact(self, compact: bool) -> None:
        label = self.instruction_label
        if bool(label.property("compact")) != compact:
            label.setProperty("compact", compact)
            label.style().unpolish(label)  # the sheets size it by the property
            label.style().polish(label)

    def _too_short(self) -> bool:
        """Whether the screen, with the (hidden) keyboard up, is taller than it is."""
        layout = self.layout()
        forget_sizes(layout)  # measured without laying out, or the window grows to a step tried
        # At this width: the instruction wraps into as many lines as the width asks.
        least = layout.totalMinimumHeightForWidth(self.width())
        forget_sizes(self.keyboard.layout())
        keys = self.keyboard.minimumSizeHint().height()
        if self.steps.is_beside():  # the buttons' column is in the keys' row already
            keys = max(0, keys - self.steps.row.minimumSize().height())
        else:
            keys += self.body.spacing()
        return least + keys > self.height()

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
