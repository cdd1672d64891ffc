"""Fixtures for the console's services: a submission service on a fresh database, with the
recording printer its receipts go to."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from kiosk.audit.trail import MemoryAuditTrail
from kiosk.catalog import load_catalog
from kiosk.submissions.service import FixedCatalog, KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore
from tests.helpers.data import FIXED_NOW
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.sealed import TEST_SEALER


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def audit() -> MemoryAuditTrail:
    return MemoryAuditTrail()


@pytest.fixture
def submissions(
    engine: Engine, printer: RecordingPrinter, audit: MemoryAuditTrail
) -> SubmissionService:
    identity = KioskIdentity(
        "KSK00001", "测试大厅", "12345", ZoneInfo("Asia/Shanghai"), "https://x/p?case={case_number}"
    )
    store = SubmissionStore(engine, "KSK00001", TEST_SEALER, clock=lambda: FIXED_NOW, audit=audit)
    return SubmissionService(FixedCatalog(load_catalog()), store, printer, identity)
