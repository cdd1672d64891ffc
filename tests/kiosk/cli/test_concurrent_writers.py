"""Two processes committing to one SQLite file at once (the UI and `kiosk submit`, say)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.data import ELDERLY_MATTER

WRITER = """
import sys
from kiosk.config import load_settings
from kiosk.printing import NoPrinter
from kiosk.wiring.services import build_services
from tests.helpers.data import elderly_application
services = build_services(load_settings(), NoPrinter())
for _ in range(int(sys.argv[1])):
    print(services.submissions.submit(sys.argv[2], elderly_application()).case_number, flush=True)
"""


def test_two_processes_never_hit_a_locked_database_nor_share_a_number(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "25", ELDERLY_MATTER],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in outputs]
    numbers = [line for out, _ in outputs for line in out.split()]
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 51))
