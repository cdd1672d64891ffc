"""`kiosk diagnostics`: the health report as staff see it, and the bundle for a technician."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.helpers.data import ELDERLY_ID, ELDERLY_MATTER, ELDERLY_NAME
from tests.helpers.kiosk_cli import Kiosk, answers_json


def test_health_lists_every_part_with_its_status_and_fails_on_a_fault(kiosk: Kiosk) -> None:
    result = kiosk("diagnostics", "health", "--json")
    report = json.loads(result.stdout)
    topics = {line["topic"] for line in report["lines"]}
    assert {"id_reader", "printer", "queue", "disk", "catalog", "sync", "uptime"} <= topics
    # No sync agent ever ran in this data dir: that is a fault, listed first.
    assert report["lines"][0]["status"] == "fault"
    assert result.returncode == 1
    text = kiosk("diagnostics", "health", "--lang", "en_US").stdout
    assert "[FAULT  ] Sync with the platform: The sync agent has never run here" in text


def test_export_writes_a_bundle_without_personal_data(kiosk: Kiosk, tmp_path: Path) -> None:
    submitted = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json())
    assert submitted.returncode == 0, submitted.stderr
    target = tmp_path / "out"
    target.mkdir()
    result = kiosk("diagnostics", "export", "--to", str(target))
    assert result.returncode == 0, result.stderr
    bundle = Path(result.stdout.strip())
    assert bundle.parent == target and bundle.suffix == ".zip"
    with zipfile.ZipFile(bundle) as archive:
        contents = b"".join(archive.read(name) for name in archive.namelist())
        database = json.loads(archive.read("database.json"))
    assert ELDERLY_ID.encode() not in contents
    assert ELDERLY_NAME.encode() not in contents
    assert database["tables"]["submissions"]["rows"] == 1


def test_export_to_a_missing_folder_says_so(kiosk: Kiosk, tmp_path: Path) -> None:
    result = kiosk("diagnostics", "export", "--to", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "is not a folder" in result.stderr
