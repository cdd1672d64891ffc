"""The platform check after provisioning: through the bundle's CA, reachable or why not."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.provisioning.reach import platform_reachability
from tests.helpers.network.ports import free_port
from tests.helpers.network.tls import TestPki, make_pki


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/v1/health" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def pki(tmp_path: Path) -> TestPki:
    return make_pki(tmp_path)


@pytest.fixture
def https_platform(pki: TestPki) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.server_cert, pki.server_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_platform_answering_through_the_bundles_ca_is_reachable(
    https_platform: str, pki: TestPki
) -> None:
    reach = platform_reachability(https_platform, pki.ca_cert)

    assert reach.reachable
    assert reach.detail.endswith("answered HTTP 200")


def test_a_certificate_the_bundles_ca_did_not_sign_is_not_reachable(
    https_platform: str, tmp_path: Path
) -> None:
    other = make_pki(tmp_path / "other")

    reach = platform_reachability(https_platform, other.ca_cert)

    assert not reach.reachable
    assert "TLS refused" in reach.detail


def test_nothing_listening_is_not_reachable(pki: TestPki) -> None:
    reach = platform_reachability(f"https://127.0.0.1:{free_port()}", pki.ca_cert)

    assert not reach.reachable
    assert "cannot connect" in reach.detail
