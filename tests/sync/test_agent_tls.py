"""HTTPS as the agent uses it: the platform's certificate is checked against the configured
CA bundle, and the terminal shows its own certificate when the platform asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.doctor_platform import platform_checks
from kiosk.submissions.states import SubmissionState
from sync.platform.server import TlsFiles
from tests.helpers.network.tls import TestPki, make_pki
from tests.helpers.platform.agent_kiosk import agent_kiosk, platform_cases, platform_on_sqlite


@pytest.fixture
def pki(tmp_path: Path) -> TestPki:
    return make_pki(tmp_path / "pki")


def test_https_with_the_platforms_ca_bundle_delivers(tmp_path: Path, pki: TestPki) -> None:
    tls = TlsFiles(pki.server_cert, pki.server_key)
    with (
        platform_on_sqlite(tmp_path / "platform", tls) as platform,
        agent_kiosk(platform, ca_bundle=pki.ca_cert) as kiosk,
    ):
        assert platform.url.startswith("https://")
        case_number = kiosk.submit()
        summary = kiosk.agent.run_once()
        assert summary.ok, summary.error
        assert kiosk.state(case_number) is SubmissionState.DELIVERED
        assert len(platform_cases(platform)) == 1


def test_a_certificate_from_another_ca_is_refused_and_names_the_setting(
    tmp_path: Path, pki: TestPki
) -> None:
    stranger = make_pki(tmp_path / "other-pki")
    tls = TlsFiles(pki.server_cert, pki.server_key)
    with (
        platform_on_sqlite(tmp_path / "platform", tls) as platform,
        agent_kiosk(platform, ca_bundle=stranger.ca_cert) as kiosk,
    ):
        case_number = kiosk.submit()
        summary = kiosk.agent.run_once()
        assert not summary.ok
        assert "certificate verify failed — check platform.ca_bundle" in (summary.error or "")
        assert kiosk.state(case_number) is SubmissionState.QUEUED
        doctor = {check.name: check for check in platform_checks(kiosk.settings)}
    assert platform_cases(platform) == []
    assert not doctor["platform"].ok
    assert "check platform.ca_bundle" in doctor["platform"].detail


def test_a_platform_that_requires_a_client_certificate_gets_the_terminals(
    tmp_path: Path, pki: TestPki
) -> None:
    tls = TlsFiles(pki.server_cert, pki.server_key, client_ca=pki.ca_cert)
    with platform_on_sqlite(tmp_path / "platform", tls) as platform:
        with agent_kiosk(platform, ca_bundle=pki.ca_cert) as without:
            case_number = without.submit()
            refused = without.agent.run_once()
            assert not refused.ok
            assert "platform.client_cert" in (refused.error or "")
            assert without.state(case_number) is SubmissionState.QUEUED
        with agent_kiosk(
            platform,
            ca_bundle=pki.ca_cert,
            client_cert=pki.client_cert,
            client_key=pki.client_key,
        ) as kiosk:
            summary = kiosk.agent.run_once()
            assert summary.ok, summary.error
            assert kiosk.state(case_number) is SubmissionState.DELIVERED
