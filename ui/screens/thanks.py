"""The result (办理结果): the case number, the receipt, what happens next; then back to start."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.submissions.service import Accepted
from ui.screens.base import Screen, touch_button, wrapping_label


class ThanksScreen(Screen):
    done_requested = Signal()

    def __init__(self, hotline: str) -> None:
        super().__init__(self.tr("提交成功，谢谢您！"), "thanks_screen")
        self._hotline = hotline
        self.case_number = wrapping_label("", "thanks_case_number")
        self.receipt = wrapping_label("", "thanks_receipt")
        self.next_steps = wrapping_label("", "thanks_next_steps")
        for label in (self.case_number, self.receipt, self.next_steps):
            self.body.addWidget(label)
        self.body.addStretch(1)
        done = touch_button(self.tr("完成"), "thanks_done", primary=True)
        done.clicked.connect(self.done_requested)
        self.buttons.addWidget(done)

    def show_result(self, accepted: Accepted) -> None:
        self.case_number.setText(
            "\n".join(
                self.tr("办件编号：{number}（{matter}）").format(
                    number=case.case_number, matter=case.matter.name.zh
                )
                for case in accepted.cases
            )
        )
        if accepted.receipt.printed:
            self.receipt.setText(self.tr("回执已打印，请在出纸口取走并妥善保管。"))
        else:
            self.receipt.setText(
                self.tr("回执未能打印：{problem}").format(problem=accepted.receipt.problem)
            )
        next_steps = [step for case in accepted.cases for step in case.matter.next_steps]
        steps = "\n".join(f"{n}. {s}" for n, s in enumerate(dict.fromkeys(next_steps), 1))
        hotline = self.tr("咨询投诉请拨打 {hotline}").format(hotline=self._hotline)
        self.next_steps.setText(f"{steps}\n{hotline}")

    def reset(self) -> None:
        for label in (self.case_number, self.receipt, self.next_steps):
            label.setText("")
