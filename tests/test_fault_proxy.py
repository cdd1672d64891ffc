"""The fault proxy does to a client exactly what each fault promises, and nothing else.

The sync agent's fault-injection suite trusts these effects, so they are checked here from the
client's side with the agent's own kind of client: one keep-alive `requests.Session`.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import pytest
import requests

from tests.helpers.network.fault_proxy import (
    DropResponse,
    Duplicate,
    FaultProxy,
    HangBeforeForward,
    Refuse,
    ResetMidRequest,
    Respond,
    Trickle,
)

# Long enough for any loopback answer, short enough that a wrong test fails fast.
CLIENT_TIMEOUT_S = 2.0
# For faults meant to time the client out.
SHORT_TIMEOUT_S = 0.2
CHUNKS = ("第一块，", "second chunk, ", "третий")
BIG_BODY = "办件" * 1000  # 6000 bytes in UTF-8


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _PlatformServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        seen = self.server.platform.saw(self.path)
        if self.path == "/together" and not self.server.platform.meet_other_copy():
            self._send_json(500, {"error": "the other copy never came"})
            return
        self._send_json(200, {"seen": seen, "body": body.decode("utf-8")})

    def do_GET(self) -> None:
        seen = self.server.platform.saw(self.path)
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in CHUNKS:
                data = chunk.encode("utf-8")
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/empty":
            self.send_response(204)
            self.end_headers()
        elif self.path == "/until-close":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write("读到关闭为止".encode())
            self.close_connection = True
        elif self.path == "/big":
            self._send_json(200, {"seen": seen, "body": BIG_BODY})
        else:
            self._send_json(200, {"seen": seen, "body": ""})

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the proxy's log is what the tests read."""


class _PlatformServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, platform: _Platform) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.platform = platform


class _Platform:
    """A stand-in upstream: counts requests per path and echoes what it was sent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._copies = threading.Barrier(2, timeout=1.0)
        self._server = _PlatformServer(self)
        # A short poll keeps shutdown() quick; the loop itself is the stdlib's.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def saw(self, path: str) -> int:
        with self._lock:
            self._counts[path] += 1
            return self._counts[path]

    def count(self, path: str) -> int:
        with self._lock:
            return self._counts[path]

    def meet_other_copy(self) -> bool:
        """Both copies of a request must be inside the platform at the same time."""
        try:
            self._copies.wait()
        except threading.BrokenBarrierError:
            return False
        return True

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def _proxy_threads(port: int) -> list[threading.Thread]:
    """The proxy's threads are named fault-proxy-<role>-<port>[-<n>]."""
    return [
        t
        for t in threading.enumerate()
        if t.name.startswith("fault-proxy-") and t.name.split("-")[3] == str(port)
    ]


@pytest.fixture
def platform() -> Iterator[_Platform]:
    upstream = _Platform()
    yield upstream
    upstream.close()


@pytest.fixture
def proxy(platform: _Platform) -> Iterator[FaultProxy]:
    with FaultProxy(platform.address) as running:
        yield running
    assert _proxy_threads(running.port) == []


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as client:
        yield client


def _post(session: requests.Session, proxy: FaultProxy, path: str, body: str) -> requests.Response:
    return session.post(proxy.url + path, data=body.encode("utf-8"), timeout=CLIENT_TIMEOUT_S)


def _post_catching(proxy: FaultProxy, errors: list[Exception]) -> None:
    """A client on its own thread, so the test can act on the proxy while it waits."""
    try:
        requests.post(proxy.url + "/v1/submissions", data=b"{}", timeout=CLIENT_TIMEOUT_S)
    except requests.RequestException as exc:
        errors.append(exc)


# -- passing through ---------------------------------------------------------------------


def test_requests_without_a_fault_pass_through_with_chinese_bodies_intact(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    response = _post(session, proxy, "/v1/submissions", "申请人：王秀英")

    assert response.status_code == 200
    assert response.json() == {"seen": 1, "body": "申请人：王秀英"}
    assert platform.count("/v1/submissions") == 1
    [exchange] = proxy.log
    assert (exchange.method, exchange.path, exchange.fault) == ("POST", "/v1/submissions", None)
    assert (exchange.upstream_statuses, exchange.client_status) == ((200,), 200)
    assert exchange.body == "申请人：王秀英".encode()


def test_a_keep_alive_client_connection_carries_many_requests(
    proxy: FaultProxy, session: requests.Session
) -> None:
    for n in range(5):
        assert _post(session, proxy, "/v1/heartbeats", f"第{n}次").json()["seen"] == n + 1

    assert proxy.connections_accepted == 1


def test_a_chunked_upstream_response_reaches_the_client_chunked_and_whole(
    proxy: FaultProxy, session: requests.Session
) -> None:
    response = session.get(proxy.url + "/chunked", timeout=CLIENT_TIMEOUT_S)

    assert response.headers["Transfer-Encoding"] == "chunked"
    assert response.content.decode("utf-8") == "".join(CHUNKS)


def test_bodiless_and_read_to_close_responses_leave_the_connection_usable(
    proxy: FaultProxy, session: requests.Session
) -> None:
    empty = session.get(proxy.url + "/empty", timeout=CLIENT_TIMEOUT_S)
    until_close = session.get(proxy.url + "/until-close", timeout=CLIENT_TIMEOUT_S)
    after = session.get(proxy.url + "/v1/health", timeout=CLIENT_TIMEOUT_S)

    assert (empty.status_code, empty.content) == (204, b"")
    assert until_close.content.decode("utf-8") == "读到关闭为止"
    assert after.status_code == 200
    assert proxy.connections_accepted == 1


# -- the script --------------------------------------------------------------------------


def test_faults_hit_only_matching_paths_and_are_used_up_in_order(
    proxy: FaultProxy, session: requests.Session
) -> None:
    proxy.inject(Respond(500), path_prefix="/v1/submissions", times=2)
    proxy.inject(Respond(429), path_prefix="/v1/submissions")

    statuses = [
        session.get(proxy.url + "/v1/health", timeout=CLIENT_TIMEOUT_S).status_code,
        *(_post(session, proxy, "/v1/submissions", "{}").status_code for _ in range(4)),
    ]

    assert statuses == [200, 500, 500, 429, 200]
    assert proxy.pending_faults == []


def test_a_fault_without_a_count_repeats_until_cleared(
    proxy: FaultProxy, session: requests.Session
) -> None:
    proxy.inject(Respond(503), times=None)
    first = [_post(session, proxy, "/v1/submissions", "{}").status_code for _ in range(3)]
    proxy.clear_faults()

    assert first == [503, 503, 503]
    assert _post(session, proxy, "/v1/submissions", "{}").status_code == 200


def test_wait_for_requests_returns_once_the_request_is_in_and_times_out_otherwise(
    proxy: FaultProxy,
) -> None:
    proxy.inject(HangBeforeForward(seconds=30))
    errors: list[Exception] = []
    caller = threading.Thread(target=_post_catching, args=(proxy, errors))
    caller.start()
    [exchange] = proxy.wait_for_requests(1, timeout=CLIENT_TIMEOUT_S)
    with pytest.raises(TimeoutError):
        proxy.wait_for_requests(2, timeout=0.05)
    proxy.stop()  # ends the hang: the client sees the connection close
    caller.join()

    assert exchange.fault == HangBeforeForward(seconds=30)
    assert [type(e) for e in errors] == [requests.ConnectionError]


# -- the faults --------------------------------------------------------------------------


def test_refuse_drops_the_request_and_refuses_connections_until_accept_again(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(Refuse())
    port = proxy.port

    with pytest.raises(requests.ConnectionError):
        _post(session, proxy, "/v1/submissions", "{}")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT_S)
    with pytest.raises(requests.ConnectionError):
        _post(session, proxy, "/v1/submissions", "{}")
    proxy.accept_again()
    response = _post(session, proxy, "/v1/submissions", "{}")

    assert (proxy.port, response.status_code) == (port, 200)
    assert platform.count("/v1/submissions") == 1
    assert [e.fault for e in proxy.log] == [Refuse(), None]


def test_refusing_closes_idle_keep_alive_connections_too(
    proxy: FaultProxy, session: requests.Session
) -> None:
    session.get(proxy.url + "/v1/health", timeout=CLIENT_TIMEOUT_S)

    with proxy.refusing(), pytest.raises(requests.ConnectionError):
        session.get(proxy.url + "/v1/health", timeout=CLIENT_TIMEOUT_S)
    after = session.get(proxy.url + "/v1/health", timeout=CLIENT_TIMEOUT_S)

    assert after.status_code == 200
    assert proxy.connections_accepted == 2


def test_reset_mid_request_errors_the_client_and_forwards_nothing(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(ResetMidRequest())

    with pytest.raises(requests.ConnectionError):
        _post(session, proxy, "/v1/submissions", "0123456789")

    assert platform.count("/v1/submissions") == 0
    [exchange] = proxy.log
    assert (exchange.body, exchange.upstream_statuses, exchange.client_status) == (
        b"01234",
        (),
        None,
    )


def test_reset_mid_request_is_a_tcp_reset_not_an_orderly_close(proxy: FaultProxy) -> None:
    proxy.inject(ResetMidRequest(body_bytes=2))
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=CLIENT_TIMEOUT_S) as raw:
        raw.sendall(b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab")
        proxy.wait_for_requests(1, timeout=CLIENT_TIMEOUT_S)

        with pytest.raises(ConnectionResetError):
            raw.recv(1024)


def test_hang_before_forward_times_the_client_out_and_the_platform_sees_nothing(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(HangBeforeForward(seconds=30))

    with pytest.raises(requests.ReadTimeout):
        session.post(proxy.url + "/v1/submissions", data=b"{}", timeout=SHORT_TIMEOUT_S)

    assert platform.count("/v1/submissions") == 0
    assert proxy.log[0].upstream_statuses == ()


def test_dropped_response_reaches_the_platform_but_resets_the_client(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(DropResponse())

    with pytest.raises(requests.ConnectionError):
        _post(session, proxy, "/v1/submissions", "{}")

    assert platform.count("/v1/submissions") == 1
    [exchange] = proxy.log
    assert (exchange.upstream_statuses, exchange.client_status) == ((200,), None)
    assert _post(session, proxy, "/v1/submissions", "{}").json()["seen"] == 2


def test_dropped_response_with_a_hang_times_the_client_out_after_the_commit(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(DropResponse(hang_s=30))

    with pytest.raises(requests.ReadTimeout):
        session.post(proxy.url + "/v1/submissions", data=b"{}", timeout=SHORT_TIMEOUT_S)

    assert platform.count("/v1/submissions") == 1


def test_respond_503_carries_retry_after_and_keeps_the_connection(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(Respond(503, {"Retry-After": "2"}))

    busy = _post(session, proxy, "/v1/submissions", "{}")
    after = _post(session, proxy, "/v1/submissions", "{}")

    assert (busy.status_code, busy.headers["Retry-After"], busy.content) == (503, "2", b"")
    assert after.status_code == 200
    assert platform.count("/v1/submissions") == 1
    assert proxy.connections_accepted == 1


def test_respond_json_gives_a_permanent_error_with_its_chinese_message(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    error = {"code": "invalid_body", "message": "请求格式不正确"}
    proxy.inject(Respond.json(400, error))

    response = _post(session, proxy, "/v1/submissions", "{}")

    assert (response.status_code, response.json()) == (400, error)
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert platform.count("/v1/submissions") == 0


def test_a_trickled_response_arrives_whole_but_slowly(
    proxy: FaultProxy, session: requests.Session
) -> None:
    proxy.inject(Trickle(bytes_per_chunk=500, delay_s=0.02))

    started = time.monotonic()
    response = session.get(proxy.url + "/big", timeout=CLIENT_TIMEOUT_S)
    elapsed = time.monotonic() - started

    assert response.json()["body"] == BIG_BODY
    # 6000 body bytes in 500-byte pieces is at least 11 pauses of 20 ms.
    assert elapsed >= 11 * 0.02


def test_a_trickled_request_reaches_the_platform_whole_but_slowly(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(Trickle(bytes_per_chunk=500, delay_s=0.02, direction="request"))

    started = time.monotonic()
    response = _post(session, proxy, "/v1/submissions", BIG_BODY)
    elapsed = time.monotonic() - started

    assert response.json() == {"seen": 1, "body": BIG_BODY}
    assert elapsed >= 11 * 0.02


@pytest.mark.parametrize(("relay", "answer_seen"), [("first", 1), ("second", 2)])
def test_a_duplicated_request_reaches_the_platform_twice_and_the_client_once(
    proxy: FaultProxy,
    platform: _Platform,
    session: requests.Session,
    relay: Literal["first", "second"],
    answer_seen: int,
) -> None:
    proxy.inject(Duplicate(relay=relay))

    response = _post(session, proxy, "/v1/submissions", "同一份申请")

    assert response.json() == {"seen": answer_seen, "body": "同一份申请"}
    assert platform.count("/v1/submissions") == 2
    assert proxy.log[0].upstream_statuses == (200, 200)


def test_a_concurrent_duplicate_has_both_copies_inside_the_platform_at_once(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    proxy.inject(Duplicate(concurrent=True))

    response = _post(session, proxy, "/together", "{}")

    assert response.status_code == 200
    assert platform.count("/together") == 2
    assert proxy.log[0].upstream_statuses == (200, 200)


def test_a_platform_restart_on_another_port_is_a_connection_error_until_followed(
    proxy: FaultProxy, platform: _Platform, session: requests.Session
) -> None:
    assert _post(session, proxy, "/v1/submissions", "{}").status_code == 200
    platform.close()

    with pytest.raises(requests.ConnectionError):
        _post(session, proxy, "/v1/submissions", "{}")
    restarted = _Platform()
    try:
        proxy.upstream = restarted.address
        after = _post(session, proxy, "/v1/submissions", "{}")
    finally:
        restarted.close()

    assert after.json()["seen"] == 1
    assert [e.error for e in proxy.log] == [None, "upstream unreachable", None]


def test_stop_ends_a_hang_at_once_and_leaves_no_thread_behind(
    platform: _Platform,
) -> None:
    proxy = FaultProxy(platform.address)
    proxy.start()
    proxy.inject(DropResponse(hang_s=30))
    errors: list[Exception] = []
    caller = threading.Thread(target=_post_catching, args=(proxy, errors))
    caller.start()
    proxy.wait_for_requests(1, timeout=CLIENT_TIMEOUT_S)

    started = time.monotonic()
    proxy.stop()
    stopped_in = time.monotonic() - started
    caller.join()

    assert stopped_in < 1.0
    assert [type(e) for e in errors] == [requests.ConnectionError]
    assert _proxy_threads(proxy.port) == []
