"""Finding what to do (选择事项): by life event, by department, or by search in Chinese or
pinyin initials. Bundles (一件事) are one tile each.

Nothing here scrolls. Tiles come in pages of as many as fit the space left (one column in elder
mode, whose tiles are larger). The filters wrap into the rows a panel allows, "搜索" first; when
there are more, the last one on each row page is "更多分类", which turns to the next.

Searching, the search field and the keyboard take the filters' place. The keys turn compact
(still touch targets) when that lets a row of tiles fit above them; on a panel too short even
for that, a line says how many matters were found and the tiles show once the keyboard is
put away. Where even the compact keys leave no room, the back button stands beside them and the
page buttons, with no tiles to turn, make way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.catalog.offerings import Offering
from ui.input.search import MatterSearch
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.flow_layout import FlowLayout, wrap
from ui.widgets.keyboard_room import forget_sizes
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.widgets.steps_beside_keys import StepsBesideKeys
from ui.widgets.text_wrap import wrap_lines

ALL = "all"
# Rows of filters shown at once: a portrait panel has the height for more.
FILTER_ROWS = {"landscape": 2, "portrait": 4}
TILE_SPACING = 16
# Two tile columns need this much width each, or the names wrap into too many lines.
MIN_TILE_WIDTH = 640


class _TileArea(QWidget):
    """Where the tiles go: it takes the space left over and says when that changes."""

    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        # Its tiles never make the screen taller: the page holds only as many as fit.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.resized.emit()


class MatterListScreen(Screen):
    matter_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("matter_list_screen")
        self._offerings: tuple[Offering, ...] = ()
        self._shown: list[Offering] = []
        self._page = 0
        self._per_page, self._columns, self._text_width = 1, 1, 0
        self._rendering = False
        self._making_room = False
        self._elder = False
        self._filter_pages: list[list[str]] = [[]]
        self._filter_page = 0
        self._locale = "zh_CN"
        self._search_index: MatterSearch | None = None

        self.filters = FlowLayout()
        self.filter_buttons: dict[str, QPushButton] = {}
        self.more_filters = touch_button("", "matter_filters_more")
        self.more_filters.clicked.connect(self._turn_filters)
        self.search_button = touch_button("", "matter_list_search")
        self.search_button.clicked.connect(self._open_keyboard)
        self.search_box = self._build_search_row()
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("matter_search_keyboard")
        self.keyboard.hide()
        self.keyboard.mode_changed.connect(lambda _mode: self._make_room())  # pinyin: a row more
        self.tiles = self._build_tile_area()
        self.empty = wrapping_label("", "matter_list_empty", role="hint")
        self.matter_buttons: dict[str, QPushButton] = {}

        # (Scrolling was tried: a scroll bar is hard to find, and kinetic touch scrolling
        # holds each tap back to see if it is a drag.)
        self.filters_box = QWidget()
        self.filters_box.setObjectName("matter_filters")
        self.filters_box.setLayout(self.filters)
        self.filters.addWidget(self.search_button)
        self.filters.addWidget(self.more_filters)
        self.body.addWidget(self.filters_box)
        self.body.addWidget(self.search_box)
        self.body.addWidget(self.tiles, stretch=1)
        self.body.addWidget(self.empty)

        self.back_button = touch_button("", "matter_list_back")
        self.back_button.clicked.connect(self.back_requested)
        self.previous_button = touch_button("", "matter_list_previous")
        self.previous_button.clicked.connect(lambda: self._turn(-1))
        self.next_button = touch_button("", "matter_list_next")
        self.next_button.clicked.connect(lambda: self._turn(1))
        for button in (self.back_button, self.previous_button, self.next_button):
            self.buttons.addWidget(button)
        self.steps = StepsBesideKeys(self.keyboard, self.buttons, (self.back_button,))
        self.body.addLayout(self.steps.row)
        self.retranslate()

    def _build_search_row(self) -> QWidget:
        """The search field and the button beside it, shown while searching."""
        self.search = QLineEdit()
        self.search.setObjectName("matter_search")
        self.search.setProperty("keyboard", "latin")
        self.search.textChanged.connect(lambda _t: self._apply_filter(None))
        self.search.installEventFilter(self)  # a tap on the field brings the keys back
        self.search_done = touch_button("", "matter_search_done")
        self.search_done.clicked.connect(self._close_or_clear_search)
        box = QWidget()
        box.setObjectName("matter_search_row")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, stretch=1)
        row.addWidget(self.search_done)
        box.hide()
        return box

    def _build_tile_area(self) -> _TileArea:
        """The tiles' grid, and the line that stands in for them when none fits."""
        tiles = _TileArea()
        tiles.resized.connect(self._refit_tiles)
        tiles.resized.connect(self._show_found)
        self.grid = QGridLayout(tiles)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(TILE_SPACING)
        self.found = wrapping_label("", "matter_list_found", role="hint")
        self.found.setParent(tiles)  # over the empty tile area, outside its grid
        self.found.hide()
        return tiles

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请选择要办理的事项"))
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 lnr"))
        name_accessibly(self.search, self.tr("搜索事项"), self.tr("按名称或拼音首字母搜索"))
        self.empty.setText(self.tr("没有找到相关事项，请换个词试试，或按“求助”请工作人员帮忙。"))
        label_buttons(
            (self.back_button, self.tr("返回首页")),
            (self.previous_button, self.tr("上一页")),
            (self.next_button, self.tr("下一页")),
            (self.search_button, self.tr("搜索")),
        )
        self._label_search_done()
        self._show_found()
        if ALL in self.filter_buttons:
            self.filter_buttons[ALL].setText(self.tr("全部"))
            name_accessibly(self.filter_buttons[ALL], self.tr("全部"), self.tr("显示全部事项"))
        self._label_more_filters()

    def instruction(self) -> str:
        return self.tr("请选择要办理的事项，可按人生事件筛选，或点“搜索”输入名称")

    def set_layout_mode(self, elder: bool) -> None:
        """Elder mode: larger tiles in one column instead of two."""
        self._elder = elder
        self.keyboard.set_elder_mode(elder)
        self._page = 0
        if self._offerings:
            self._build_filters()
        self._render()

    @property
    def offered(self) -> tuple[Offering, ...]:
        """Every matter this visit's catalog offers."""
        return self._offerings

    @property
    def shown(self) -> tuple[Offering, ...]:
        """The matters the filter or search leaves, on every page, in their order."""
        return tuple(self._shown)

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
            button.hide()  # at once: deletion waits for the event loop
            button.deleteLater()
        self.filter_buttons.clear()
        # Life events (生育, 养老 ...) first, then departments (公安, 人社 ...).
        events = list(dict.fromkeys(e for o in self._offerings for e in o.life_events))
        kinds = list(dict.fromkeys(k for o in self._offerings for k in _department_kinds(o)))
        for key in (ALL, *events, *kinds):
            button = touch_button(key, f"filter_{key}")
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.clicked.connect(lambda _=False, k=key: self._apply_filter(k))
            name_accessibly(button, key, self.tr("只显示“{event}”相关事项").format(event=key))
            self.filter_buttons[key] = button
            self.filters.insertWidget(self.filters.count() - 1, button)
        self.retranslate()
        self._filter_page = 0
        self._page_filters()

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
        # Showing a tile can resize the tile area at once, which must not start another
        # render halfway through this one (its tiles would be left over, untracked).
        self._rendering = True
        try:
            self._render_page()
        finally:
            self._rendering = False
        self._refit_tiles()  # the area may have changed while the page was laid out

    def _render_page(self) -> None:
        self._fit_tiles()
        for button in self.matter_buttons.values():
            button.hide()
            self.grid.removeWidget(button)
            button.deleteLater()
        self.matter_buttons.clear()
        start = self._page * self._per_page
        probe = self._tile_probe()
        font = probe.font()
        probe.deleteLater()
        for index, offering in enumerate(self._shown[start : start + self._per_page]):
            title = self._tile_title(offering)
            text = "\n".join(self._tile_lines(offering, font, self._text_width))
            button = touch_button(text, f"matter_{offering.code}")
            button.setProperty("tile", True)
            name_accessibly(button, title, offering.short_description)
            button.clicked.connect(
                lambda _=False, code=offering.code: self.matter_chosen.emit(code)
            )
            self.matter_buttons[offering.code] = button
            self.grid.addWidget(button, index // self._columns, index % self._columns)
            button.show()  # at once, not on the queued show a layout would do
        pages = max(1, -(-len(self._shown) // self._per_page)) if self._per_page else 1
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < pages - 1)
        self.empty.setVisible(not self._shown)
        self._show_found()

    def _show_found(self) -> None:
        """Where the keyboard leaves no room for a tile: how many matters the search found."""
        count = len(self._shown) if not self._per_page else 0
        self.found.setText(self.tr("找到 {count} 个事项，点“收起键盘”查看").format(count=count))
        width = self.tiles.width()
        height = self.found.heightForWidth(width)
        self.found.setGeometry(0, 0, width, height)
        self.found.setVisible(count > 0 and 0 < height <= self.tiles.height())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # Filter rows changed while hidden are not in the layout's cached height for them;
        # without this the first page would count tiles for the room of one filter row.
        self.layout().invalidate()
        self.layout().activate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._page_filters()
        if self.keyboard.isVisibleTo(self):
            self._make_room()

    def _page_filters(self) -> None:
        """Split the filters into pages of the rows this panel allows, "更多分类" ending each."""
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()
        rows = min(
            FILTER_ROWS["portrait" if self.height() > self.width() else "landscape"],
            self._filter_rows_room(width),
        )
        keys = list(self.filter_buttons)
        widths = {k: b.sizeHint().width() for k, b in self.filter_buttons.items()}
        search = self.search_button.sizeHint().width()  # first on every page
        more = self.more_filters.sizeHint().width()
        spacing = self.filters.spacing()
        if len(wrap([search, *(widths[k] for k in keys)], width, spacing)) <= rows:
            pages = [keys]
        else:
            pages = [[]]
            for key in keys:
                trial = [search, *(widths[k] for k in (*pages[-1], key)), more]
                if pages[-1] and len(wrap(trial, width, spacing)) > rows:
                    pages.append([])
                pages[-1].append(key)
        if pages != self._filter_pages:
            self._filter_pages = pages
            self._filter_page = min(self._filter_page, len(pages) - 1)
        self._show_filter_page()

    def _filter_rows_room(self, width: int) -> int:
        """How many rows of filters leave room for at least one row of tiles under them."""
        outer = self.layout()
        margins = outer.contentsMargins()
        taken = self.header.heightForWidth(width) + self.buttons.heightForWidth(width)
        taken += margins.top() + margins.bottom() + 2 * outer.spacing() + self.body.spacing()
        chip = self.more_filters.sizeHint().height() + self.filters.spacing()
        return max(1, (self.height() - taken - self._tile_height()) // chip)

    def _show_filter_page(self) -> None:
        shown = set(self._filter_pages[self._filter_page])
        for key, button in self.filter_buttons.items():
            button.setVisible(key in shown)
        self.more_filters.setVisible(len(self._filter_pages) > 1)
        self._label_more_filters()

    def _label_more_filters(self) -> None:
        text = self.tr("更多分类 {page}/{pages}").format(
            page=self._filter_page + 1, pages=len(self._filter_pages)
        )
        self.more_filters.setText(text)
        name_accessibly(self.more_filters, text, self.tr("显示下一组分类"))

    def _turn_filters(self) -> None:
        self._filter_page = (self._filter_page + 1) % len(self._filter_pages)
        self._show_filter_page()

    def _tile_title(self, offering: Offering) -> str:
        title = offering.name.text(self._locale)
        if offering.is_bundle:
            title = self.tr("【一件事】{name}").format(name=title)
        return title

    def _tile_lines(self, offering: Offering, font: QFont, width: int) -> list[str]:
        """The name, wrapped to the tile's width, over the departments."""
        departments = "、".join(offering.departments)
        if len(departments) > 24:
            departments = self.tr("{first} 等{count}个部门").format(
                first=offering.departments[0], count=len(offering.departments)
            )
        title = self._tile_title(offering)
        if width <= 0:
            return [title, departments]
        return [*wrap_lines(title, font, width), *wrap_lines(departments, font, width)]

    def _refit_tiles(self) -> None:
        if not self._rendering and self._fit_tiles():
            self._render()

    def _fit_tiles(self) -> bool:
        """As many tiles a page as the space left holds, two columns where the names fit;
        True when that changed. Recomputed whenever the space or the matters shown change."""
        probe = self._tile_probe()
        font, chrome = probe.font(), self._tile_chrome(probe)
        width, shown = self.tiles.width(), self._shown

        def text_width(columns: int) -> int:
            return (width - TILE_SPACING * (columns - 1)) // columns - chrome

        def most_lines(columns: int) -> int:
            return max(
                (len(self._tile_lines(o, font, text_width(columns))) for o in shown), default=2
            )

        columns = 1 if self._elder or width < 2 * MIN_TILE_WIDTH else 2
        if columns == 2 and most_lines(2) > 2:
            columns = 1  # names too long for half the width: one column, fewer lines
        probe.setText("\n".join(["X"] * max(2, most_lines(columns))))
        tile_height = max(probe.sizeHint().height(), probe.minimumSizeHint().height())
        probe.deleteLater()
        rows = (self.tiles.height() + TILE_SPACING) // (tile_height + TILE_SPACING)
        if not self.keyboard.isVisibleTo(self):
            rows = max(1, rows)  # browsing, a page always holds a tile
        fitted = (rows * columns, columns, text_width(columns))
        if fitted == (self._per_page, self._columns, self._text_width):
            return False
        first = self._page * self._per_page
        self._per_page, self._columns, self._text_width = fitted
        self._page = first // self._per_page if self._per_page else 0
        return True

    def _tile_height(self) -> int:
        """A two-line tile's height in the current style sheet."""
        probe = self._tile_probe()
        height = max(probe.sizeHint().height(), probe.minimumSizeHint().height())
        probe.deleteLater()
        return height

    def _tile_probe(self) -> QPushButton:
        """A tile for measuring in the current style sheet; never shown."""
        probe = touch_button("X\nX", "matter_probe")
        probe.setProperty("tile", True)
        probe.setParent(self.tiles)
        probe.hide()
        probe.ensurePolished()
        return probe

    def _tile_chrome(self, probe: QPushButton) -> int:
        """The width a tile's padding and border take beside its text."""
        long_line = "X" * 200
        probe.setText(long_line)
        return probe.sizeHint().width() - probe.fontMetrics().horizontalAdvance(long_line)

    def _turn(self, step: int) -> None:
        self._page += step
        self._render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.MouseButtonPress:
            self._open_keyboard()
        return False

    def _open_keyboard(self) -> None:
        """The search field and the keys take the filters' place, leaving room for tiles."""
        if self.keyboard.isVisible():
            return
        # Letters go straight in: the search understands pinyin initials (lnr) as typed;
        # the pinyin key is there for typing Chinese.
        self.keyboard.attach(self.search, KeyboardMode.LATIN)
        self._show_search(typing=True)
        self.search.setFocus()

    def _close_or_clear_search(self) -> None:
        """Put the keys away to see every tile found; once away, the same button clears the
        search and brings the filters back."""
        if self.keyboard.isVisible():
            self.keyboard.detach()
            self.keyboard.hide()
        else:
            self.search.clear()
        self._show_search()

    def _show_search(self, typing: bool | None = None) -> None:
        """Search row or filters, for the keyboard up (`typing`) or as it is now."""
        typing = self.keyboard.isVisibleTo(self) if typing is None else typing
        searching = typing or bool(self.search.text())
        self.filters_box.setVisible(not searching)
        self.search_box.setVisible(searching)
        self._make_room(typing)
        self._label_search_done()

    def _label_search_done(self) -> None:
        if self.keyboard.isVisibleTo(self):
            text, description = self.tr("收起键盘"), self.tr("收起键盘，查看找到的全部事项")
        else:
            text, description = self.tr("清除搜索"), self.tr("清除搜索词，回到分类")
        self.search_done.setText(text)
        name_accessibly(self.search_done, text, description)

    def _make_room(self, typing: bool | None = None) -> None:
        """While the keyboard is up (or `typing` brings it up), full-size keys if they leave a
        row of tiles above them, else compact ones if those do; the keyboard takes no more
        than its keys need. Where the compact keys do not fit either, the back button goes
        beside them and the bar under them makes way.

        Worked out with the keys hidden: a key or button shown while the keyboard is up lays
        the window out at once, and a window grown for a moment stays grown."""
        typing = self.keyboard.isVisibleTo(self) if typing is None else typing
        if self._making_room:
            return
        self._making_room = True
        try:
            self.keyboard.hide()
            self._set_compact(False)
            self._set_steps_beside(False)
            if typing:
                self._choose_keys(self._tile_height())
                self.keyboard.show()
        finally:
            self._making_room = False
        self._refit_tiles()

    def _choose_keys(self, tile: int) -> None:
        full_size_room = self._room_left()
        if full_size_room < tile:
            self._set_compact(True)
            # Compact keys earn their place only by making room for a tile, or where the
            # full-size ones do not fit at all.
            if self._room_left() < tile and full_size_room >= 0:
                self._set_compact(False)
        fits = self.steps.fit_beside(self._inner_width())
        self._set_steps_beside(self._room_left() < 0 and fits)

    def _set_steps_beside(self, beside: bool) -> None:
        """The back button beside the keys; the page buttons, no tile fitting, hide."""
        self.steps.set_beside(beside)
        self.previous_button.setVisible(not beside)
        self.next_button.setVisible(not beside)

    def _set_compact(self, compact: bool) -> None:
        self.keyboard.set_compact(compact)
        forget_sizes(self.keyboard.layout())  # its rows were just laid anew
        self.keyboard.setMaximumHeight(self.keyboard.minimumSizeHint().height())

    def _room_left(self, beside: bool = False) -> int:
        """The height the tiles would get with the keyboard up (it is hidden while this is
        worked out), the back button `beside` it or in the bar as it is now."""
        layout = self.layout()
        forget_sizes(layout)  # measured without laying out
        # At this width: a title wraps into as many lines as the width asks.
        least = layout.totalMinimumHeightForWidth(self.width())
        keys = self.keyboard.minimumSizeHint().height()
        least += keys + self.body.spacing()
        if beside and not self.steps.is_beside():
            # The bar and the gap over it go; the back button's column is within the keys'
            # height.
            least -= self.buttons.heightForWidth(self._inner_width()) + layout.spacing()
        return self.height() - least

    def _inner_width(self) -> int:
        margins = self.layout().contentsMargins()
        return self.width() - margins.left() - margins.right()

    def reset(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.keyboard.detach()
        self.keyboard.hide()
        self._show_search()
        self._page = 0
        self._filter_page = 0
        if self._offerings:
            self._apply_filter(ALL)
            self._show_filter_page()


def _department_kinds(offering: Offering) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.department_kind for m in offering.members))
