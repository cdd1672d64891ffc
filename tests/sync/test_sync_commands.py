"""`kiosk sync --once`, `kiosk sync-agent` and `kiosk keys terminal`, run as a technician
or systemd runs them: real processes against the reference platform on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.crypto.suite import decode_key
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import answers_json
from tests.helpers.network.ports import free_port
from tests.helpers.platform.agent_kiosk import enrol_public_key, platform_cases
from tests.helpers.platform.reference import RunningPlatform
from tests.helpers.platform_keys import TEST_PLATFORM


def write_config(path: Path, url: str | None) -> Path:
    lines = '[devices.printer]\nuri = ""\n\n' + TEST_PLATFORM.kiosk_config()
    if url is not None:
        lines += f'url = "{url}"\ntimeout_s = 2\n'
    path.write_text(lines, encoding="utf-8")
    return path


@pytest.fixture
def config(tmp_path: Path, platform: RunningPlatform) -> Path:
    return write_config(tmp_path / "kiosk.toml", platform.url)


def kiosk(config: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_agent(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "sync-agent", "--config", str(config)],
        stderr=subprocess.PIPE,
        text=True,
    )


def read_until(process: subprocess.Popen[str], message: str) -> list[dict[str, object]]:
    """The agent's log lines up to the first with `message` (the stream blocks until then)."""
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        entry = json.loads(line)
        seen.append(entry)
        if entry["msg"] == message:
            return seen
    raise AssertionError(f"the agent exited without logging {message!r}: {seen}")


def enrolled(config: Path, platform: RunningPlatform) -> str:
    """Enrol the terminal `kiosk keys terminal` prints; its id."""
    result = kiosk(config, "keys", "terminal", "--json")
    assert result.returncode == 0, result.stderr
    identity = json.loads(result.stdout)
    enrol_public_key(
        platform.engine, identity["terminal_id"], identity["public_key"], identity["suite"]
    )
    return str(identity["terminal_id"])


def submitted(config: Path) -> str:
    result = kiosk(config, "submit", "--matter", ELDERLY_MATTER, "--data", answers_json(), "--json")
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["case_number"])


def test_keys_terminal_prints_a_stable_identity_to_enrol(config: Path) -> None:
    first = json.loads(kiosk(config, "keys", "terminal", "--json").stdout)
    second = json.loads(kiosk(config, "keys", "terminal", "--json").stdout)
    assert first == second
    assert len(decode_key(first["public_key"])) == 32
    text = kiosk(config, "keys", "terminal").stdout
    assert f"kiosk platform enrol --terminal {first['terminal_id']}" in text


def test_sync_once_delivers_and_prints_the_summary_as_json_or_plainly(
    config: Path, platform: RunningPlatform
) -> None:
    enrolled(config, platform)
    case_number = submitted(config)
    result = kiosk(config, "sync", "--once", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["delivered"] == 1
    assert summary["heartbeat_sent"] is True
    assert summary["catalog"] == "unchanged"
    assert summary["queue"]["delivered"] == 1
    assert summary["error"] is None
    assert [case["case_number"] for case in platform_cases(platform)] == [case_number]
    submitted(config)
    plain = kiosk(config, "sync", "--once")
    assert plain.returncode == 0, plain.stderr
    assert "delivered 1 submission(s)" in plain.stdout


def test_sync_once_exits_1_with_the_reason_when_the_platform_is_unreachable(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path / "down.toml", f"http://127.0.0.1:{free_port()}")
    submitted(config)
    result = kiosk(config, "sync", "--once", "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert "cannot connect" in summary["error"]
    assert summary["queue"]["queued"] == 1


def test_sync_without_a_platform_url_is_a_configuration_error(tmp_path: Path) -> None:
    config = write_config(tmp_path / "no-url.toml", None)
    for command in (["sync", "--once"], ["sync-agent"]):
        result = kiosk(config, *command)
        assert result.returncode == 78, command
        assert "platform.url" in result.stderr
        assert f"settings read from {config}; another file: --config PATH" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_missing_platform_url_with_no_settings_file_says_none_was_read(
    tmp_path: Path,
) -> None:
    if Path("/etc/kiosk/kiosk.toml").exists():
        pytest.skip("this machine has a system-wide kiosk config")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    environment["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "sync", "--once"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=environment,
    )
    assert result.returncode == 78
    assert "platform.url: not set" in result.stderr
    assert "no settings file was read: none given with --config or $KIOSK_CONFIG" in result.stderr


def test_the_agent_process_delivers_and_exits_0_on_sigterm(
    config: Path, platform: RunningPlatform
) -> None:
    enrolled(config, platform)
    case_number = submitted(config)
    agent = start_agent(config)
    try:
        lines = read_until(agent, "submission delivered")
        assert lines[-1]["case_number"] == case_number
        agent.send_signal(signal.SIGTERM)
        _, rest = agent.communicate(timeout=30)
    finally:
        if agent.poll() is None:
            agent.kill()
    assert agent.returncode == 0
    assert "sync agent stopped" in [json.loads(line)["msg"] for line in rest.splitlines()]
    assert len(platform_cases(platform)) == 1


def test_only_one_agent_works_on_a_data_dir(config: Path, platform: RunningPlatform) -> None:
    enrolled(config, platform)
    agent = start_agent(config)
    try:
        read_until(agent, "sync agent started")
        second = kiosk(config, "sync-agent")
        assert second.returncode == 1
        assert f"(pid {agent.pid}) is already working on this data dir" in second.stderr
        once = kiosk(config, "sync", "--once", "--wait", "0.2")
        assert once.returncode == 1
        assert "already working" in once.stderr
    finally:
        agent.send_signal(signal.SIGTERM)
        agent.communicate(timeout=30)
    assert agent.returncode == 0
    assert os.path.exists(Path(os.environ["KIOSK_DATA_DIR"]) / "sync-agent.lock")
