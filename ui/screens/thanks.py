"""The result (办理结果): case numbers, the receipt, what happens next and by when, in pages
of as much as the panel holds (elder mode's large text fills a short panel quickly). When the
receipt did not print, its lookup QR code is shown instead, for the resident's phone, and
the resident hears that staff can reprint the receipt later by its case number."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.submissions.service import Accepted
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.widgets.paged_column import PagedColumn
from ui.widgets.qr_code_view import QrCodeView


class ThanksScreen(Screen):
    step = "result"
    done_requested = Signal()
    rate_requested = Signal()

    def __init__(self, hotline: str) -> None:
        super().__init__("thanks_screen")
        self._hotline = hotline
        self.case_number = wrapping_label("", "thanks_case_number")
        self.receipt = wrapping_label("", "thanks_receipt", role="instruction")
        self.next_steps = wrapping_label("", "thanks_next_steps")
        self.lookup_code = QrCodeView("thanks_lookup_code")
        self._printed = True
        self.page_label = wrapping_label("", "thanks_page", role="hint")
        self.previous_page = touch_button("", "thanks_previous_page")
        self.next_page = touch_button("", "thanks_next_page")
        self._content = PagedColumn()
        self._content.page_changed.connect(self._show_page)
        self.previous_page.clicked.connect(lambda: self._content.turn(-1))
        self.next_page.clicked.connect(lambda: self._content.turn(1))
        self._content.add(self.case_number)
        self._content.add(self.receipt, keep_with_next=True)  # the code it speaks of follows
        self._content.add(self.lookup_code, left_out=True)
        self._content.add(self.next_steps)
        self.body.addWidget(self._content, stretch=1)
        self.body.addWidget(self.page_label)
        self.done_button = touch_button("", "thanks_done")
        self.done_button.clicked.connect(self.done_requested)
        self.rate_button = touch_button("", "thanks_rate", primary=True)
        self.rate_button.clicked.connect(self.rate_requested)
        for button in (self.done_button, self.previous_page, self.next_page, self.rate_button):
            self.buttons.addWidget(button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("提交成功，谢谢您！"))
        for button, text, description in (
            (self.done_button, self.tr("完成"), self.tr("结束并回到首页")),
            (self.rate_button, self.tr("评价本次服务"), self.tr("为本次办理打分")),
        ):
            button.setText(text)
            name_accessibly(button, text, description)
        self._content.label_controls(self.previous_page, self.next_page)
        self._content.paginate()  # the texts' lengths changed

    def instruction(self) -> str:
        if not self._printed:
            return self.tr("提交成功。回执未能打印，请用手机扫描屏幕上的二维码，或记下办件编号。")
        return self.tr("提交成功。请取走回执，并为本次服务评价。")

    def show_hotline(self, hotline: str) -> None:
        """The hotline changed (applied live): the next result names the new one."""
        self._hotline = hotline

    def show_result(self, accepted: Accepted, locale: str = "zh_CN") -> None:
        self.case_number.setText(
            "\n".join(
                self.tr("办件编号：{number}（{matter}，{promise}）").format(
                    number=case.case_number,
                    matter=case.matter.name.text(locale),
                    promise=self.tr("{date}前办结").format(date=f"{case.promised_by:%Y-%m-%d}"),
                )
                for case in accepted.cases
            )
        )
        self._printed = accepted.receipt.printed
        if accepted.receipt.printed:
            self.receipt.setText(self.tr("回执已打印，请在出纸口取走并妥善保管。"))
        else:
            self.receipt.setText(
                self.tr("回执未能打印：{problem}").format(problem=accepted.receipt.problem)
                + "\n"
                + self.tr(
                    "请用手机扫描下方二维码查询办理进度，或记下办件编号。"
                    "工作人员可凭办件编号为您补打回执。"
                )
            )
        self.lookup_code.show_code("" if self._printed else accepted.lookup_payload)
        self._content.leave_out(self.lookup_code, self._printed or not accepted.lookup_payload)
        steps = [step for case in accepted.cases for step in case.matter.next_steps]
        numbered = "\n".join(f"{n}. {s}" for n, s in enumerate(dict.fromkeys(steps), 1))
        hotline = self.tr("咨询投诉请拨打 {hotline}").format(hotline=self._hotline)
        self.next_steps.setText(f"{numbered}\n{hotline}")
        self._content.turn(-self._content.page)
        self._content.paginate()

    def _show_page(self) -> None:
        self._content.update_controls(self.previous_page, self.next_page, self.page_label)

    def reset(self) -> None:
        for label in (self.case_number, self.receipt, self.next_steps):
            label.setText("")
        self._printed = True
        self.lookup_code.show_code("")
        self._content.leave_out(self.lookup_code)
