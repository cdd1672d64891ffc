"""Voice guidance (语音播报): reads a screen's instruction aloud through an offline TTS program.

The speech runs as a separate process started with QProcess and never waited on, so the GUI
thread never blocks on it. A new utterance cuts off the one in progress, so quickly changing
screens do not queue up speech. If the TTS program is missing or broken the kiosk carries on
silently: the problem is logged and signalled once, not on every screen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import MappingProxyType

from PySide6.QtCore import QObject, QProcess, Signal, Slot

log = logging.getLogger(__name__)

# `{voice}` is replaced by the espeak-ng voice for the current language. 150 words a minute
# is a little under espeak-ng's default 175: easier to follow for older residents.
DEFAULT_COMMAND = ("espeak-ng", "-v", "{voice}", "-s", "150")
VOICE_PLACEHOLDER = "{voice}"

# Kiosk locale -> espeak-ng voice name. `cmn` is Mandarin (普通话) read from Han characters.
VOICES = MappingProxyType({"zh_CN": "cmn", "en_US": "en-us"})
_VOICES_BY_LANGUAGE = MappingProxyType({"zh": "cmn", "en": "en-us"})

# The dynamic property on each process that holds what it is saying.
_UTTERANCE = "utterance"

# espeak-ng's messages are short; this only bounds what ends up in a log line.
_MAX_ERROR_CHARS = 300


def voice_for(locale: str) -> str:
    """The espeak-ng voice for a kiosk locale such as `zh_CN` (language alone also works)."""
    if locale in VOICES:
        return VOICES[locale]
    language = locale.replace("-", "_").split("_", 1)[0].lower()
    if language in _VOICES_BY_LANGUAGE:
        return _VOICES_BY_LANGUAGE[language]
    raise ValueError(f"no voice for locale {locale!r}; known: {sorted(VOICES)}")


class VoiceGuide(QObject):
    """Speaks one instruction at a time; `speak` always returns at once.

    `started(text)` fires when the TTS process is running, `finished(text)` when it ended
    normally (not when it was cut off), `failed(message)` once when speech is not possible.
    """

    started = Signal(str)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        command: Sequence[str] = DEFAULT_COMMAND,
        locale: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        """`command` is the program and its arguments; the text is appended as the last one."""
        super().__init__(parent)
        if not command:
            raise ValueError("the TTS command needs at least a program")
        self._command = tuple(command)
        self._voice = voice_for(locale)
        self._enabled = True
        self._available = True
        self._shut_down = False
        self._process: QProcess | None = None
        self._cut_off: list[QProcess] = []  # killed, not yet reaped
        self._last_problem = ""

    # ---- Settings ----

    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Turned off, the guide says nothing and stops what it is saying."""
        self._enabled = enabled
        if not enabled:
            self.stop()

    def set_language(self, locale: str) -> None:
        """Speak following utterances in `locale` (`zh_CN` or `en_US`)."""
        self._voice = voice_for(locale)

    def voice(self) -> str:
        return self._voice

    def available(self) -> bool:
        """False once the TTS program could not be started; the guide then stays silent."""
        return self._available

    # ---- Speech ----

    def speak(self, text: str) -> None:
        """Cut off any speech in progress and start saying `text`. Never blocks."""
        self.stop()
        text = text.strip()
        if not text or not self._enabled or not self._available or self._shut_down:
            return
        process = QProcess(self)
        # Audio goes to the sound card; nothing useful comes on stdout, so do not buffer it.
        process.setStandardOutputFile(QProcess.nullDevice())
        program, *arguments = (
            part.replace(VOICE_PLACEHOLDER, self._voice) for part in self._command
        )
        process.setProgram(program)
        process.setArguments([*arguments, _as_text_argument(text)])
        process.setProperty(_UTTERANCE, text)
        # Bound methods, not lambdas: a closure holding `self` on a child's signal would let
        # the child's deletion free this object mid-destruction (PySide ownership cycle).
        process.started.connect(self._on_started)
        process.errorOccurred.connect(self._on_error)
        process.finished.connect(self._on_finished)
        self._process = process
        process.start()

    def stop(self) -> None:
        """Cut off the utterance in progress, if any. Does not wait for the process to end."""
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            # Killed processes are reaped and deleted when their `finished` arrives.
            self._cut_off.append(process)
            process.kill()

    def shutdown(self) -> None:
        """At application exit: stop speaking and refuse further speech.

        The killed process is reaped by the event loop; `idle()` turns True once it has been
        (a guide destroyed before then makes Qt reap it itself, with a warning).
        """
        self._shut_down = True
        self.stop()

    def idle(self) -> bool:
        """No speech running and every cut-off TTS process reaped."""
        return not self.is_speaking() and not self._cut_off

    def state(self) -> QProcess.ProcessState:
        """The state of the current utterance's process (NotRunning when silent)."""
        return (
            self._process.state() if self._process is not None else QProcess.ProcessState.NotRunning
        )

    def is_speaking(self) -> bool:
        return self.state() != QProcess.ProcessState.NotRunning

    # ---- Process events (only the current process is reported on) ----

    def _sender_process(self) -> QProcess | None:
        sender = self.sender()
        return sender if isinstance(sender, QProcess) else None

    @Slot()
    def _on_started(self) -> None:
        process = self._sender_process()
        if process is not None and process is self._process:
            self.started.emit(str(process.property(_UTTERANCE)))

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        process = self._sender_process()
        if process is None:
            return
        if error == QProcess.ProcessError.FailedToStart:
            # No `finished` follows a failed start, so this is the last event for the process.
            process.deleteLater()
            if process is self._process:
                self._process = None
                self._available = False
                self._report(
                    f"voice guidance unavailable: {process.program()} could not be started "
                    f"({process.errorString()})"
                )
        elif process is self._process and error != QProcess.ProcessError.Crashed:
            # A crash is reported by `finished`; read/write errors have nothing to add there.
            self._report(f"voice guidance error: {process.errorString()}")

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._sender_process()
        if process is None:
            return
        process.deleteLater()
        if process is not self._process:
            # Cut off by stop() or by a newer utterance.
            self._cut_off = [p for p in self._cut_off if p is not process]
            return
        self._process = None
        if status == QProcess.ExitStatus.CrashExit:
            self._report(f"voice guidance program crashed: {process.program()}")
        elif code != 0:
            detail = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
            self._report(
                f"voice guidance program {process.program()} exited with {code}: "
                f"{detail.strip()[:_MAX_ERROR_CHARS]}"
            )
        else:
            self._last_problem = ""  # working again: a later problem is news again
            self.finished.emit(str(process.property(_UTTERANCE)))

    def _report(self, problem: str) -> None:
        """Log and signal a problem when it changes, not on every utterance."""
        if problem == self._last_problem:
            return
        self._last_problem = problem
        log.warning("voice guidance problem", extra={"problem": problem})
        self.failed.emit(problem)


def _as_text_argument(text: str) -> str:
    # espeak-ng would take text beginning with "-" for an option; a leading space is read as
    # nothing.
    return f" {text}" if text.startswith("-") else text
