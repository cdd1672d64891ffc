"""The rating (好差评): five levels; the two bad ones ask why and flag the case for follow-up.

The levels and the reasons are pages' items: on a short panel the reasons follow the levels
on pages of their own, turned to as soon as a bad level is chosen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from kiosk.ratings import BAD_REASONS, Satisfaction
from ui.language import current_locale
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.error_label import ErrorLabel
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.paged_column import PagedColumn
from ui.widgets.touch_choices import TouchCheckBox


class RatingScreen(Screen):
    rated = Signal(object, tuple)  # Satisfaction, reasons
    skip_requested = Signal()

    def __init__(self) -> None:
        super().__init__("rating_screen")
        self.level: Satisfaction | None = None
        self.page_label = wrapping_label("", "rating_page", role="hint")
        self.previous_page = touch_button("", "rating_previous_page")
        self.next_page = touch_button("", "rating_next_page")
        self._content = PagedColumn()
        self._content.page_changed.connect(self._show_page)
        self.previous_page.clicked.connect(lambda: self._content.turn(-1))
        self.next_page.clicked.connect(lambda: self._content.turn(1))
        self.levels_box = QWidget()
        levels = FlowLayout(self.levels_box)  # five in a row, or two rows on a portrait panel
        self.level_buttons: dict[Satisfaction, QPushButton] = {}
        for level in Satisfaction:
            button = touch_button("", f"rate_{level.name.lower()}")
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.clicked.connect(lambda _=False, chosen=level: self._choose(chosen))
            self.level_buttons[level] = button
            levels.addWidget(button)
        self._content.add(self.levels_box)
        self.reasons_label = wrapping_label("", "rating_reasons_label", role="instruction")
        self._content.add(self.reasons_label, keep_with_next=True, left_out=True)
        # One reason a line: each is a whole-width target, and a page holds as many as fit.
        self.reason_checks: list[QCheckBox] = []
        for index, reason in enumerate(BAD_REASONS):
            check = TouchCheckBox()
            check.setObjectName(f"rating_reason_{index}")
            check.setProperty("reason", reason.zh)
            self.reason_checks.append(check)
            self._content.add(check, left_out=True)
        self.error = ErrorLabel("rating_error")
        self.thanks = wrapping_label("", "rating_thanks", role="instruction")
        self.body.addWidget(self._content, stretch=1)
        self.body.addWidget(self.page_label)
        self.body.addWidget(self.error)
        self.body.addWidget(self.thanks)
        self.skip_button = touch_button("", "rating_skip")
        self.skip_button.clicked.connect(self.skip_requested)
        self.submit_button = touch_button("", "rating_submit", primary=True)
        self.submit_button.clicked.connect(self._submit)
        for button in (self.skip_button, self.previous_page, self.next_page, self.submit_button):
            self.buttons.addWidget(button)
        self.retranslate()
        self.reset()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请为本次服务评价"))
        locale = current_locale()
        for level, button in self.level_buttons.items():
            button.setText(level.value.text(locale))
            name_accessibly(button, level.value.text(locale), self.tr("选择评价等级"))
        for check, reason in zip(self.reason_checks, BAD_REASONS, strict=True):
            check.setText(reason.text(locale))
            name_accessibly(check, reason.text(locale), self.tr("不满意的原因"))
        self.reasons_label.setText(self.tr("很抱歉！请告诉我们哪里做得不好，我们会跟进整改："))
        label_buttons(
            (self.skip_button, self.tr("跳过")),
            (self.submit_button, self.tr("提交评价")),
        )
        self._content.label_controls(self.previous_page, self.next_page)
        self._content.paginate()  # the texts' lengths changed

    def instruction(self) -> str:
        return self.tr("请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。")

    def _choose(self, level: Satisfaction) -> None:
        self.level = level
        for other, button in self.level_buttons.items():
            button.setChecked(other is level)
        self._ask_why(level.is_bad)
        if level.is_bad:
            self._content.turn_to(self.reasons_label)
        self.error.setText("")

    def _ask_why(self, asking: bool) -> None:
        for widget in (self.reasons_label, *self.reason_checks):
            self._content.leave_out(widget, not asking)

    def _show_page(self) -> None:
        self._content.update_controls(self.previous_page, self.next_page, self.page_label)

    def _submit(self) -> None:
        if self.level is None:
            self.error.setText(self.tr("请先选择一个评价等级"))
            return
        reasons = tuple(str(c.property("reason")) for c in self.reason_checks if c.isChecked())
        self.rated.emit(self.level, reasons if self.level.is_bad else ())

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def show_thanks(self) -> None:
        self.thanks.setText(self.tr("感谢您的评价！"))
        self.thanks.show()
        self.submit_button.setEnabled(False)

    def reset(self) -> None:
        self.level = None
        for button in self.level_buttons.values():
            button.setChecked(False)
        for check in self.reason_checks:
            check.setChecked(False)
        self._ask_why(False)
        self._content.turn(-self._content.page)
        self.error.setText("")
        self.thanks.setText("")
        self.thanks.hide()  # takes no room until there is something to say
        self.submit_button.setEnabled(True)
