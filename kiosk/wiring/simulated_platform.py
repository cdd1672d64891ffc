"""The processes beside the touchscreen in `kiosk run --simulate`: the sync agent and, when no
platform is configured, a simulated provincial platform for it to deliver to.

Each is the `kiosk` command in its own process, exactly as systemd would run it in the field
(`kiosk sync-agent`, `kiosk platform serve`), so a demo exercises the real delivery path: the
touchscreen seals to the simulated platform's key, the agent signs its requests, the platform
moves cases along every 30 s (--demo-progress) and progress lookups show it. The platform's
database and keys live in <data dir>/simulated-platform and survive restarts.

The children's log lines (JSON) are passed through to this process's stderr; they are stopped
(SIGTERM, then SIGKILL after a grace period) when the touchscreen exits.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kiosk.config import KioskSettings
from kiosk.sd_notify import without_notify
from kiosk.wiring.companion import PARENT_ENV

log = logging.getLogger(__name__)

SIMULATED_DIR = "simulated-platform"
KEYS_SNIPPET = "kiosk-platform.toml"
# Statuses move on every 30 s, so a demo sees a case go from received to finished in minutes.
DEMO_PROGRESS_S = 30
# Starting the platform (imports, schema, socket) takes a second or two; this is generous.
START_TIMEOUT_S = 60.0
# uvicorn's graceful shutdown allows in-flight requests 10 s; the agent stops within a poll.
STOP_TIMEOUT_S = 15.0


class SimulationFailed(Exception):
    """A companion process could not be started; the message says which and why."""


@dataclass
class Child:
    name: str
    process: subprocess.Popen[str]
    forwarder: threading.Thread | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop; killing it", self.name)
                self.process.kill()
                self.process.wait()
        if self.forwarder is not None:
            self.forwarder.join(5)
        log.info("%s stopped", self.name, extra={"returncode": self.process.returncode})


@dataclass
class Companions:
    """The running children and the settings the touchscreen must use with them."""

    settings: KioskSettings
    children: list[Child] = field(default_factory=list)

    def stop(self) -> None:
        for child in reversed(self.children):  # the agent before the platform it talks to
            child.stop()
        self.children.clear()


def start_companions(settings: KioskSettings, config: Path | None) -> Companions:
    """Start the sync agent, and a simulated platform first when none is configured."""
    companions = Companions(settings)
    overrides: dict[str, str] = {}
    try:
        if settings.platform.url is None:
            platform, overrides = _start_platform(settings, config)
            companions.children.append(platform)
            companions.settings = _with_platform(settings, overrides)
        companions.children.append(_start_agent(config, overrides))
    except BaseException:
        companions.stop()
        raise
    return companions


def _start_platform(settings: KioskSettings, config: Path | None) -> tuple[Child, dict[str, str]]:
    directory = settings.data_dir / SIMULATED_DIR
    database = f"sqlite:///{directory / 'platform.db'}"
    keys = directory / "keys"
    snippet = directory / KEYS_SNIPPET
    if not snippet.exists():
        # Once per data dir: the keys must stay what earlier submissions were sealed to.
        directory.mkdir(parents=True, exist_ok=True)
        printed = _run_kiosk(["platform", "init", "--db", database, "--keys", str(keys)], config)
        snippet.write_text(printed, encoding="utf-8")
    platform_keys = tomllib.loads(snippet.read_text(encoding="utf-8"))["platform"]
    port = _free_port()
    process = _spawn(
        [
            "platform", "serve", "--db", database, "--keys", str(keys), "--host", "127.0.0.1",
            "--port", str(port), "--demo-progress", str(DEMO_PROGRESS_S),
        ],
        config,
        {},
    )  # fmt: skip
    child = Child("simulated platform", process)
    listening, settled = threading.Event(), threading.Event()

    def watch(message: str | None) -> None:
        """Settled once it listens, or once its log ends (it exited)."""
        if message is None or message.startswith("platform listening on"):
            if message is not None:
                listening.set()
            settled.set()

    child.forwarder = _forward(child, watch)
    try:
        # Enrolled while the platform starts (SQLite in WAL mode takes both writers).
        from sync.wiring import terminal_identity

        identity = terminal_identity(settings)
        enrol = ["platform", "enrol", "--db", database, "--terminal", identity.terminal_id]
        _run_kiosk([*enrol, "--public-key", identity.public_key, "--suite", identity.suite], config)
    except BaseException:
        child.stop()
        raise
    settled.wait(START_TIMEOUT_S)
    if not listening.is_set() or process.poll() is not None:
        child.stop()
        raise SimulationFailed(f"the simulated platform did not start (exit {process.poll()})")
    url = f"http://127.0.0.1:{port}"
    log.info("simulated platform running", extra={"url": url, "directory": str(directory)})
    return child, {
        "KIOSK_PLATFORM__URL": url,
        "KIOSK_PLATFORM__SUITE": str(platform_keys["suite"]),
        "KIOSK_PLATFORM__SEALING_KEY": str(platform_keys["sealing_key"]),
        "KIOSK_PLATFORM__CATALOG_SIGNING_KEY": str(platform_keys["catalog_signing_key"]),
    }


def _start_agent(config: Path | None, env: dict[str, str]) -> Child:
    child = Child("sync agent", _spawn(["sync-agent"], config, env))
    child.forwarder = _forward(child, lambda _message: None)
    return child


def _with_platform(settings: KioskSettings, env: dict[str, str]) -> KioskSettings:
    """The touchscreen's settings pointed at the simulated platform (what the environment
    gives the children)."""
    section = settings.platform.model_copy(
        update={
            "url": env["KIOSK_PLATFORM__URL"],
            "suite": env["KIOSK_PLATFORM__SUITE"],
            "sealing_key": env["KIOSK_PLATFORM__SEALING_KEY"],
            "catalog_signing_key": env["KIOSK_PLATFORM__CATALOG_SIGNING_KEY"],
        }
    )
    return settings.model_copy(update={"platform": section})


def _command(args: list[str], config: Path | None) -> list[str]:
    extra = ["--config", str(config)] if config is not None else []
    return [sys.executable, "-m", "kiosk.cli.main", *args, *extra]


def _environment(settings_env: dict[str, str]) -> dict[str, str]:
    # The children end with the touchscreen even when it is killed (kiosk.wiring.companion),
    # and never ping systemd's watchdog on its behalf.
    return {**without_notify(os.environ), **settings_env, PARENT_ENV: str(os.getpid())}


def _run_kiosk(args: list[str], config: Path | None) -> str:
    result = subprocess.run(
        _command(args, config),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
        env=_environment({}),
    )
    if result.returncode != 0:
        raise SimulationFailed(
            f"`kiosk {' '.join(args[:2])}` failed (exit {result.returncode}): "
            f"{result.stderr.strip()[-500:]}"
        )
    return result.stdout


def _spawn(args: list[str], config: Path | None, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(args, config),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(env),
    )


def _forward(child: Child, watch: Callable[[str | None], None]) -> threading.Thread:
    """Copy the child's log lines to our stderr, showing each message to `watch` (and None
    when the child closes its stderr, i.e. exits)."""
    stream = child.process.stderr
    assert stream is not None

    def pump(lines: IO[str]) -> None:
        for line in lines:
            try:
                message = str(json.loads(line).get("msg", ""))
            except (ValueError, AttributeError):
                # Not one of our JSON lines (a crash before logging started): wrap it.
                log.warning(line.rstrip(), extra={"child": child.name})
                continue
            sys.stderr.write(line)
            sys.stderr.flush()
            watch(message)
        watch(None)

    thread = threading.Thread(target=pump, args=(stream,), name=f"{child.name} log", daemon=True)
    thread.start()
    return thread


def _free_port() -> int:
    """A loopback port free now; the platform binds it a moment later."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
