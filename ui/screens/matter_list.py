"""Finding what to do (选择事项): by life event, by department, or by search in Chinese or
pinyin initials. Bundles (一件事) are one tile each. Tiles come in pages: fewer and larger in
elder mode."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kiosk.catalog.offerings import Offering
from ui.input.search import MatterSearch
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard

ALL = "all"
# Filters wrap onto rows of this many (fewer for elder mode's larger buttons), so no row is
# ever wider than a 1920-pixel screen.
FILTERS_PER_ROW = {False: 6, True: 4}
# Two rows of filter buttons (72 or 96 px high) with their spacing.
FILTER_AREA_HEIGHT = {False: 2 * 72 + 3 * 16, True: 2 * 96 + 3 * 16}


class MatterListScreen(Screen):
    matter_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("matter_list_screen")
        self._offerings: tuple[Offering, ...] = ()
        self._shown: list[Offering] = []
        self._page = 0
        self._per_page, self._columns = 6, 2
        self._filters_per_row = FILTERS_PER_ROW[False]
        self._locale = "zh_CN"
        self._search_index: MatterSearch | None = None

        self.filters = QGridLayout()
        self.filter_buttons: dict[str, QPushButton] = {}
        self.search = QLineEdit()
        self.search.setObjectName("matter_search")
        self.search.setProperty("keyboard", "latin")
        self.search.textChanged.connect(lambda _t: self._apply_filter(None))
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("matter_search_keyboard")
        self.keyboard.hide()
        self.tiles = QWidget()
        self.grid = QGridLayout(self.tiles)
        self.grid.setSpacing(16)
        self.empty = wrapping_label("", "matter_list_empty", role="hint")
        self.matter_buttons: dict[str, QPushButton] = {}

        # At most two rows of filters show; the scroll bar beside them reaches the rest.
        # (Kinetic touch scrolling was tried: it holds each tap back to see if it is a drag.)
        filters_box = QWidget()
        filters_box.setLayout(self.filters)
        self.filters_area = QScrollArea()
        self.filters_area.setObjectName("matter_filters")
        self.filters_area.setWidgetResizable(True)
        self.filters_area.setWidget(filters_box)
        self.filters_area.setFixedHeight(FILTER_AREA_HEIGHT[False])
        self.body.addWidget(self.filters_area)
        self.body.addWidget(self.search)
        # Pages are sized to fit; the scroll area only guarantees the screen never overflows.
        tiles_area = QScrollArea()
        tiles_area.setWidgetResizable(True)
        tiles_area.setWidget(self.tiles)
        self.body.addWidget(tiles_area, stretch=1)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.keyboard)

        self.back_button = touch_button("", "matter_list_back")
        self.back_button.clicked.connect(self.back_requested)
        self.previous_button = touch_button("", "matter_list_previous")
        self.previous_button.clicked.connect(lambda: self._turn(-1))
        self.next_button = touch_button("", "matter_list_next")
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.search_button = touch_button("", "matter_list_search")
        self.search_button.clicked.connect(self._toggle_keyboard)
        for button in (self.back_button, self.search_button, self.previous_button):
            self.buttons.addWidget(button)
        self.buttons.addWidget(self.next_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请选择要办理的事项"))
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 lnr"))
        name_accessibly(self.search, self.tr("搜索事项"), self.tr("按名称或拼音首字母搜索"))
        self.empty.setText(self.tr("没有找到相关事项，请换个词试试，或呼叫工作人员。"))
        label_buttons(
            (self.back_button, self.tr("返回首页")),
            (self.previous_button, self.tr("上一页")),
            (self.next_button, self.tr("下一页")),
            (self.search_button, self.tr("搜索")),
        )
        if ALL in self.filter_buttons:
            self.filter_buttons[ALL].setText(self.tr("全部"))
            name_accessibly(self.filter_buttons[ALL], self.tr("全部"), self.tr("显示全部事项"))

    def instruction(self) -> str:
        return self.tr("请选择要办理的事项，可按人生事件筛选，或点“搜索”输入名称")

    def set_layout_mode(self, elder: bool) -> None:
        """Elder mode: three large tiles a page in one column instead of six in two."""
        self._per_page, self._columns = (3, 1) if elder else (6, 2)
        self._filters_per_row = FILTERS_PER_ROW[elder]
        self.filters_area.setFixedHeight(FILTER_AREA_HEIGHT[elder])
        self.keyboard.set_elder_mode(elder)
        self._page = 0
        if self._offerings:
            self._build_filters()
        self._render()

    def show_offerings(self, offerings: tuple[Offering, ...], locale: str = "zh_CN") -> None:
        """Rebuild from the session's catalog (it may have changed since the last resident)."""
        self._offerings, self._locale = offerings, locale
        self._search_index = MatterSearch(
            [(o.code, o.name.zh, " ".join((*o.life_events, *o.departments))) for o in offerings]
        )
        self._build_filters()
        self._apply_filter(ALL)

    def _build_filters(self) -> None:
        for button in self.filter_buttons.values():
            button.deleteLater()
        self.filter_buttons.clear()
        # Life events (生育, 养老 ...) first, then departments (公安, 人社 ...).
        events = list(dict.fromkeys(e for o in self._offerings for e in o.life_events))
        kinds = list(dict.fromkeys(k for o in self._offerings for k in _department_kinds(o)))
        for index, key in enumerate((ALL, *events, *kinds)):
            button = touch_button(key, f"filter_{key}")
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.clicked.connect(lambda _=False, k=key: self._apply_filter(k))
            name_accessibly(button, key, self.tr("只显示“{event}”相关事项").format(event=key))
            self.filter_buttons[key] = button
            row, column = divmod(index, self._filters_per_row)
            self.filters.addWidget(button, row, column)
            button.show()
        self.retranslate()

    def _apply_filter(self, event: str | None) -> None:
        query = self.search.text().strip()
        if event is not None:
            for key, button in self.filter_buttons.items():
                button.setChecked(key == event)
        if query and self._search_index is not None:
            codes = self._search_index.search(query)
            by_code = {o.code: o for o in self._offerings}
            self._shown = [by_code[c] for c in codes if c in by_code]
        else:
            chosen = next((k for k, b in self.filter_buttons.items() if b.isChecked()), ALL)
            self._shown = [
                o for o in self._offerings if chosen in (ALL, *o.life_events, *_department_kinds(o))
            ]
        self._page = 0
        self._render()

    def _render(self) -> None:
        for button in self.matter_buttons.values():
            button.deleteLater()
        self.matter_buttons.clear()
        start = self._page * self._per_page
        for index, offering in enumerate(self._shown[start : start + self._per_page]):
            title = offering.name.text(self._locale)
            if offering.is_bundle:
                title = self.tr("【一件事】{name}").format(name=title)
            departments = "、".join(offering.departments)
            if len(departments) > 24:
                departments = self.tr("{first} 等{count}个部门").format(
                    first=offering.departments[0], count=len(offering.departments)
                )
            button = touch_button(f"{title}\n{departments}", f"matter_{offering.code}")
            button.setProperty("tile", True)
            name_accessibly(button, title, offering.short_description)
            button.clicked.connect(
                lambda _=False, code=offering.code: self.matter_chosen.emit(code)
            )
            self.matter_buttons[offering.code] = button
            self.grid.addWidget(button, index // self._columns, index % self._columns)
            button.show()  # at once, not on the queued show a layout would do
        pages = max(1, -(-len(self._shown) // self._per_page))
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < pages - 1)
        self.empty.setVisible(not self._shown)

    def _turn(self, step: int) -> None:
        self._page += step
        self._render()

    def _toggle_keyboard(self) -> None:
        if self.keyboard.isVisible():
            self.keyboard.detach()
            self.keyboard.hide()
            return
        # Letters go straight in: the search understands pinyin initials (lnr) as typed;
        # the pinyin key is there for typing Chinese.
        self.keyboard.attach(self.search, KeyboardMode.LATIN)
        self.keyboard.show()
        self.search.setFocus()

    def reset(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.keyboard.detach()
        self.keyboard.hide()
        self._page = 0
        if self._offerings:
            self._apply_filter(ALL)


def _department_kinds(offering: Offering) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.department_kind for m in offering.members))
