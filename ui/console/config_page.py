"""The console's configuration page (technicians only): one row per setting the settings
model marks for the console, each with its description, its value in the file and an editor
of its kind. Save validates every row with the settings model, writes the file atomically and
audits each change (kiosk.config_edit); live changes show at once, and the page says which
need a restart of the app or of the sync agent, and offers the app's restart."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.audit.trail import AuditTrail
from kiosk.config_edit.declaration import Applies, Setting, console_settings
from kiosk.config_edit.editor import SavedChanges, SettingsFile, value_in
from kiosk.config_edit.holder import SettingsHolder
from kiosk.config_error import ConfigError, SettingsRefused
from kiosk.staff.rights import Verb
from ui.console.page import ConsolePage
from ui.console.setting_editors import SettingEditor, editor_for, object_name
from ui.language import current_locale
from ui.screens.base import label_buttons, touch_button, wrapping_label
from ui.widgets.error_label import ErrorLabel
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.workers import BackgroundRunner


class SettingRow(QWidget):
    """One setting: what it is, when a change takes effect, its editor, and any refusal."""

    def __init__(self, setting: Setting) -> None:
        super().__init__()
        self.setting = setting
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        self.description = wrapping_label("", object_name(setting) + "_description")
        self.hint = wrapping_label("", object_name(setting) + "_hint", role="hint")
        self.editor: SettingEditor = editor_for(setting)
        self.error = ErrorLabel(object_name(setting) + "_error")
        for widget in (self.description, self.hint, self.editor, self.error):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        setting = self.setting
        self.description.setText(setting.description.render(current_locale()))
        when = {
            Applies.LIVE: self.tr("保存后立即生效"),
            Applies.AFTER_APP_RESTART: self.tr("重启应用后生效"),
            Applies.AFTER_AGENT_RESTART: self.tr("同步服务下次启动时生效"),
            Applies.AFTER_RESTART: self.tr("重启后生效"),
        }[setting.applies]
        parts = [setting.key, when]
        if setting.minimum is not None and setting.maximum is not None:
            parts.append(
                self.tr("范围 {low} 至 {high}").format(
                    low=_number(setting.minimum), high=_number(setting.maximum)
                )
            )
        if setting.optional:
            parts.append(self.tr("留空表示不设置"))
        self.hint.setText(" · ".join(parts))
        self.editor.retranslate()
        self.editor.name_for_readers(self.description.text(), self.hint.text())


class ConfigPage(ConsolePage):
    verb = Verb.SET_CONFIG
    saved = Signal(object)  # SavedChanges
    refused = Signal(object)  # the problems: (dotted key, what is wrong) pairs

    def __init__(
        self,
        settings_file: SettingsFile,
        holder: SettingsHolder,
        audit: AuditTrail,
        restart: Callable[[str], None],
    ) -> None:
        """`restart(actor)` restarts the app (after a change that needs it)."""
        super().__init__("config_page")
        self._file, self._holder, self._audit, self._restart = settings_file, holder, audit, restart
        self._runner = BackgroundRunner(self)
        self.rows: dict[str, SettingRow] = {}
        self._scroll = scroll = QScrollArea()
        scroll.setObjectName("config_rows")
        scroll.setWidgetResizable(True)
        self.status = wrapping_label("", "config_status", role="instruction")
        self.problems = ErrorLabel("config_problems")
        self.keyboard = OnScreenKeyboard()
        self.keyboard.hide()
        self.save_button = touch_button("", "config_save", primary=True)
        self.save_button.clicked.connect(self.save)
        self.restart_button = touch_button("", "config_restart")
        self.restart_button.clicked.connect(self._restart_now)
        self.restart_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.body.addWidget(scroll, stretch=1)
        self.body.addWidget(self.status)
        self.body.addWidget(self.problems)
        self.body.addWidget(self.keyboard)
        self.body.addLayout(buttons)
        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return self.tr("设置")

    def refresh(self) -> None:
        """The rows again, from the file as it is now (typed but unsaved values are dropped)."""
        self.keyboard.detach()
        self.keyboard.hide()
        self.rows = {}
        rows = QWidget()
        box = QVBoxLayout(rows)
        self._scroll.setWidget(rows)  # the rows shown before are deleted with their widget
        try:
            values = self._file.values()
        except ConfigError as exc:
            self.problems.setText(str(exc))
            return
        for setting in console_settings(values):
            row = SettingRow(setting)
            row.editor.show_value(value_in(values, setting))
            row.editor.wants_keyboard.connect(self._show_keyboard)
            box.addWidget(row)
            self.rows[setting.key] = row
        box.addStretch(1)

    def retranslate(self) -> None:
        label_buttons(
            (self.save_button, self.tr("检查并保存")),
            (self.restart_button, self.tr("立即重启应用")),
        )
        for row in self.rows.values():
            row.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self) -> None:
        """Validate every row and save in the background; `saved` or `refused` follows."""
        actor = self.actor
        if actor is None:
            self.problems.setText(self.tr("请先以技术人员身份登录。"))
            return
        texts = {key: row.editor.text() for key, row in self.rows.items()}
        for row in self.rows.values():
            row.error.setText("")
        self.problems.setText("")
        self.status.setText(self.tr("正在检查并保存……"))
        self.save_button.setEnabled(False)
        self._runner.run(
            lambda: self._file.save(texts, actor, self._audit), self._saved, self._failed
        )

    def _saved(self, saved: SavedChanges) -> None:
        self.save_button.setEnabled(True)
        self._holder.apply(saved.live())
        self.status.setText(self._outcome(saved))
        needs_app = any(c.setting.applies is Applies.AFTER_APP_RESTART for c in saved.changes)
        self.restart_button.setVisible(needs_app or self.restart_button.isVisible())
        self.saved.emit(saved)

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("没有保存，文件未改动。请按提示改正后再保存。"))
        if not isinstance(error, SettingsRefused):
            self.problems.setText(str(error))
            self.refused.emit(())
            return
        elsewhere: list[str] = []
        marked: list[SettingRow] = []
        for key, problem in error.problems:
            row = self.rows.get(key)
            if row is None:
                elsewhere.append(f"{key}: {problem}")
            else:
                row.error.setText(self.tr("这一项不能保存：{problem}").format(problem=problem))
                marked.append(row)
        self.problems.setText("\n".join(elsewhere))
        if marked:
            self._scroll.ensureWidgetVisible(marked[0])  # the first to correct, in view
        self.refused.emit(error.problems)

    def _outcome(self, saved: SavedChanges) -> str:
        if not saved.changes:
            return self.tr("没有改动。")
        named = {
            applies: "、".join(
                c.setting.description.render(current_locale())
                for c in saved.changes
                if c.setting.applies is applies
            )
            for applies in Applies
        }
        lines = [self.tr("已保存。")]
        for applies, text in (
            (Applies.LIVE, self.tr("已生效：{names}")),
            (Applies.AFTER_APP_RESTART, self.tr("重启应用后生效：{names}（可按“立即重启应用”）")),
            (Applies.AFTER_AGENT_RESTART, self.tr("同步服务下次启动时生效：{names}")),
            (Applies.AFTER_RESTART, self.tr("重启后生效：{names}")),
        ):
            if named[applies]:
                lines.append(text.format(names=named[applies]))
        return "\n".join(lines)

    def _show_keyboard(self, field: QLineEdit, mode: KeyboardMode) -> None:
        if self.keyboard.target() is not field:
            self.keyboard.attach(field, mode)
        self.keyboard.show()

    def _restart_now(self) -> None:
        if self.actor is None:
            return
        self._restart(self.actor)


def _number(bound: float) -> str:
    return str(int(bound)) if bound.is_integer() else str(bound)
