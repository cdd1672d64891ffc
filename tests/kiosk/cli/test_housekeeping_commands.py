"""`kiosk housekeeping run|backups|restore`, run in real processes as a technician would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.config import KioskSettings
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json


def test_a_backup_taken_by_hand_is_listed_checked_and_restores_a_lost_database(
    kiosk: Kiosk, settings: KioskSettings
) -> None:
    assert kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json()).returncode == 0
    run = kiosk("housekeeping", "run", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["integrity"] == "ok" and report["backup"].startswith("kiosk-")

    listed = kiosk("housekeeping", "backups", "--json")
    (backup,) = json.loads(listed.stdout)
    assert backup["problems"] == []

    backup_name = Path(backup["path"]).name
    settings.database_path.write_bytes(b"lost")
    restored = kiosk("housekeeping", "restore", backup["path"])
    assert restored.returncode == 0, restored.stderr
    status = json.loads(kiosk("queue", "status", "--json").stdout)
    assert sum(status.values()) == 1
    assert kiosk("audit", "verify").returncode == 0
    exported = kiosk("audit", "export", "--since", "1").stdout.splitlines()
    last = json.loads(exported[-1])
    assert last["event"] == "housekeeping.restored"
    assert last["details"] == {"backup": backup_name, "log_went_to": "unknown"}


def test_restore_refuses_while_the_kiosk_holds_the_database(
    kiosk: Kiosk, settings: KioskSettings, tmp_path: Path
) -> None:
    assert kiosk("housekeeping", "run").returncode == 0
    (backup,) = json.loads(kiosk("housekeeping", "backups", "--json").stdout)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('select 1');"
            " print('open', flush=True); sys.stdin.read()",
            str(settings.database_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        refused = kiosk("housekeeping", "restore", backup["path"])
    finally:
        holder.communicate("")
    assert refused.returncode == 1
    assert f"open in process {holder.pid}" in refused.stderr
    assert "systemctl stop kiosk kiosk-sync-agent" in refused.stderr
