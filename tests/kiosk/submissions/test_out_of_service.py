"""The submission service takes nothing while the kiosk is out of service (暂停服务)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from kiosk.catalog import load_catalog
from kiosk.submissions.service import (
    FixedCatalog,
    KioskIdentity,
    OutOfService,
    SubmissionService,
)
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.kiosk_db import rows
from tests.helpers.sealed import TEST_SEALER


def test_out_of_service_a_submission_is_refused_before_anything_is_stored(engine: Engine) -> None:
    in_service = [False]
    printer = RecordingPrinter()
    identity = KioskIdentity(
        None, "大厅", "12345", ZoneInfo("Asia/Shanghai"), "https://x/{case_number}"
    )
    service = SubmissionService(
        FixedCatalog(load_catalog()),
        SubmissionStore(engine, None, TEST_SEALER),
        printer,
        identity,
        in_service=lambda: in_service[0],
    )

    with pytest.raises(OutOfService) as refused:
        service.submit(ELDERLY_MATTER, elderly_application())

    assert "暂停服务" in str(refused.value) and "其他自助终端" in str(refused.value)
    assert rows(engine) == [] and printer.receipts == []
    in_service[0] = True
    assert service.submit(ELDERLY_MATTER, elderly_application()).case_number
