"""`kiosk run` killed in the middle of a visit, with a resident's card read and a form half
filled in, starts again on the attract screen, and nothing of the resident is left anywhere:
not in the database, its write-ahead log, any other file of the data dir, nor the logs."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.idcard import demo_cards
from tests.helpers.systemd.notify_socket import NotifySocket
from tests.helpers.ui.kiosk_process import read_until, start_kiosk, stop
from tests.helpers.ui.scripted_visit import MOBILE

VISIT_COMMAND = (sys.executable, "-m", "tests.helpers.ui.scripted_visit")
CARD = demo_cards.ELDERLY_RESIDENT
RESIDENT_DATA = (CARD.name, CARD.id_number, CARD.address, MOBILE, CARD.id_number[-8:])


def visit_then_kill(data_dir: Path, log: Path) -> dict[str, object]:
    """Run the kiosk with a resident's taps until the form shows her data, then SIGKILL it."""
    reading, writing = os.pipe()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [*VISIT_COMMAND, str(writing), "run", "--simulate", "--windowed"],
            stderr=output,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            pass_fds=(writing,),
        )
        os.close(writing)
        try:
            ready, _, _ = select.select([reading], [], [], 300)
            assert ready, "the visit never reached the form"
            report = json.loads(os.read(reading, 4096).decode("utf-8"))
        finally:
            process.kill()  # SIGKILL: no handler, no clean-up, as a crash or the OOM killer
            process.wait(timeout=60)
            os.close(reading)
    return dict(report)


def resident_data_in(blob: bytes) -> list[str]:
    found = []
    for text in RESIDENT_DATA:
        for encoding in ("utf-8", "utf-16-le"):
            if text.encode(encoding) in blob:
                found.append(f"{text} ({encoding})")
    return found


@pytest.mark.timeout(600)  # two cold starts of the whole kiosk, its companions included
def test_killed_mid_visit_it_restarts_on_the_attract_screen_with_no_resident_data_anywhere(
    tmp_path: Path,
) -> None:
    data_dir = Path(os.environ["KIOSK_DATA_DIR"])
    first_log = tmp_path / "first-run.log"

    report = visit_then_kill(data_dir, first_log)

    assert report == {
        "screen": "form_screen",
        "identity_held": True,
        "name_masked": True,
        "typed": True,
    }
    with NotifySocket(tmp_path / "notify") as systemd:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **systemd.environment(2_000_000))
        again = start_kiosk("--windowed", env=env)
        try:
            seen = read_until(again, lambda entry: entry["msg"] == "kiosk ready")
            systemd.wait_for("READY=1", timeout_s=60)  # after the first paint
            systemd.wait_for("WATCHDOG=1", timeout_s=10)
        finally:
            rest = stop(again)
    ready = seen[-1]
    assert ready["showing"] == "attract_screen"
    assert "crash loop: the kiosk starts out of service" not in [e["msg"] for e in seen]
    assert "kiosk stopped" in rest and again.returncode == 0

    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.name == "kiosk.db" for path in files)
    leaks = {str(path): resident_data_in(path.read_bytes()) for path in files}
    logs = first_log.read_bytes() + json.dumps(seen, ensure_ascii=False).encode("utf-8")
    logs += "\n".join(rest).encode("utf-8")
    leaks["logs"] = resident_data_in(logs)
    assert {where: found for where, found in leaks.items() if found} == {}
