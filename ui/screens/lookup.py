"""Progress lookup (办件查询): scan the receipt's QR code, place the ID card, or type the case
number; shows each case's last known status and when it was last synced.

The keyboard is always up here. On a short panel its keys turn compact, and if that is not
enough the step's buttons stand beside the keys instead of under them; the results line shows
only once there is something in it, and then, if the panel is still too short, the instruction
(already followed) makes way for it.

With a camera scanner the screen also shows the camera's picture with a square guide for the
code: beside the instruction and the field on a landscape panel, under them on a portrait one,
as large as the room the keys leave (up to the camera's own 640x480). A code read flashes the
guide, and the results come as for any other scan."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QVBoxLayout

from kiosk.submissions.progress import CaseProgress
from ui.language import current_locale
from ui.scan_polling import ScanPolling
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.camera_view import ASPECT_HEIGHT, ASPECT_WIDTH, CameraView
from ui.widgets.keyboard_room import forget_sizes
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.widgets.steps_beside_keys import StepsBesideKeys

TIGHT_SPACING = 4
# The least camera picture, on the shortest panel: its guide (see GUIDE_FRACTION) is still
# 72 px, a key's size, something a resident can aim a receipt at.
CAMERA_MIN_HEIGHT = 120
# No larger than the camera's frames: a bigger picture would only be blurrier.
CAMERA_MAX_HEIGHT = 480
# Beside the text on a landscape panel the picture takes at most this share of the width, so
# the instruction beside it still reads in a few lines.
CAMERA_MAX_WIDTH_SHARE = 0.4
# The picture's height is found to within this: a few pixels more would not be noticed.
CAMERA_STEP_PX = 8


class LookupScreen(Screen):
    typed = Signal(str)
    back_requested = Signal()

    def __init__(self, scanning: ScanPolling | None = None) -> None:
        """``scanning`` is the kiosk's scanner, if it has one; with a camera, its picture shows."""
        super().__init__("lookup_screen")
        self._fitting = False
        self.instruction_label = wrapping_label("", "lookup_instruction", role="instruction")
        self.case_number = QLineEdit()
        self.case_number.setObjectName("lookup_case_number")
        self.case_number.setProperty("keyboard", "latin")
        self.results = wrapping_label("", "lookup_results")
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("lookup_keyboard")
        self.camera: CameraView | None = None
        self._preview = scanning.preview if scanning is not None else None
        self._picture_size = QSize()  # what the preview was last asked for
        # With a camera the texts stand in a column beside (or above) its picture.
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._camera_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._camera_row.setContentsMargins(0, 0, 0, 0)
        column = self.body
        if scanning is not None and self._preview is not None:
            self.camera = CameraView()
            self.camera.setObjectName("lookup_camera")
            self._camera_row.addLayout(self._column, stretch=1)
            self._camera_row.addWidget(self.camera)
            # The row as tall as the picture (or the texts), the keys taking the rest as ever.
            self.body.addLayout(self._camera_row)
            self._preview.picture.connect(self.camera.show_picture)
            scanning.scanned.connect(self._code_read)
            column = self._column
        column.addWidget(self.instruction_label)
        column.addWidget(self.case_number)
        column.addWidget(self.results, stretch=1)
        if self.camera is not None:
            # The texts at the top, as without a camera, however tall the picture beside them.
            self._column.addStretch(1)
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
        if self.camera is None:
            self.instruction_label.setText(
                self.tr("请扫描回执上的二维码，或放置身份证，或输入办件编号后按“查询”。")
            )
        else:
            self.instruction_label.setText(
                self.tr(
                    "请将回执上的二维码对准摄像头，放在框内；"
                    "也可以放置身份证，或输入办件编号后按“查询”。"
                )
            )
            name_accessibly(self.camera, self.tr("摄像头画面"), self.tr("把回执上的二维码放在框内"))
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
        buttons beside them; then the instruction gives way to results that do not fit, and
        the camera's picture, at its least to begin with, grows into the room that is left.

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
            self._set_spacing(-1)  # the screen's own
            self._place_camera()
            self.keyboard.set_compact(False)
            self.keyboard.set_compact(self._too_short())
            self._set_instruction_compact(False)
            if self._too_short() and self.steps.fit_beside(self._inner_width()):
                self.steps.set_beside(True)
                # The instruction at the least elder text size (36 px) and the field and the
                # keys 4 px apart (still apart) fit a 768-pixel panel in elder mode.
                self._set_spacing(TIGHT_SPACING)
                self._set_instruction_compact(True)
            if self.camera is not None and self._too_short():
                # The least picture beside the texts narrows them into more lines: the
                # instruction at its least size then, as beside the keys.
                self._set_spacing(TIGHT_SPACING)
                self._set_instruction_compact(True)
            self.instruction_label.setVisible(not (self.results.isVisible() and self._too_short()))
            self._grow_camera()
            self.keyboard.show()
        finally:
            self._fitting = False

    def _set_spacing(self, spacing: int) -> None:
        self.body.setSpacing(spacing)
        self._column.setSpacing(spacing)
        self._camera_row.setSpacing(spacing)

    def _place_camera(self) -> None:
        """Beside the texts on a landscape panel, under them on a portrait one; at its least."""
        if self.camera is None:
            return
        portrait = self.height() > self.width()
        self._camera_row.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._camera_row.setAlignment(
            self.camera, Qt.AlignmentFlag.AlignHCenter if portrait else Qt.AlignmentFlag.AlignTop
        )
        self.camera.set_height(CAMERA_MIN_HEIGHT)

    def _grow_camera(self) -> None:
        """The tallest picture that leaves the screen fitting: as tall as the room left, or
        where the texts beside it wrap into more lines than that room allows, found by halving
        between the least and that."""
        camera = self.camera
        if camera is None:
            return
        portrait = self._camera_row.direction() is QBoxLayout.Direction.TopToBottom
        widest = self._inner_width() * (1.0 if portrait else CAMERA_MAX_WIDTH_SHARE)
        tallest = max(
            CAMERA_MIN_HEIGHT,
            min(CAMERA_MAX_HEIGHT, int(widest * ASPECT_HEIGHT / ASPECT_WIDTH)),
        )
        spare = self._spare()
        if spare > 0:
            # Beside the texts the row is as tall as the taller of the two: up to the texts'
            # height the picture grows for nothing.
            beside = 0 if portrait else self._texts_height(camera.width())
            guess = min(tallest, max(camera.height(), beside) + spare)
            fits, too_tall = CAMERA_MIN_HEIGHT, guess + 1
            camera.set_height(guess)
            if self._spare() >= 0:
                fits = guess
            while too_tall - fits > CAMERA_STEP_PX:
                middle = (fits + too_tall) // 2
                camera.set_height(middle)
                if self._spare() < 0:
                    too_tall = middle
                else:
                    fits = middle
            camera.set_height(fits)
        if self._preview is not None and camera.size() != self._picture_size:
            self._picture_size = camera.size()
            self._preview.resize(self._picture_size)

    def _texts_height(self, camera_width: int) -> int:
        """The least height of the texts' column beside a picture ``camera_width`` wide."""
        forget_sizes(self._column)
        width = self._inner_width() - camera_width - max(0, self._camera_row.spacing())
        return self._column.totalMinimumHeightForWidth(width)

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
        return self._spare() < 0

    def _spare(self) -> int:
        """The height left over (negative: missing) with the (hidden) keyboard up."""
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
        return self.height() - least - keys

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

    def _code_read(self) -> None:
        if self.camera is not None and self.isVisible():
            self.camera.flash()

    def reset(self) -> None:
        if self.camera is not None:
            self.camera.clear()
        self.keyboard.detach()
        self.case_number.clear()
        self.results.setText("")
        self._fit()
