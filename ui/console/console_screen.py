"""The staff console's shell: who is logged in and as what, a row of tabs for the pages their
role may see (`can(role, page.verb)`), and the way out. The pages are other modules' work
(ui/console/page.py); the shell shows one at a time and refreshes it when opened."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

from kiosk.staff.rights import Role, can
from ui.console.page import ConsolePage
from ui.screens.base import Screen, label_buttons, touch_button, wrapping_label
from ui.widgets.flow_layout import FlowLayout


class ConsoleScreen(Screen):
    leave_requested = Signal()

    def __init__(self, pages: list[ConsolePage]) -> None:
        super().__init__("console_screen")
        for switch in (self.elder_button, self.language_button, self.staff_button):
            switch.hide()  # the resident's choices; staff use the kiosk's own
        self._pages = pages
        self._role: Role | None = None
        self._staff_number = ""
        self.who = wrapping_label("", "console_who", role="hint")
        self.tabs = FlowLayout(spacing=12)
        self.tab_buttons: dict[str, QPushButton] = {}
        self.stack = QStackedWidget()
        self.stack.setObjectName("console_pages")
        self._blank = QWidget()  # shown while nobody is logged in: no page stays behind
        self.stack.addWidget(self._blank)
        for page in pages:
            tab = touch_button("", f"console_tab_{page.objectName()}")
            tab.setCheckable(True)
            tab.setProperty("toggle", True)
            tab.clicked.connect(lambda _=False, shown=page: self.show_page(shown))
            tab.hide()
            self.tabs.addWidget(tab)
            self.tab_buttons[page.objectName()] = tab
            self.stack.addWidget(page)
        self.nothing_to_show = wrapping_label("", "console_nothing", role="instruction")
        self.body.addWidget(self.who)
        self.body.addLayout(self.tabs)
        self.body.addWidget(self.stack, stretch=1)
        self.body.addWidget(self.nothing_to_show)
        self.leave_button = touch_button("", "console_leave", primary=True)
        self.leave_button.clicked.connect(self.leave_requested)
        self.buttons.addWidget(self.leave_button)
        self.retranslate()
        self.close_session()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("工作人员控制台"))
        label_buttons((self.leave_button, self.tr("退出控制台")))
        self.nothing_to_show.setText(self.tr("这里暂时没有可用的功能。按“退出控制台”回到首页。"))
        for page in self._pages:
            page.retranslate()
            label_buttons((self.tab_buttons[page.objectName()], page.title()))
        self._show_who()

    def instruction(self) -> str:
        """Nothing is said aloud on the staff's side: the hall need not hear it."""
        return ""

    def open_session(self, staff_number: str, role: Role) -> None:
        """Show the pages `role` may see, the first of them opened."""
        self._staff_number, self._role = staff_number, role
        for page in self._pages:
            page.sign_in(staff_number, role)
        allowed = [page for page in self._pages if can(role, page.verb)]
        for page in self._pages:
            self.tab_buttons[page.objectName()].setVisible(page in allowed)
        self.nothing_to_show.setVisible(not allowed)
        self._show_who()
        if allowed:
            self.show_page(allowed[0])

    def close_session(self) -> None:
        """Forget who was here and hide every page, so nothing of the session stays."""
        self._staff_number, self._role = "", None
        for page in self._pages:
            page.sign_out()
        for tab in self.tab_buttons.values():
            tab.setChecked(False)
            tab.hide()
        self.stack.setCurrentWidget(self._blank)
        self.nothing_to_show.hide()
        self._show_who()

    def show_page(self, page: ConsolePage) -> None:
        if self._role is None or not can(self._role, page.verb):
            return
        for name, tab in self.tab_buttons.items():
            tab.setChecked(name == page.objectName())
        page.refresh()
        self.stack.setCurrentWidget(page)

    @property
    def page_on_show(self) -> ConsolePage | None:
        shown = self.stack.currentWidget()
        return shown if isinstance(shown, ConsolePage) else None

    def visible_pages(self) -> list[ConsolePage]:
        """The pages whose tabs are on show, in order."""
        tabs = self.tab_buttons
        return [page for page in self._pages if tabs[page.objectName()].isVisibleTo(self)]

    def _show_who(self) -> None:
        if self._role is None:
            self.who.setText("")
            return
        role = {Role.STAFF: self.tr("工作人员"), Role.TECHNICIAN: self.tr("技术员")}[self._role]
        self.who.setText(
            self.tr("已登录：工号 {number}（{role}）").format(number=self._staff_number, role=role)
        )
