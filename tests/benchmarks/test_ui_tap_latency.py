"""ui_tap_latency.py stops on a refused submission with the kiosk's reason, at once, rather
than waiting out its timeout and reporting only that the thanks screen was never painted."""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "ui_tap_latency.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ui_tap_latency", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def qt_log_restored() -> Iterator[None]:
    """The benchmark quiets Qt's log for its run; the tests after it get it back as it was."""
    qt = logging.getLogger("qt")
    level = qt.level
    yield
    qt.setLevel(level)


@pytest.mark.usefixtures("qt_log_restored")
def test_a_refused_submission_stops_the_visit_with_the_kiosk_s_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taps = load_benchmark()
    monkeypatch.delitem(sys.modules, "ui_tap_latency")
    no_sealing_key = ""

    with (
        taps.running_kiosk(tmp_path, no_sealing_key) as rig,
        pytest.raises(RuntimeError) as refused,
    ):
        taps.one_visit(rig)

    reason = str(refused.value)
    assert "the kiosk showed problem_screen instead of thanks_screen" in reason
    assert "本机尚未配置平台密钥" in reason  # what the problem screen told the resident
    assert "submission refused: no platform sealing key is configured" in reason
