"""How the client reads each kind of answer: what is worth retrying, what is final, and what
it takes to get a clock that is off back in step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from kiosk.crypto import DEFAULT_SUITE, KeyPair, suite_named
from sync.contract import Heartbeat, HeartbeatAck, SubmissionItem
from sync.failures import AuthRefused, PermanentFailure, TransientFailure
from sync.http import Link
from sync.platform_client import PlatformClient, probe
from sync.signing import (
    NONCE_HEADER,
    TIMESTAMP_HEADER,
    read_signed_headers,
    verify_request,
)
from tests.helpers.network.ports import free_port
from tests.helpers.platform.scripted_server import Reply, ScriptedServer, scripted_server

SUITE = suite_named(DEFAULT_SUITE)
KEY = SUITE.new_signing_key()
NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
SEALED = {
    "suite": DEFAULT_SUITE,
    "key_id": "0123456789abcdef",
    "ephemeral_key": "AA==",
    "wrapped_key": "AA==",
    "nonce": "AA==",
    "ciphertext": "AA==",
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as running:
        yield running


def client_for(url: str, clock_s: float = NOW.timestamp(), key: KeyPair = KEY) -> PlatformClient:
    link = Link(url, timeout_s=0.5)
    return PlatformClient(link, suite=SUITE, terminal_id="T0A1B2C3", key=key, clock=lambda: clock_s)


def item(n: int = 1) -> SubmissionItem:
    return SubmissionItem.model_validate(
        {
            "idempotency_key": f"00000000-0000-4000-8000-{n:012d}",
            "case_number": f"T0A1B2C3-20261123-{n:06d}",
            "matter_code": "M-1",
            "catalog_version": "2026.11.1",
            "submitted_at": NOW,
            "sealed": SEALED,
        }
    )


def stored(n: int = 1) -> dict[str, object]:
    return {
        "idempotency_key": item(n).idempotency_key,
        "outcome": "stored",
        "case_id": f"P-{n}",
    }


def error(code: str, message: str, **extra: object) -> dict[str, object]:
    return {"error": {"code": code, "message": message, **extra}}


def test_a_batch_is_signed_over_the_exact_bytes_sent(server: ScriptedServer) -> None:
    server.script(Reply(200, {"results": [stored(1), stored(2)]}))
    result = client_for(server.url).deliver_submissions([item(1), item(2)])
    assert [r.case_id for r in result.results] == ["P-1", "P-2"]
    sent = server.received[0]
    assert sent.method == "POST"
    assert sent.path == "/v1/submissions"
    verify_request(
        SUITE,
        KEY.public,
        read_signed_headers(sent.headers),
        method="POST",
        path=sent.path,
        body=sent.body,
        now=NOW.timestamp(),
    )


def test_the_signed_path_includes_the_query_string(server: ScriptedServer) -> None:
    server.script(Reply(200, {"updates": [], "last": 7}))
    client_for(server.url).case_updates(after=7, limit=100)
    sent = server.received[0]
    assert sent.path == "/v1/cases/updates?after=7&limit=100"
    verify_request(
        SUITE,
        KEY.public,
        read_signed_headers(sent.headers),
        method="GET",
        path=sent.path,
        body=b"",
        now=NOW.timestamp(),
    )


def test_a_server_error_is_transient(server: ScriptedServer) -> None:
    server.script(Reply(500, "Internal Server Error"))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert "HTTP 500" in failure.value.reason
    assert failure.value.retry_after_s is None


def test_unavailable_with_retry_after_seconds_says_how_long_to_wait(
    server: ScriptedServer,
) -> None:
    server.script(Reply(503, error("unavailable", "maintenance"), {"Retry-After": "120"}))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert failure.value.retry_after_s == 120.0
    assert "maintenance" in failure.value.reason


def test_too_many_requests_with_an_http_date_is_measured_on_the_platforms_clock(
    server: ScriptedServer,
) -> None:
    platform_now = datetime.now(UTC).replace(microsecond=0)
    headers = {
        "Date": format_datetime(platform_now, usegmt=True),
        "Retry-After": format_datetime(platform_now + timedelta(seconds=45), usegmt=True),
    }
    server.script(Reply(429, "slow down", headers))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert failure.value.retry_after_s == 45.0


def test_a_bad_request_is_permanent_with_the_platforms_code(server: ScriptedServer) -> None:
    server.script(Reply(400, error("malformed", "items[0].sealed: missing")))
    with pytest.raises(PermanentFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert (failure.value.status, failure.value.code) == (400, "malformed")
    assert failure.value.message == "items[0].sealed: missing"


def test_a_framework_validation_error_is_permanent_and_readable(server: ScriptedServer) -> None:
    server.script(Reply(422, {"detail": [{"loc": ["body", "items"], "msg": "too long"}]}))
    with pytest.raises(PermanentFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert failure.value.code == "http_422"
    assert "too long" in failure.value.message


def test_a_refusal_from_something_in_between_is_not_the_items_fault(
    server: ScriptedServer,
) -> None:
    gateway_page = "<html><body>400 The plain HTTP request was sent to HTTPS port</body></html>"
    server.script(Reply(400, gateway_page))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert not isinstance(failure.value, PermanentFailure)
    assert "not from the platform" in failure.value.reason


def test_a_missing_endpoint_is_not_the_items_fault(server: ScriptedServer) -> None:
    server.script(Reply(404, "Not Found"))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert "check platform.url" in failure.value.reason


def test_a_stale_timestamp_is_corrected_and_the_request_retried_once(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk_clock = NOW.timestamp() + 600  # ten minutes fast
    server.script(
        Reply(401, error("stale_timestamp", "too far", platform_time=NOW.isoformat())),
        Reply(200, {"received_at": NOW.isoformat()}),
        Reply(200, {"received_at": NOW.isoformat()}),
    )
    client = client_for(server.url, clock_s=kiosk_clock)
    ack = client.send_heartbeat(heartbeat())
    assert ack == HeartbeatAck(received_at=NOW)
    first, retried = server.received
    assert first.headers[TIMESTAMP_HEADER] == str(round(kiosk_clock))
    assert retried.headers[TIMESTAMP_HEADER] == str(round(NOW.timestamp()))
    assert retried.headers[NONCE_HEADER] != first.headers[NONCE_HEADER]
    assert client.clock_offset_s == 600
    assert "kiosk clock is 600 s off the platform's; check time sync" in caplog.text
    client.send_heartbeat(heartbeat())  # the correction stays in force
    assert server.received[2].headers[TIMESTAMP_HEADER] == str(round(NOW.timestamp()))


def test_a_stale_timestamp_is_retried_only_once(server: ScriptedServer) -> None:
    stale = Reply(401, error("stale_timestamp", "too far", platform_time=NOW.isoformat()))
    server.script(stale, stale)
    with pytest.raises(AuthRefused) as failure:
        client_for(server.url, clock_s=NOW.timestamp() + 600).send_heartbeat(heartbeat())
    assert "time sync" in failure.value.reason
    assert len(server.received) == 2


def test_an_unknown_terminal_is_told_to_enrol_its_key(server: ScriptedServer) -> None:
    server.script(Reply(401, error("unknown_terminal", "T0A1B2C3 is not enrolled")))
    with pytest.raises(AuthRefused) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert failure.value.code == "unknown_terminal"
    assert "kiosk keys terminal" in failure.value.reason
    assert len(server.received) == 1


def test_auth_refusals_are_transient_so_nothing_is_quarantined_for_them() -> None:
    assert issubclass(AuthRefused, TransientFailure)


def test_a_body_that_cannot_be_read_is_transient(server: ScriptedServer) -> None:
    server.script(Reply(200, "<html>captive portal</html>"))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert "cannot read" in failure.value.reason


def test_a_redirect_is_not_followed(server: ScriptedServer) -> None:
    server.script(Reply(302, "", {"Location": "http://elsewhere.invalid/"}))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert "302" in failure.value.reason
    assert len(server.received) == 1


def test_an_unchanged_catalog_is_none(server: ScriptedServer) -> None:
    server.script(Reply(304))
    assert client_for(server.url).current_catalog(have="2026.11.1") is None
    assert server.received[0].path == "/v1/catalog/current?have=2026.11.1"


def test_a_refused_connection_is_transient() -> None:
    with pytest.raises(TransientFailure) as failure:
        client_for(f"http://127.0.0.1:{free_port()}").deliver_submissions([item()])
    assert "cannot connect (ConnectionRefusedError" in failure.value.reason


def test_no_answer_within_the_timeout_is_transient(server: ScriptedServer) -> None:
    server.script(Reply(200, hang=True))
    with pytest.raises(TransientFailure) as failure:
        client_for(server.url).deliver_submissions([item()])
    assert "no answer within 0.5 s" in failure.value.reason


def test_the_health_probe_reports_the_platforms_clock(server: ScriptedServer) -> None:
    server.script(Reply(200, {"status": "ok", "time": NOW.isoformat()}))
    result = probe(Link(server.url), clock=lambda: NOW.timestamp() + 42)
    assert result.reachable
    assert result.clock_offset_s == 42
    assert "X-Kiosk-Signature" not in server.received[0].headers


def heartbeat() -> Heartbeat:
    return Heartbeat(
        terminal_id="T0A1B2C3",
        software_version="0.1.0",
        catalog_version="2026.11.1",
        sent_at=NOW,
        queue={"queued": 0},
        ratings_queued=0,
        devices={},
    )
