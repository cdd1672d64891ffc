"""Voice guidance (语音播报) never blocks the screen, never piles up, and fails quietly.

A fake TTS program (a shell script) records each start and each normal finish in a file, so the
tests see which utterances really ran to the end.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from ui.voice import DEFAULT_COMMAND, VoiceGuide

# Long enough that a test can act while it is still speaking.
FAKE_SPEECH_SECONDS = 2


@pytest.fixture
def spoken(tmp_path: Path) -> Path:
    return tmp_path / "spoken.log"


@pytest.fixture
def fake_tts(tmp_path: Path, spoken: Path) -> Path:
    """A TTS stand-in: logs `start <pid> <argv>`, 'speaks' for 2 s, then logs `done <text>`."""
    script = tmp_path / "fake-tts"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "start $$ $*" >> "{spoken}"\n'
        f"sleep {FAKE_SPEECH_SECONDS}\n"
        "for last; do :; done\n"
        f'echo "done $last" >> "{spoken}"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def guide(qtbot: QtBot, fake_tts: Path) -> Iterator[VoiceGuide]:
    voice = VoiceGuide([str(fake_tts), "-v", "{voice}"])
    yield voice
    voice.shutdown()
    qtbot.waitUntil(voice.idle)


def lines(spoken: Path) -> list[str]:
    return spoken.read_text(encoding="utf-8").splitlines() if spoken.exists() else []


def started_pid(spoken: Path, text: str) -> int | None:
    for line in lines(spoken):
        _, pid, *argv = line.split(" ")
        if line.startswith("start ") and argv and argv[-1] == text:
            return int(pid)
    return None


def is_alive(pid: int) -> bool:
    """True while the process exists, zombie included (it is not reaped yet)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_default_command_speaks_mandarin_through_espeak_ng() -> None:
    guide = VoiceGuide()
    assert DEFAULT_COMMAND[0] == "espeak-ng"
    assert guide.voice() == "cmn"
    guide.set_language("en_US")
    assert guide.voice() == "en-us"
    guide.set_language("zh_CN")
    assert guide.voice() == "cmn"


def test_speak_returns_while_the_speech_is_still_running(
    qtbot: QtBot, guide: VoiceGuide, spoken: Path
) -> None:
    guide.speak("请将身份证放在读卡区")

    assert guide.state() != QProcess.ProcessState.NotRunning
    assert guide.is_speaking()
    with qtbot.waitSignal(guide.finished, timeout=10_000) as finished:
        pass
    assert finished.args == ["请将身份证放在读卡区"]
    assert lines(spoken)[-1] == "done 请将身份证放在读卡区"


def test_a_new_screen_cuts_off_the_previous_instruction(
    qtbot: QtBot, guide: VoiceGuide, spoken: Path
) -> None:
    guide.speak("第一屏")
    qtbot.waitUntil(lambda: started_pid(spoken, "第一屏") is not None)
    first = started_pid(spoken, "第一屏")
    assert first is not None

    with qtbot.waitSignal(guide.finished, timeout=10_000) as finished:
        guide.speak("第二屏")

    assert finished.args == ["第二屏"]
    # The first started earlier and would have ended earlier had it not been killed.
    assert "done 第一屏" not in lines(spoken)
    qtbot.waitUntil(lambda: not is_alive(first))


def test_turning_voice_off_stops_the_speech_and_keeps_quiet(
    qtbot: QtBot, guide: VoiceGuide, spoken: Path
) -> None:
    guide.speak("欢迎使用")
    qtbot.waitUntil(lambda: started_pid(spoken, "欢迎使用") is not None)
    pid = started_pid(spoken, "欢迎使用")
    assert pid is not None

    guide.set_enabled(False)
    guide.speak("请选择事项")

    assert not guide.enabled()
    assert not guide.is_speaking()
    qtbot.waitUntil(guide.idle)
    assert not is_alive(pid)  # killed and reaped
    assert not [line for line in lines(spoken) if line.startswith("done")]
    assert started_pid(spoken, "请选择事项") is None


def test_a_disabled_guide_never_starts_the_program(guide: VoiceGuide, spoken: Path) -> None:
    guide.set_enabled(False)

    guide.speak("请选择事项")

    assert guide.state() == QProcess.ProcessState.NotRunning
    assert not spoken.exists()


def test_english_uses_the_english_voice(qtbot: QtBot, guide: VoiceGuide, spoken: Path) -> None:
    guide.set_language("en_US")

    with qtbot.waitSignal(guide.started, timeout=10_000):
        guide.speak("Place your ID card on the reader")

    qtbot.waitUntil(lambda: bool(lines(spoken)))
    assert " -v en-us Place your ID card on the reader" in lines(spoken)[0]


def test_a_missing_program_fails_once_and_the_kiosk_carries_on(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    guide = VoiceGuide([str(tmp_path / "no-such-tts")])
    failures: list[str] = []
    guide.failed.connect(failures.append)

    with caplog.at_level(logging.WARNING, logger="ui.voice"):
        with qtbot.waitSignal(guide.failed, timeout=10_000):
            guide.speak("请将身份证放在读卡区")
        guide.speak("请选择事项")
        guide.speak("请确认信息")

    assert len(failures) == 1
    assert "no-such-tts" in failures[0]
    assert not guide.available()
    assert not guide.is_speaking()
    assert len([r for r in caplog.records if r.name == "ui.voice"]) == 1
    guide.shutdown()


def test_after_shutdown_nothing_is_spoken(guide: VoiceGuide, spoken: Path) -> None:
    guide.shutdown()

    guide.speak("再见")

    assert not guide.is_speaking()
    assert not spoken.exists()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_ng_speaks_chinese_into_a_wav(qtbot: QtBot, tmp_path: Path) -> None:
    wav = tmp_path / "instruction.wav"
    guide = VoiceGuide([*DEFAULT_COMMAND, "-w", str(wav)])
    failures: list[str] = []
    guide.failed.connect(failures.append)

    with qtbot.waitSignal(guide.finished, timeout=30_000):
        guide.speak("请将第二代居民身份证放在读卡区")

    assert not failures
    audio = wav.read_bytes()
    assert audio[:4] == b"RIFF"
    assert audio[8:12] == b"WAVE"
    # Well over a WAV header: about a second of 22 kHz 16-bit speech at least.
    assert len(audio) > 44_100
