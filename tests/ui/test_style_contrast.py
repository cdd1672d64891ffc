"""Both looks stay readable and touchable: text contrast ≥ 4.5:1 (WCAG AA) for every colour
pair the sheets use, elder mode (长辈模式) text ≥ 1.5x normal, touch targets ≥ 72 px / 96 px.

The sheets are read as data (a small `selector { property: value; }` parser) and then applied
to real widgets, so a rule Qt ignores is caught as well as a rule with bad numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ui.style import (
    MINIMUM_TEXT_CONTRAST,
    TEXT_SCALE,
    DisplayMode,
    apply_mode,
    base_pixel_size,
    contrast_ratio,
    parse_colour,
    style_sheet,
)

NORMAL, ELDER = DisplayMode.NORMAL, DisplayMode.ELDER
MIN_TOUCH_HEIGHT = {NORMAL: 72, ELDER: 96}
# Compact keys, only while the keyboard is up on a short panel (1366x768), whose larger pixels
# keep them at 15 mm (20 mm for elders); see ui.widgets.keyboard_room.
MIN_COMPACT_KEY_HEIGHT = {NORMAL: 60, ELDER: 80}
COMPACT = '[compact="true"] '
MIN_BODY_SIZE = {NORMAL: 24, ELDER: 36}
INTERACTIVE_TYPES = ("QPushButton", "QLineEdit", "QRadioButton", "QCheckBox")
# WCAG 1.4.11: borders and other graphics that show a control need 3:1.
MINIMUM_GRAPHIC_CONTRAST = 3.0
# Sub-controls with text drawn on them; the others (handles, indicators...) are graphics.
TEXT_SUBCONTROLS = {"chunk"}
# Sub-controls whose fill is the information: how far along, where in the list, chosen.
STATE_PARTS = {"chunk", "handle", "indicator:checked"}

_COLOUR_TOKEN = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bwhite\b|\bblack\b")
_PIXELS = re.compile(r"(\d+)px")


# ---- A small QSS reader ----


@dataclass(frozen=True)
class Rule:
    selector: str
    properties: dict[str, str]


def parse_qss(text: str) -> list[Rule]:
    """One Rule per selector of each `a, b { p: v; }` block, in sheet order."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        properties = {}
        for declaration in body.split(";"):
            if declaration.strip():
                name, _, value = declaration.partition(":")
                assert value.strip(), f"no value in {declaration!r} of {selectors.strip()!r}"
                properties[name.strip()] = value.strip()
        for selector in selectors.split(","):
            rules.append(Rule(" ".join(selector.split()), properties))
    assert rules, "no rules parsed"
    return rules


class Sheet:
    def __init__(self, mode: DisplayMode) -> None:
        self.mode = mode
        self.rules = parse_qss(style_sheet(mode))

    def selectors(self) -> list[str]:
        return list(dict.fromkeys(rule.selector for rule in self.rules))

    def declared(self, selector: str) -> dict[str, str]:
        """Everything the sheet sets for exactly this selector (later rules win)."""
        merged: dict[str, str] = {}
        for rule in self.rules:
            if rule.selector == selector:
                merged.update(rule.properties)
        return merged

    def resolve(self, selector: str, *names: str) -> str | None:
        """The value a widget matching `selector` gets: from the selector itself, else from the
        same selector without states and sub-controls, its bare type, and the QWidget base."""
        for candidate in fallbacks(selector):
            declared = self.declared(candidate)
            for name in names:
                if name in declared:
                    return declared[name]
        return None

    def pixels(self, selector: str, name: str) -> int | None:
        value = self.resolve(selector, name)
        if value is None:
            return None
        match = _PIXELS.fullmatch(value)
        assert match, f"{self.mode.value}: {selector} {name}: {value!r} is not in px"
        return int(match.group(1))


def fallbacks(selector: str) -> Iterator[str]:
    yield selector
    last = selector.rsplit(" ", maxsplit=1)[-1]
    without_states = re.sub(r"::?[\w-]+", "", last)
    yield without_states
    yield re.sub(r"\W.*$", "", last)
    yield "QWidget"


def subcontrol(selector: str) -> str | None:
    match = re.search(r"::([\w-]+)", selector)
    return match.group(1) if match else None


def colour_in(value: str) -> str | None:
    match = _COLOUR_TOKEN.search(value)
    return match.group(0) if match else None


def sheet_colour(sheet: Sheet, selector: str, *names: str) -> str:
    value = sheet.resolve(selector, *names)
    assert value is not None, f"{sheet.mode.value}: nothing sets {names} for {selector}"
    colour = colour_in(value)
    assert colour is not None, f"{sheet.mode.value}: {selector} {names}: {value!r} has no colour"
    return colour


@pytest.fixture(params=[NORMAL, ELDER], ids=lambda mode: mode.value)
def sheet(request: pytest.FixtureRequest) -> Sheet:
    mode: DisplayMode = request.param
    return Sheet(mode)


# ---- The arithmetic the checks rely on ----


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("white", "#fff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#0b3d91") == contrast_ratio("#0b3d91", "#ffffff")


def test_an_unknown_colour_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="not a colour"):
        parse_colour("rgba(0, 0, 0, 50%)")


# ---- The sheets as data ----


def test_every_text_colour_pair_meets_wcag_aa(sheet: Sheet) -> None:
    checked, failures = 0, []
    for selector in sheet.selectors():
        declared = sheet.declared(selector)
        part = subcontrol(selector)
        if part is not None and part not in TEXT_SUBCONTROLS:
            continue
        pairs: list[tuple[str, str, tuple[str, ...]]] = []
        if {"color", "background", "background-color"} & declared.keys():
            pairs.append(("text", "color", ("background-color", "background")))
        if "placeholder-text-color" in declared or (
            "QLineEdit" in selector and {"background", "background-color"} & declared.keys()
        ):
            pairs.append(
                ("placeholder", "placeholder-text-color", ("background-color", "background"))
            )
        if {"selection-color", "selection-background-color"} & declared.keys():
            pairs.append(("selection", "selection-color", ("selection-background-color",)))
        for what, fg_name, bg_names in pairs:
            fg = sheet_colour(sheet, selector, fg_name)
            bg = sheet_colour(sheet, selector, *bg_names)
            ratio = contrast_ratio(fg, bg)
            checked += 1
            if ratio < MINIMUM_TEXT_CONTRAST:
                failures.append(f"{selector} {what}: {fg} on {bg} is {ratio:.2f}:1")
    assert checked >= 20, "the parser found too few colour rules; is the sheet still parsed?"
    assert not failures, failures


def test_borders_and_graphics_stand_out_from_the_page(sheet: Sheet) -> None:
    page = sheet_colour(sheet, "QWidget", "background")
    failures = []
    for selector in sheet.selectors():
        declared = sheet.declared(selector)
        for name, value in declared.items():
            if name.startswith("border") and (colour := colour_in(value)) is not None:
                ratio = contrast_ratio(colour, page)
                if ratio < MINIMUM_GRAPHIC_CONTRAST:
                    failures.append(f"{selector} {name}: {colour} on {page} is {ratio:.2f}:1")
        if any(f"::{part}" in selector for part in STATE_PARTS):
            # Against the widget it is part of: `QScrollBar::handle:vertical` in
            # `QScrollBar:vertical`, `QRadioButton::indicator:checked` in `QRadioButton`.
            track = sheet_colour(sheet, re.sub(r"::[\w-]+", "", selector), "background")
            part = sheet_colour(sheet, selector, "background")
            if contrast_ratio(part, track) < MINIMUM_GRAPHIC_CONTRAST:
                failures.append(f"{selector}: {part} on {track}")
    assert not failures, failures


def test_body_text_is_large_enough(sheet: Sheet) -> None:
    body = sheet.pixels("QWidget", "font-size")
    assert body is not None
    assert body >= MIN_BODY_SIZE[sheet.mode]
    smallest = min(
        size
        for selector in sheet.selectors()
        if (size := sheet.pixels(selector, "font-size")) is not None
    )
    assert smallest >= MIN_BODY_SIZE[sheet.mode], "no text may be smaller than the body text"


def test_elder_sheet_is_complete_and_every_size_is_half_again_larger() -> None:
    normal, elder = Sheet(NORMAL), Sheet(ELDER)
    missing = set(normal.selectors()) - set(elder.selectors())
    assert not missing, f"elder.qss replaces kiosk.qss, so it needs these too: {sorted(missing)}"
    too_small = []
    for selector in elder.selectors():
        elder_size = elder.pixels(selector, "font-size")
        normal_size = normal.pixels(selector, "font-size")
        if elder_size is None or normal_size is None:
            continue
        if elder_size < TEXT_SCALE[ELDER] * normal_size:
            too_small.append(f"{selector}: {elder_size}px vs normal {normal_size}px")
    assert not too_small, too_small


def test_every_interactive_widget_is_a_large_touch_target(sheet: Sheet) -> None:
    for widget_type in INTERACTIVE_TYPES:
        assert sheet.pixels(widget_type, "min-height") is not None, f"{widget_type} has none"
    too_small = [
        f"{selector}: {height}px"
        for selector in sheet.selectors()
        if selector.rsplit(" ", maxsplit=1)[-1].startswith(INTERACTIVE_TYPES)
        and subcontrol(selector) is None
        and (height := sheet.pixels(selector, "min-height")) is not None
        and height
        < (MIN_COMPACT_KEY_HEIGHT if COMPACT in selector else MIN_TOUCH_HEIGHT)[sheet.mode]
    ]
    assert not too_small, too_small


def test_states_are_shown_by_more_than_colour(sheet: Sheet) -> None:
    for selector in (
        'QPushButton[primary="true"]',
        'QPushButton[danger="true"]',
        'QLabel[error="true"]',
    ):
        assert sheet.declared(selector).get("font-weight") == "bold", selector
    checked = sheet.declared('QPushButton[toggle="true"]:checked')
    assert checked.get("font-weight") == "bold"
    assert _border_width(checked["border"]) > _border_width(sheet.declared("QPushButton")["border"])
    assert sheet.declared("QPushButton:disabled").get("border-style") == "dashed"


def _border_width(value: str) -> int:
    match = _PIXELS.search(value)
    assert match, value
    return int(match.group(1))


# ---- The sheets on real widgets ----


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    before_font, before_sheet = QFont(qapp.font()), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(before_sheet)
    qapp.setFont(before_font)


@pytest.mark.parametrize("mode", [NORMAL, ELDER], ids=lambda mode: mode.value)
def test_widgets_under_each_sheet_are_large_enough(styled: QApplication, mode: DisplayMode) -> None:
    family = styled.font().family()
    apply_mode(styled, mode)
    assert styled.font().pixelSize() == base_pixel_size(mode) == MIN_BODY_SIZE[mode]
    assert styled.font().family() == family

    key = QPushButton("拼")
    key.setProperty("key", True)
    widgets: list[QWidget] = [QPushButton("开始办理"), key, QRadioButton("是"), QCheckBox("同意")]
    widgets.append(QLineEdit())
    for widget in widgets:
        widget.ensurePolished()
        kind = f"{type(widget).__name__}{' key' if widget is key else ''}"
        assert widget.sizeHint().height() >= MIN_TOUCH_HEIGHT[mode], kind
        assert widget.font().pixelSize() >= MIN_BODY_SIZE[mode], kind
    assert key.sizeHint().width() >= MIN_TOUCH_HEIGHT[mode]


@pytest.mark.parametrize("mode", [NORMAL, ELDER], ids=lambda mode: mode.value)
def test_the_placeholder_qt_draws_is_readable(styled: QApplication, mode: DisplayMode) -> None:
    apply_mode(styled, mode)
    line = QLineEdit()
    line.setPlaceholderText("年-月-日")
    line.ensurePolished()
    palette = line.palette()
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    base = palette.color(QPalette.ColorRole.Base)
    assert placeholder.alpha() == 255, "a translucent placeholder falls below 4.5:1"
    ratio = contrast_ratio(placeholder.name(QColor.NameFormat.HexRgb), base.name())
    assert ratio >= MINIMUM_TEXT_CONTRAST
