"""A submission's personal data is sealed before its row is written: the kiosk keeps only what
it shows staff and prints (masked), and takes no application without the platform's key."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.catalog import load_catalog
from kiosk.crypto import SealError
from kiosk.forms import Application
from kiosk.storage.tables import CaseSequence, SubmissionRow
from kiosk.submissions.progress import STATE_TEXT, ProgressLookup
from kiosk.submissions.queue import StatusUpdate, SubmissionQueue
from kiosk.submissions.sealing import SealingUnavailable, unseal_payload
from kiosk.submissions.service import (
    FixedCatalog,
    KioskIdentity,
    NoPlatformKey,
    StorageUnavailable,
    SubmissionService,
)
from kiosk.submissions.states import SubmissionState
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.data import (
    ELDERLY_ID,
    ELDERLY_MATTER,
    ELDERLY_NAME,
    FIXED_NOW,
    elderly_answers,
    elderly_application,
)
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.platform_keys import PlatformKeys
from tests.helpers.sealed import TEST_SEALER, opened_payload

DAY = date(2026, 11, 23)


def service_on(engine: Engine, store: SubmissionStore) -> SubmissionService:
    identity = KioskIdentity("T1", "大厅", "12345", ZoneInfo("Asia/Shanghai"), "{case_number}")
    catalogs = FixedCatalog(load_catalog())
    return SubmissionService(catalogs, store, RecordingPrinter(), identity, lambda: FIXED_NOW)


def only_row(engine: Engine) -> SubmissionRow:
    with Session(engine) as session:
        return session.scalars(select(SubmissionRow)).one()


def test_the_stored_row_holds_the_payload_sealed_and_nothing_in_clear(engine: Engine) -> None:
    payload = {"answers": {"name": ELDERLY_NAME, "id_number": ELDERLY_ID}}
    store = SubmissionStore(engine, "T1", TEST_SEALER)
    store.add([NewSubmission("M-1", "v1", payload, "王**", "110***")], DAY)
    row = only_row(engine)
    assert row.payload is None
    assert ELDERLY_NAME not in (row.sealed_payload or "")
    assert opened_payload(row) == payload


def test_a_sealed_payload_moved_onto_another_case_does_not_open(
    engine: Engine, platform_keys: PlatformKeys
) -> None:
    store = SubmissionStore(engine, "T1", TEST_SEALER)
    new = NewSubmission("M-1", "v1", {"answers": {}}, "王**", "110***")
    first, second = store.add([new, new], DAY)
    row = only_row_by_case(engine, first.case_number)
    with pytest.raises(SealError):
        unseal_payload(
            platform_keys.suite,
            platform_keys.sealing.private,
            row.sealed_payload or "",
            idempotency_key=second.idempotency_key,
            case_number=second.case_number,
            matter_code=row.matter_code,
        )


def only_row_by_case(engine: Engine, case_number: str) -> SubmissionRow:
    with Session(engine) as session:
        return session.scalars(
            select(SubmissionRow).where(SubmissionRow.case_number == case_number)
        ).one()


def test_malformed_sealed_text_is_a_seal_error(platform_keys: PlatformKeys) -> None:
    with pytest.raises(SealError):
        unseal_payload(
            platform_keys.suite,
            platform_keys.sealing.private,
            "{not json",
            idempotency_key="k",
            case_number="c",
            matter_code="m",
        )


def test_without_a_platform_key_nothing_is_written_not_even_a_case_number(
    engine: Engine,
) -> None:
    store = SubmissionStore(engine, "T1", None)
    with pytest.raises(SealingUnavailable, match=r"platform\.sealing_key"):
        store.add([NewSubmission("M-1", "v1", {"answers": {}}, "王**", "110***")], DAY)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(SubmissionRow)) == 0
        assert session.scalar(select(func.count()).select_from(CaseSequence)) == 0


def test_the_resident_is_told_plainly_when_the_kiosk_has_no_platform_key(engine: Engine) -> None:
    service = service_on(engine, SubmissionStore(engine, "T1", None))
    with pytest.raises(NoPlatformKey) as caught:
        service.submit(ELDERLY_MATTER, elderly_application())
    assert isinstance(caught.value, StorageUnavailable)  # the screens show it like one
    assert "尚未配置平台密钥" in str(caught.value)
    assert "没有被保存" in str(caught.value)


def test_the_receipt_kept_for_reprints_holds_masked_data_only(engine: Engine) -> None:
    service = service_on(
        engine, SubmissionStore(engine, "T1", TEST_SEALER, clock=lambda: FIXED_NOW)
    )
    answers = elderly_answers()
    service.submit(
        ELDERLY_MATTER,
        Application(answers=answers, delivery={"method": "邮寄", "address": "东风路5号"}),
    )
    kept = only_row(engine).receipt_json or ""
    assert "王**" in kept and "110***********002X" in kept
    for secret in (ELDERLY_NAME, ELDERLY_ID, answers["address"], answers["mobile"], "东风路5号"):
        assert secret not in kept, secret
    assert "邮寄" in json.loads(kept)["delivery"]


def test_every_state_has_a_resident_friendly_text_in_both_languages() -> None:
    assert set(STATE_TEXT) == set(SubmissionState)
    assert all(text.zh and text.en for text in STATE_TEXT.values())
    assert "咨询电话" in STATE_TEXT[SubmissionState.REJECTED].zh  # says what to do next


def test_progress_lookup_shows_the_platforms_latest_status(engine: Engine) -> None:
    store = SubmissionStore(engine, "KIOSK01", TEST_SEALER, clock=lambda: FIXED_NOW)
    service = service_on(engine, store)
    accepted = service.submit(ELDERLY_MATTER, elderly_application())
    queue = SubmissionQueue(engine)
    (item,) = queue.claim_batch(1)
    queue.mark_delivered(item.idempotency_key, "P-1")
    queue.apply_updates(
        [StatusUpdate(item.idempotency_key, "P-1", SubmissionState.FINISHED, FIXED_NOW)]
    )
    (found,) = ProgressLookup(store, FixedCatalog(load_catalog())).by_text(accepted.case_number)
    assert found.state is SubmissionState.FINISHED
    assert found.state_text.zh.startswith("已办结")
    assert found.last_synced_at is not None
