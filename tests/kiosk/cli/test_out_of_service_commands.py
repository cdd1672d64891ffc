"""Out of service (暂停服务), the kiosk takes no application by any path: `kiosk submit` refuses
with words that say why and how it comes back, and stores nothing."""

from __future__ import annotations

from pathlib import Path

from kiosk.audit.trail import MemoryAuditTrail
from kiosk.service_state import ServiceSwitch
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json


def test_submit_is_refused_out_of_service_and_accepted_once_back(
    kiosk: Kiosk, isolated_environment: Path
) -> None:
    switch = ServiceSwitch(isolated_environment, MemoryAuditTrail())
    switch.set_in_service(False, actor="S001")

    refused = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json())

    assert refused.returncode == 1
    assert "暂停服务" in refused.stderr and "staff console" in refused.stderr
    assert refused.stdout == ""
    assert '"queued": 0' in kiosk("queue", "status", "--json").stdout

    switch.set_in_service(True, actor="S001")
    accepted = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json())
    assert accepted.returncode == 0, accepted.stderr
