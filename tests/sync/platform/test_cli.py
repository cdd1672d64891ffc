"""`kiosk platform`: set up, enrol, serve and inspect the reference platform from the command
line, serving in a real process the way an operator runs it."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.cli import platform_cmd
from kiosk.cli.main import main
from kiosk.config import load_settings
from sync.contract import HEALTH_PATH, SUBMISSIONS_PATH, BatchResult, ItemOutcome
from sync.platform.db import open_platform_engine, session_factory
from sync.platform.ingest import Ingestor
from sync.platform.keys import PlatformKeys
from tests.helpers.data import write_catalog
from tests.helpers.network.ports import free_port
from tests.helpers.platform.builders import SHANGHAI, KioskTerminal, batch, post_signed, sealed_item
from tests.helpers.platform.reference import SHARED_CATALOGS, TEST_PLATFORM_KEYS

LISTENING = "platform listening on "
SHIPPED_EXAMPLE = Path(__file__).resolve().parents[3] / "packaging" / "config" / "kiosk.toml"


def kiosk_platform(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "platform", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`kiosk platform serve` in its own process, once it says it is listening."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "platform", "serve", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr or ()])
    reader.start()
    try:
        while True:
            line = lines.get(timeout=60)
            if LISTENING in line:
                url = json.loads(line)["msg"].removeprefix(LISTENING)
                break
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        reader.join(timeout=30)


@pytest.fixture
def quiet_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs must not replace pytest's log handlers with a stderr one."""
    monkeypatch.setattr(platform_cmd, "configure_logging", lambda _level: None)


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["platform", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_enrol_serve_and_list_cases_as_an_operator_would(
    tmp_path: Path, postgres_url: str
) -> None:
    keys_dir = tmp_path / "keys"
    init = kiosk_platform("init", "--db", postgres_url, "--keys", str(keys_dir))
    assert init.returncode == 0, init.stderr
    keys = PlatformKeys.load(keys_dir)
    assert init.stdout == keys.kiosk_config()
    assert "catalog 2026.11.1 published" in init.stderr

    terminal = KioskTerminal.new("GZ0001")
    enrol = kiosk_platform(
        "enrol", "--db", postgres_url, "--terminal", "GZ0001", "--public-key", terminal.public_key
    )
    assert enrol.returncode == 0, enrol.stderr

    port = free_port()
    serve_args = ("--db", postgres_url, "--keys", str(keys_dir), "--port", str(port))
    with serving(*serve_args) as (server, url):
        assert url == f"http://127.0.0.1:{port}"
        assert requests.get(url + HEALTH_PATH, timeout=10).status_code == 200
        item = sealed_item(sealing_key=keys.sealing.public)
        response = post_signed(url, terminal, SUBMISSIONS_PATH, batch(item))
        listed = kiosk_platform("cases", "--db", postgres_url, "--json")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0

    result = BatchResult.model_validate_json(response.content).results[0]
    assert result.outcome is ItemOutcome.STORED
    (case,) = json.loads(listed.stdout)
    assert case["case_id"] == result.case_id
    assert (case["case_number"], case["terminal_id"], case["status"]) == (
        item.case_number,
        "GZ0001",
        "received",
    )
    assert set(case) == {
        "case_id",
        "idempotency_key",
        "terminal_id",
        "case_number",
        "matter_code",
        "status",
        "submitted_at",
        "received_at",
    }


def test_init_again_keeps_the_keys_and_the_published_catalog(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    args = ("init", "--db", postgres_url, "--keys", str(tmp_path / "keys"))
    first = run_in_process(capsys, *args)
    second = run_in_process(capsys, *args)
    assert (first[0], second[0]) == (0, 0)
    assert first[1] == second[1]
    assert "already published" in second[2]


def test_serve_stops_cleanly_on_sigint_too(tmp_path: Path, platform_url: str) -> None:
    TEST_PLATFORM_KEYS.save(tmp_path / "keys")
    args = ("--db", platform_url, "--keys", str(tmp_path / "keys"), "--port", str(free_port()))
    with serving(*args) as (server, _url):
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0


def test_advance_moves_a_case_and_the_reports_list_what_they_hold(
    platform_url: str, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    engine = open_platform_engine(platform_url)
    ingestor = Ingestor(
        session_factory(engine),
        TEST_PLATFORM_KEYS,
        SHARED_CATALOGS,
        SHANGHAI,
        lambda: datetime.now(UTC),
    )
    case_id = ingestor.submissions("GZ0001", batch(sealed_item())).results[0].case_id
    engine.dispose()
    assert case_id is not None
    db = ("--db", platform_url)

    code, out, _ = run_in_process(capsys, "advance", *db, "--case", case_id, "--to", "in_review")
    assert (code, out.strip()) == (0, f"{case_id}: accepted → in_review")
    code, _, err = run_in_process(capsys, "advance", *db, "--case", case_id, "--to", "accepted")
    assert code == 2 and "cannot go back" in err
    code, out, _ = run_in_process(capsys, "advance", *db, "--all", "--to", "finished")
    assert (code, out.strip()) == (0, "1 case(s) moved to finished")
    code, out, _ = run_in_process(capsys, "cases", *db, "--json")
    assert [case["status"] for case in json.loads(out)] == ["finished"]

    for report in ("conflicts", "refusals", "heartbeats"):
        code, out, _ = run_in_process(capsys, report, *db, "--json")
        assert (code, json.loads(out)) == (0, [])


def test_publishing_an_invalid_catalog_lists_its_problems_and_exits_2(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    keys = tmp_path / "keys"
    PlatformKeys.generate().save(keys)
    broken = write_catalog(tmp_path / "catalog", "2027.1.1", [{"code": "BROKEN"}])
    code, _, err = run_in_process(
        capsys, "publish-catalog", "--db", postgres_url, "--keys", str(keys), str(broken)
    )
    assert code == 2
    assert "the catalog is invalid" in err and "BROKEN" in err


def test_without_the_platform_extra_it_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, quiet_logging: None
) -> None:
    monkeypatch.setattr(platform_cmd, "_EXTRA_MODULES", ("a_module_that_is_not_installed",))
    code, _, err = run_in_process(capsys, "cases", "--db", "sqlite:///unused.db")
    assert code == 1
    assert platform_cmd.EXTRA_MISSING in err
    assert not os.path.exists("unused.db")


def test_enrolling_needs_a_base64_key_and_an_id_without_hyphens(
    postgres_url: str, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    key = KioskTerminal.new().public_key
    db = ("--db", postgres_url)
    code, _, err = run_in_process(capsys, "enrol", *db, "--terminal", "GZ-1", "--public-key", key)
    assert code == 2 and "without '-'" in err
    code, _, err = run_in_process(capsys, "enrol", *db, "--terminal", "GZ1", "--public-key", "!")
    assert code == 2
    code, out, _ = run_in_process(capsys, "enrol", *db, "--terminal", "GZ1", "--public-key", key)
    assert (code, out.strip()) == (0, "enrolled terminal GZ1")
    code, out, _ = run_in_process(capsys, "enrol", *db, "--terminal", "GZ1", "--public-key", key)
    assert (code, out.strip()) == (0, "re-enrolled terminal GZ1")


def test_init_writes_the_keys_into_the_kiosks_existing_platform_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    kiosk_toml = tmp_path / "kiosk.toml"
    kiosk_toml.write_text(SHIPPED_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = ("--db", f"sqlite:///{tmp_path / 'platform.db'}", "--keys", str(tmp_path / "keys"))
    url = "http://127.0.0.1:8443"
    code, _, err = run_in_process(
        capsys, "init", *db, "--kiosk-config", str(kiosk_toml), "--platform-url", url
    )
    assert code == 0, err
    settings = load_settings(kiosk_toml)
    keys = PlatformKeys.load(tmp_path / "keys")
    assert settings.platform.url == url
    assert settings.platform.sealing_key == keys.kiosk_settings()["sealing_key"]
    assert f"{kiosk_toml}: set platform.suite" in err


def test_init_refuses_a_platform_url_with_v1_and_leaves_the_kiosk_config_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    kiosk_toml = tmp_path / "kiosk.toml"
    kiosk_toml.write_text(SHIPPED_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = ("--db", f"sqlite:///{tmp_path / 'platform.db'}", "--keys", str(tmp_path / "keys"))
    code, _, err = run_in_process(
        capsys,
        "init",
        *db,
        "--kiosk-config",
        str(kiosk_toml),
        "--platform-url",
        "http://127.0.0.1:8443/v1",
    )
    assert code == 2
    assert 'write url = "http://127.0.0.1:8443"' in err
    assert kiosk_toml.read_text(encoding="utf-8") == SHIPPED_EXAMPLE.read_text(encoding="utf-8")


def test_enrol_takes_the_identity_file_kiosk_keys_terminal_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet_logging: None
) -> None:
    terminal = KioskTerminal.new("GZ0001")
    identity = tmp_path / "terminal.json"
    identity.write_text(
        json.dumps(
            {
                "terminal_id": "GZ0001",
                "suite": terminal.suite.name,
                "public_key": terminal.public_key,
                "key_file": "/var/lib/kiosk/keys/terminal-signing.key",
            }
        ),
        encoding="utf-8",
    )
    db = ("--db", f"sqlite:///{tmp_path / 'platform.db'}")
    code, out, err = run_in_process(capsys, "enrol", *db, "--identity", str(identity))
    assert (code, out.strip()) == (0, "enrolled terminal GZ0001"), err
    identity.write_text("{}", encoding="utf-8")
    code, _, err = run_in_process(capsys, "enrol", *db, "--identity", str(identity))
    assert code == 2 and "not what `kiosk keys terminal --json` prints" in err
    code, _, err = run_in_process(capsys, "enrol", *db)
    assert code == 2 and "give --identity FILE, or --terminal and --public-key" in err


def test_platform_commands_read_no_kiosk_settings_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'platform.db'}"
    with pytest.raises(SystemExit) as refused:
        main(["platform", "cases", "--db", db, "--config", str(tmp_path / "kiosk.toml")])
    assert refused.value.code == 2
    assert "unrecognized arguments: --config" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["platform", "serve", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "read no settings file (not /etc/kiosk/kiosk.toml" in shown
