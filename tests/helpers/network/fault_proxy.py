"""A fault-injecting HTTP reverse proxy on loopback, put between the sync agent and the platform.

The agent's promise (every submission reaches the platform exactly once, nothing is lost on the
kiosk) only means something if it holds when the network misbehaves. This proxy makes the
network misbehave on cue and deterministically: a test scripts faults with `inject()`, each one
consumed by the next matching request, and every other request passes through untouched.

The proxy speaks just enough HTTP/1.1 to know where requests and responses end: keep-alive
connections from the client, Content-Length request bodies, Content-Length, chunked, empty and
read-to-close response bodies. Method, target, end-to-end headers and body are relayed byte for
byte, so signed requests still verify. Each forwarded request gets a fresh upstream connection,
which makes `proxy.upstream = (host, port)` take effect at once (a platform restarted on
another port).

When the upstream cannot be reached, or dies before it has answered, the proxy closes the
client's connection without answering, so the client sees a connection error, as it would
talking to the platform directly. A 502 from a gateway is scripted with `Respond(502)`.

Every exchange is logged as soon as its outcome is decided and before the client is answered,
so a test holding a response (or an exception) can read `proxy.log` without waiting.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, BinaryIO, Literal

from drivers.closing import StopsOnExit

LOOPBACK = "127.0.0.1"
# Generous for a platform on loopback; only reached if a test forgets to answer upstream.
UPSTREAM_TIMEOUT_S = 30.0
_MAX_LINE = 65536
_MAX_HEADERS = 200
# Headers that describe one connection, not the message: never carried across the proxy.
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection"})


@dataclass(frozen=True)
class Refuse:
    """The proxy stops listening: this request is dropped unanswered, every open connection is
    closed and new ones get ECONNREFUSED until `accept_again()`."""


@dataclass(frozen=True)
class ResetMidRequest:
    """After the headers and `body_bytes` of the body (half when None), the client gets a TCP
    RST. Nothing is forwarded."""

    body_bytes: int | None = None


@dataclass(frozen=True)
class HangBeforeForward:
    """The request is read but never forwarded nor answered; after `seconds` the connection is
    closed. A client with a shorter timeout sees a read timeout, and the platform saw nothing."""

    seconds: float


@dataclass(frozen=True)
class DropResponse:
    """The lost acknowledgement: the platform gets the request and answers (it has committed),
    but the answer never reaches the client. With `hang_s` 0 the client is reset at once;
    otherwise the connection stays silent for `hang_s` (the client times out), then closes."""

    hang_s: float = 0.0


@dataclass(frozen=True)
class Respond:
    """The proxy answers itself and forwards nothing (a 5xx, a 429, a permanent 400).

    Content-Length is added; the client connection stays open unless `headers` say otherwise.
    """

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def json(cls, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Respond:
        """A JSON error body such as the platform's, kept in UTF-8 so Chinese stays readable."""
        return cls(
            status,
            {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
            json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        )


@dataclass(frozen=True)
class Trickle:
    """A slow link: bytes cross it `bytes_per_chunk` at a time with `delay_s` between chunks,
    on the way back (`response`), on the way up (`request`) or both."""

    bytes_per_chunk: int = 64
    delay_s: float = 0.02
    direction: Literal["response", "request", "both"] = "response"


@dataclass(frozen=True)
class Duplicate:
    """The platform gets the request twice and the client one answer, chosen by `relay`.

    Sequentially the second copy leaves after the first answer came back (a retransmission);
    `concurrent` sends both copies at once. The copies are byte-identical, signature and nonce
    included, which is what a duplicating network produces.
    """

    concurrent: bool = False
    relay: Literal["first", "second"] = "first"


Fault = Refuse | ResetMidRequest | HangBeforeForward | DropResponse | Respond | Trickle | Duplicate


@dataclass(frozen=True)
class Exchange:
    """One request the proxy saw, and what became of it."""

    method: str
    path: str
    fault: Fault | None
    # Every answer the upstream gave to it: none when it was not forwarded, two for a Duplicate.
    upstream_statuses: tuple[int, ...]
    # The status the client was sent; None when it got no answer at all.
    client_status: int | None
    # Why a forwarded request got no upstream answer, e.g. "upstream unreachable".
    error: str | None = None
    body: bytes = field(default=b"", repr=False)

    @property
    def forwarded(self) -> int:
        """How many times the upstream answered this request."""
        return len(self.upstream_statuses)


class UpstreamUnavailable(Exception):
    """The upstream refused the connection, closed it early or did not answer in time."""


@dataclass
class _Request:
    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes = b""

    @property
    def content_length(self) -> int:
        value = _header(self.headers, "Content-Length")
        return int(value) if value is not None else 0

    @property
    def client_keeps_alive(self) -> bool:
        tokens = _connection_tokens(self.headers)
        if self.version == "HTTP/1.0":
            return "keep-alive" in tokens
        return "close" not in tokens

    def upstream_bytes(self) -> bytes:
        """The request as the upstream gets it: unchanged but for one fresh connection each."""
        headers = [*_end_to_end(self.headers), ("Connection", "close")]
        return _head(f"{self.method} {self.target} {self.version}", headers) + self.body


@dataclass
class _Response:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    # The body exactly as framed on the wire (chunk sizes and trailers included when chunked).
    raw_body: bytes
    framing: Literal["length", "chunked", "none"]

    def client_bytes(self, *, keep_alive: bool) -> bytes:
        """The response for the client; a read-to-close body gets a length so keep-alive holds."""
        headers = _end_to_end(self.headers)
        if self.framing == "none":
            headers.append(("Content-Length", str(len(self.raw_body))))
        if not keep_alive:
            headers.append(("Connection", "close"))
        return _head(f"HTTP/1.1 {self.status} {self.reason}", headers) + self.raw_body


@dataclass(eq=False)  # kept in a set by identity
class _Connection:
    """A client connection and the upstream sockets working for it, so stop() can end both."""

    sock: socket.socket
    closed: threading.Event = field(default_factory=threading.Event)
    upstreams: set[socket.socket] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def shut(self) -> None:
        """Wake every thread blocked on this connection; the owning thread closes the sockets."""
        self.closed.set()
        with self.lock:
            sockets = [self.sock, *self.upstreams]
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@dataclass
class _Pending:
    fault: Fault
    path_prefix: str | None
    remaining: int | None


class FaultProxy(StopsOnExit):
    """A reverse proxy on 127.0.0.1 that forwards to `upstream` except where a fault is due.

    Use as a context manager (or start()/stop()); `url` is what the client is pointed at.
    """

    def __init__(self, upstream: tuple[str, int]) -> None:
        self._upstream = upstream
        self._lock = threading.Lock()
        self._log_changed = threading.Condition(self._lock)
        self._faults: list[_Pending] = []
        self._log: list[Exchange] = []
        self._connections: set[_Connection] = set()
        self._threads: set[threading.Thread] = set()
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._port = 0
        self._accepted = 0

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Listen on a free loopback port, kept for the proxy's life (refusals included)."""
        self._stopping.clear()
        self._listen()

    def stop(self) -> None:
        """Close everything and join every thread, ending hangs and trickles early."""
        self._stopping.set()
        self._close_listener()
        with self._lock:
            connections = list(self._connections)
            threads = list(self._threads)
        for connection in connections:
            connection.shut()
        for thread in threads:
            thread.join(timeout=5.0)

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self._port}"

    @property
    def upstream(self) -> tuple[str, int]:
        with self._lock:
            return self._upstream

    @upstream.setter
    def upstream(self, address: tuple[str, int]) -> None:
        """Point at another platform; requests already forwarded finish where they went."""
        with self._lock:
            self._upstream = address

    @property
    def connections_accepted(self) -> int:
        """Client connections accepted so far, to see whether the client reuses them."""
        with self._lock:
            return self._accepted

    # -- refusing ------------------------------------------------------------------------

    def refuse(self) -> None:
        """Stop listening now: open connections are closed, new ones are refused."""
        self._close_listener()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.shut()

    def accept_again(self) -> None:
        """Listen again on the same port after a refusal."""
        with self._lock:
            listening = self._listener is not None
        if not listening and not self._stopping.is_set():
            self._listen()

    @contextmanager
    def refusing(self) -> Iterator[None]:
        """Connections are refused inside the block."""
        self.refuse()
        try:
            yield
        finally:
            self.accept_again()

    # -- the script ----------------------------------------------------------------------

    def inject(
        self, fault: Fault, *, path_prefix: str | None = None, times: int | None = 1
    ) -> None:
        """Queue `fault` for the next `times` requests whose path starts with `path_prefix`
        (any path when None; every matching request until clear_faults() when times is None).

        Faults are consumed in the order injected; a request no fault matches passes through.
        """
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(_Pending(fault, path_prefix, times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def pending_faults(self) -> list[Fault]:
        """Faults still waiting for a request, to check that a scenario played out fully."""
        with self._lock:
            return [pending.fault for pending in self._faults]

    @property
    def log(self) -> list[Exchange]:
        with self._lock:
            return list(self._log)

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> list[Exchange]:
        """Block until `count` exchanges are logged; TimeoutError if they are not in time."""
        with self._log_changed:
            if not self._log_changed.wait_for(lambda: len(self._log) >= count, timeout):
                raise TimeoutError(f"{len(self._log)} of {count} requests within {timeout} s")
            return list(self._log)

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for pending in self._faults:
                if pending.path_prefix is None or path.startswith(pending.path_prefix):
                    if pending.remaining is not None:
                        pending.remaining -= 1
                        if pending.remaining == 0:
                            self._faults.remove(pending)
                    return pending.fault
            return None

    def _record(self, exchange: Exchange) -> None:
        with self._log_changed:
            self._log.append(exchange)
            self._log_changed.notify_all()

    # -- listening -----------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, self._port))
        listener.listen(64)
        self._port = listener.getsockname()[1]
        thread = threading.Thread(
            target=self._accept_loop, args=(listener,), name=f"fault-proxy-accept-{self._port}"
        )
        thread.daemon = True
        with self._lock:
            self._listener = listener
            self._accept_thread = thread
        thread.start()

    def _close_listener(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            thread, self._accept_thread = self._accept_thread, None
        if listener is None:
            return
        # On Linux shutdown() wakes a blocked accept(); close() alone would not.
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            connection = _Connection(sock)
            with self._lock:
                if self._listener is not listener:
                    # Refused or stopped between accept() and here: this one must not live.
                    sock.close()
                    return
                self._accepted += 1
                thread = threading.Thread(
                    target=self._serve,
                    args=(connection,),
                    name=f"fault-proxy-conn-{self._port}-{self._accepted}",
                )
                thread.daemon = True
                self._connections.add(connection)
                self._threads.add(thread)
            thread.start()

    # -- one client connection -----------------------------------------------------------

    def _serve(self, connection: _Connection) -> None:
        reader = connection.sock.makefile("rb")
        reset = False
        try:
            while not connection.closed.is_set():
                request = _read_request_head(reader)
                if request is None:
                    break
                keep_alive, reset = self._handle(connection, reader, request)
                if not keep_alive:
                    break
        except (OSError, ValueError):
            pass  # the client went away or spoke nonsense; either way the connection ends
        finally:
            reader.close()
            if reset:
                _reset_on_close(connection.sock)
            connection.sock.close()
            with self._lock:
                self._connections.discard(connection)
                self._threads.discard(threading.current_thread())

    def _handle(
        self, connection: _Connection, reader: BinaryIO, request: _Request
    ) -> tuple[bool, bool]:
        """Apply the fault due, if any; returns (keep the connection, end it with a reset)."""
        fault = self._take_fault(request.target)
        if isinstance(fault, ResetMidRequest):
            length = request.content_length
            part = fault.body_bytes if fault.body_bytes is not None else length // 2
            request.body = _read_exact(reader, min(part, length))
            self._record(_exchange(request, fault))
            return False, True
        if _header(request.headers, "Transfer-Encoding") is not None:
            raise ValueError("chunked request bodies are not supported")
        request.body = _read_exact(reader, request.content_length)
        if isinstance(fault, Refuse | HangBeforeForward | Respond):
            return self._answer_alone(connection, request, fault), False
        return self._answer_from_upstream(connection, request, fault)

    def _answer_alone(
        self,
        connection: _Connection,
        request: _Request,
        fault: Refuse | HangBeforeForward | Respond,
    ) -> bool:
        """The faults that never reach the upstream; returns whether to keep the connection."""
        self._record(
            _exchange(
                request, fault, client_status=fault.status if isinstance(fault, Respond) else None
            )
        )
        if isinstance(fault, Refuse):
            self.refuse()
            return False
        if isinstance(fault, HangBeforeForward):
            connection.closed.wait(fault.seconds)
            return False
        response = _canned(fault)
        keep_alive = request.client_keeps_alive and "close" not in _connection_tokens(
            response.headers
        )
        connection.sock.sendall(response.client_bytes(keep_alive=keep_alive))
        return keep_alive

    def _answer_from_upstream(
        self,
        connection: _Connection,
        request: _Request,
        fault: DropResponse | Trickle | Duplicate | None,
    ) -> tuple[bool, bool]:
        trickle = fault if isinstance(fault, Trickle) else None
        duplicate = fault if isinstance(fault, Duplicate) else None
        try:
            first, second = self._forward(connection, request, trickle, duplicate)
        except UpstreamUnavailable as exc:
            self._record(_exchange(request, fault, error=str(exc)))
            return False, False
        statuses = (first.status,) if second is None else (first.status, second.status)

        if isinstance(fault, DropResponse):
            self._record(_exchange(request, fault, statuses))
            if fault.hang_s > 0:
                # Silent until the client gives up; refuse() and stop() end it early.
                connection.closed.wait(fault.hang_s)
                return False, False
            return False, True

        relayed = second if duplicate is not None and duplicate.relay == "second" else None
        relayed = relayed or first
        keep_alive = request.client_keeps_alive
        self._record(_exchange(request, fault, statuses, client_status=relayed.status))
        payload = relayed.client_bytes(keep_alive=keep_alive)
        if trickle is not None and trickle.direction != "request":
            _trickle(connection, connection.sock, payload, trickle)
        else:
            connection.sock.sendall(payload)
        return keep_alive, False

    # -- upstream ------------------------------------------------------------------------

    def _forward(
        self,
        connection: _Connection,
        request: _Request,
        trickle: Trickle | None,
        duplicate: Duplicate | None,
    ) -> tuple[_Response, _Response | None]:
        """Send the request upstream, twice for a Duplicate: the first copy's failure is raised,
        the second's is a None in its place (the client gets the first answer instead)."""
        if duplicate is None:
            return self._exchange_upstream(connection, request, trickle), None
        second: list[_Response | None] = [None]

        def send_second() -> None:
            with suppress(UpstreamUnavailable):
                second[0] = self._exchange_upstream(connection, request, trickle)

        if not duplicate.concurrent:
            first = self._exchange_upstream(connection, request, trickle)
            send_second()
            return first, second[0]
        helper = threading.Thread(
            target=send_second, name=f"fault-proxy-duplicate-{self._port}", daemon=True
        )
        helper.start()
        try:
            first = self._exchange_upstream(connection, request, trickle)
        finally:
            helper.join()
        return first, second[0]

    def _exchange_upstream(
        self, connection: _Connection, request: _Request, trickle: Trickle | None
    ) -> _Response:
        try:
            sock = socket.create_connection(self.upstream, timeout=UPSTREAM_TIMEOUT_S)
        except OSError as exc:
            raise UpstreamUnavailable("upstream unreachable") from exc
        with connection.lock:
            connection.upstreams.add(sock)
        reader = sock.makefile("rb")
        try:
            data = request.upstream_bytes()
            if trickle is not None and trickle.direction != "response":
                _trickle(connection, sock, data, trickle)
            else:
                sock.sendall(data)
            return _read_response(reader, head_request=request.method == "HEAD")
        except (OSError, ValueError) as exc:
            raise UpstreamUnavailable(f"upstream failed: {exc}") from exc
        finally:
            with connection.lock:
                connection.upstreams.discard(sock)
            reader.close()
            sock.close()


# -- HTTP/1.1 framing --------------------------------------------------------------------


def _exchange(
    request: _Request,
    fault: Fault | None,
    statuses: tuple[int, ...] = (),
    *,
    client_status: int | None = None,
    error: str | None = None,
) -> Exchange:
    path = request.target.split("?", 1)[0]
    return Exchange(request.method, path, fault, statuses, client_status, error, request.body)


def _read_line(reader: BinaryIO) -> bytes:
    line = reader.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise ValueError("line too long")
    return line


def _read_headers(reader: BinaryIO) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    while True:
        line = _read_line(reader)
        if line in (b"\r\n", b"\n"):
            return headers
        if not line:
            raise ValueError("connection closed inside the headers")
        if len(headers) >= _MAX_HEADERS:
            raise ValueError("too many headers")
        name, sep, value = line.decode("latin-1").partition(":")
        if not sep:
            raise ValueError(f"malformed header line {line!r}")
        headers.append((name.strip(), value.strip()))


def _read_request_head(reader: BinaryIO) -> _Request | None:
    """The next request's line and headers; None when the client closed between requests."""
    line = _read_line(reader)
    while line in (b"\r\n", b"\n"):  # stray blank lines between requests are allowed
        line = _read_line(reader)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    if len(parts) != 3:
        raise ValueError(f"malformed request line {line!r}")
    method, target, version = parts
    return _Request(method, target, version, _read_headers(reader))


def _read_response(reader: BinaryIO, *, head_request: bool) -> _Response:
    while True:
        line = _read_line(reader)
        if not line:
            raise ValueError("upstream closed before answering")
        version, _, rest = line.decode("latin-1").rstrip("\r\n").partition(" ")
        code, _, reason = rest.partition(" ")
        if not version.startswith("HTTP/") or not code.isdigit():
            raise ValueError(f"malformed status line {line!r}")
        status = int(code)
        headers = _read_headers(reader)
        if not 100 <= status < 200:
            break  # interim 1xx answers are the proxy's business, not the client's
    if head_request or status in (204, 304):
        return _Response(status, reason, headers, b"", "length")
    encoding = _header(headers, "Transfer-Encoding")
    if encoding is not None and "chunked" in encoding.lower():
        return _Response(status, reason, headers, _read_chunked_raw(reader), "chunked")
    length = _header(headers, "Content-Length")
    if length is not None:
        return _Response(status, reason, headers, _read_exact(reader, int(length)), "length")
    return _Response(status, reason, headers, reader.read(), "none")


def _read_chunked_raw(reader: BinaryIO) -> bytes:
    """A chunked body with its framing kept, so the client gets the chunks the upstream sent."""
    raw = bytearray()
    while True:
        size_line = _read_line(reader)
        if not size_line:
            raise ValueError("connection closed inside a chunked body")
        raw += size_line
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            break
        raw += _read_exact(reader, size + 2)  # the chunk and its CRLF
    while True:  # trailers, then the blank line that ends the body
        line = _read_line(reader)
        if not line:
            raise ValueError("connection closed inside chunked trailers")
        raw += line
        if line in (b"\r\n", b"\n"):
            return bytes(raw)


def _read_exact(reader: BinaryIO, size: int) -> bytes:
    data = reader.read(size) if size > 0 else b""
    if len(data) != size:
        raise ValueError(f"connection closed after {len(data)} of {size} bytes")
    return data


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    return next((v for k, v in headers if k.lower() == lowered), None)


def _connection_tokens(headers: list[tuple[str, str]]) -> set[str]:
    return {
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
    }


def _end_to_end(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers that belong to the message, dropping those about this hop's connection."""
    named = _connection_tokens(headers)
    return [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP | named]


def _head(start_line: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [start_line, *(f"{name}: {value}" for name, value in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _canned(fault: Respond) -> _Response:
    try:
        reason = HTTPStatus(fault.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [(k, v) for k, v in fault.headers.items() if k.lower() != "content-length"]
    headers.append(("Content-Length", str(len(fault.body))))
    return _Response(fault.status, reason, headers, fault.body, "length")


def _trickle(connection: _Connection, sock: socket.socket, data: bytes, trickle: Trickle) -> None:
    step = max(1, trickle.bytes_per_chunk)
    for start in range(0, len(data), step):
        if start and connection.closed.wait(trickle.delay_s):
            raise OSError("connection closed while trickling")
        sock.sendall(data[start : start + step])


def _reset_on_close(sock: socket.socket) -> None:
    """SO_LINGER 0: the coming close() sends the peer a TCP RST rather than an orderly FIN."""
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
