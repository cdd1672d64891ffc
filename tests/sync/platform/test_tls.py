"""The platform over HTTPS, with and without client certificates required."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from sync.contract import HEALTH_PATH, SUBMISSIONS_PATH, BatchResult, ItemOutcome
from sync.platform.server import TlsFiles
from tests.helpers.network.tls import make_pki
from tests.helpers.platform.builders import KioskTerminal, batch, post_signed, sealed_item
from tests.helpers.platform.reference import running_platform


def test_https_with_the_platforms_ca_bundle_carries_a_signed_submission(
    tmp_path: Path, postgres_url: str
) -> None:
    pki = make_pki(tmp_path / "pki")
    with running_platform(postgres_url, tls=TlsFiles(pki.server_cert, pki.server_key)) as p:
        assert p.url.startswith("https://")
        terminal = p.enrol(KioskTerminal.new())
        response = post_signed(
            p.url, terminal, SUBMISSIONS_PATH, batch(sealed_item()), verify=str(pki.ca_cert)
        )
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(p.url + HEALTH_PATH, timeout=10)  # the system CAs do not know it
    assert response.status_code == 200, response.text
    assert BatchResult.model_validate_json(response.content).results[0].outcome is (
        ItemOutcome.STORED
    )


def test_a_client_without_a_certificate_is_refused_when_one_is_required(
    tmp_path: Path, postgres_url: str
) -> None:
    pki = make_pki(tmp_path / "pki")
    tls = TlsFiles(pki.server_cert, pki.server_key, client_ca=pki.ca_cert)
    with running_platform(postgres_url, tls=tls) as p:
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(p.url + HEALTH_PATH, verify=str(pki.ca_cert), timeout=10)
        shown = requests.get(
            p.url + HEALTH_PATH,
            verify=str(pki.ca_cert),
            cert=(str(pki.client_cert), str(pki.client_key)),
            timeout=10,
        )
    assert shown.status_code == 200
