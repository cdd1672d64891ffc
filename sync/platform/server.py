"""Running the platform's app under uvicorn: in the foreground for `kiosk platform serve`, or
in a background thread of this process for tests and tools.

Foreground serving stops cleanly on SIGTERM and SIGINT; the line "platform listening on
<url>" is logged only once the socket accepts connections, so a supervisor (or a test) can
wait for it. TLS is optional; with a client CA every client must show a certificate it signed.
"""

from __future__ import annotations

import logging
import signal
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import uvicorn
from fastapi import FastAPI

log = logging.getLogger(__name__)

# How long in-flight requests may take to finish after a stop is asked for.
GRACEFUL_SHUTDOWN_S = 10
# Starting takes well under a second; this bounds a test's wait on a broken start.
START_TIMEOUT_S = 30.0


class CouldNotListen(Exception):
    """The address is taken or not ours to bind."""


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path
    client_ca: Path | None = None  # when set, clients must present a certificate it signed


def base_url(host: str, port: int, tls: TlsFiles | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def serve(app: FastAPI, host: str, port: int, tls: TlsFiles | None = None) -> None:
    """Serve until SIGTERM or SIGINT, then return after a graceful shutdown."""
    url = base_url(host, port, tls)
    logging.getLogger("uvicorn.error").addFilter(_without_terminal_colours)
    server = _NotifyingServer(
        _config(app, host, port, tls, access_log=True),
        lambda: log.info("platform listening on %s", url),
    )
    # uvicorn re-raises the signal that stopped it once it has restored the handlers it
    # found; handlers that ignore it turn that into a normal return (exit status 0).
    previous = {sig: signal.signal(sig, _already_stopping) for sig in _STOP_SIGNALS}
    try:
        server.run()
    except SystemExit as exc:  # uvicorn exits when it cannot bind
        raise CouldNotListen(f"cannot listen on {host}:{port} (see the log above)") from exc
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class BackgroundServer:
    """The app on a loopback port the OS picks, in a thread; `url` once started."""

    def __init__(
        self,
        app: FastAPI,
        host: str = "127.0.0.1",
        tls: TlsFiles | None = None,
        *,
        graceful_shutdown_s: int = GRACEFUL_SHUTDOWN_S,
    ) -> None:
        """`graceful_shutdown_s` bounds the wait for open connections on stop: an idle
        keep-alive TLS connection only closes when its client answers the close, which a
        client holding it in a pool may never do."""
        self._socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self._socket.bind((host, 0))
        port = self._socket.getsockname()[1]
        self.url = base_url(host, port, tls)
        self._ready = threading.Event()
        config = _config(app, host, port, tls, access_log=False)
        config.timeout_graceful_shutdown = graceful_shutdown_s
        self._server = _NotifyingServer(config, self._ready.set)
        self._thread = threading.Thread(target=self._run, name="platform-server", daemon=True)

    def start(self) -> str:
        self._thread.start()
        self._ready.wait(START_TIMEOUT_S)
        if not self._server.started:
            raise CouldNotListen(f"the platform did not start on {self.url}")
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join()
        self._socket.close()

    def __enter__(self) -> BackgroundServer:
        self.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._ready.set()  # a start that failed must not leave start() waiting


class _NotifyingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_listening: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_listening = on_listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_listening()


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _without_terminal_colours(record: logging.LogRecord) -> bool:
    """uvicorn attaches an ANSI-coloured copy of some messages; a JSON log line wants none."""
    record.__dict__.pop("color_message", None)
    return True


def _already_stopping(_signum: int, _frame: FrameType | None) -> None:
    """uvicorn has shut down gracefully by the time this runs."""


def _config(
    app: FastAPI, host: str, port: int, tls: TlsFiles | None, *, access_log: bool
) -> uvicorn.Config:
    options: dict[str, Any] = {}
    if tls is not None:
        options = {"ssl_certfile": str(tls.cert), "ssl_keyfile": str(tls.key)}
        if tls.client_ca is not None:
            options |= {"ssl_ca_certs": str(tls.client_ca), "ssl_cert_reqs": ssl.CERT_REQUIRED}
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # our JSON-line logging (kiosk.logs) formats uvicorn's records too
        access_log=access_log,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        **options,
    )
