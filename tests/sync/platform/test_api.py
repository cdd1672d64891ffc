"""The platform over HTTP: signed requests from enrolled terminals only, per-item answers,
the status cursor, heartbeats and the signed catalog, every refusal an ErrorBody."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from kiosk.catalog.signed import PublishedCatalog, verify_catalog
from sync.contract import (
    CASE_UPDATES_PATH,
    CATALOG_PATH,
    HEALTH_PATH,
    HEARTBEATS_PATH,
    RATINGS_PATH,
    SUBMISSIONS_PATH,
    BatchResult,
    CaseStatus,
    CaseUpdates,
    ErrorBody,
    ErrorCode,
    Health,
    Heartbeat,
    HeartbeatAck,
    ItemOutcome,
    SignedCatalog,
)
from sync.platform.heartbeats import latest_heartbeats
from sync.platform.reports import list_refusals
from sync.platform.statuses import move_case
from sync.platform.tables import CaseRow
from sync.signing import SIGNATURE_HEADER
from tests.helpers.data import FIXED_NOW
from tests.helpers.platform.builders import (
    KioskTerminal,
    batch,
    body_of,
    get_signed,
    post_signed,
    rating_batch,
    rating_item,
    sealed_item,
)
from tests.helpers.platform.reference import RunningPlatform, running_platform
from tests.helpers.platform_keys import TEST_PLATFORM

DAY_S = 86_400


@pytest.fixture
def platform(reference_platform: RunningPlatform) -> RunningPlatform:
    return reference_platform


@pytest.fixture
def terminal(platform: RunningPlatform) -> KioskTerminal:
    return platform.enrol(KioskTerminal.new("GZ0001"))


def case_count(platform: RunningPlatform) -> int:
    with platform.session() as session:
        return session.scalar(select(func.count()).select_from(CaseRow)) or 0


def refusal_of(response: requests.Response) -> ErrorBody:
    assert response.status_code == 401, response.text
    return ErrorBody.model_validate_json(response.content)


def test_health_answers_unsigned(platform: RunningPlatform) -> None:
    response = requests.get(platform.url + HEALTH_PATH, timeout=10)
    assert response.status_code == 200
    assert Health.model_validate_json(response.content).status == "ok"


def test_a_signed_batch_is_answered_item_by_item_in_order(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    items = [sealed_item(sequence=n) for n in (1, 2)]
    response = post_signed(platform.url, terminal, SUBMISSIONS_PATH, batch(*items))
    assert response.status_code == 200, response.text
    result = BatchResult.model_validate_json(response.content)
    assert [r.idempotency_key for r in result.results] == [i.idempotency_key for i in items]
    assert [r.outcome for r in result.results] == [ItemOutcome.STORED] * 2
    assert case_count(platform) == 2


def test_a_request_signed_with_another_key_is_refused_stored_nowhere_and_reported(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    impostor = KioskTerminal.new(terminal.terminal_id)  # same id, not the enrolled key
    response = post_signed(platform.url, impostor, SUBMISSIONS_PATH, batch(sealed_item()))
    assert refusal_of(response).error.code is ErrorCode.BAD_SIGNATURE
    assert case_count(platform) == 0
    with platform.session() as session:
        (refusal,) = list_refusals(session)
    assert (refusal["code"], refusal["terminal_id"], refusal["path"]) == (
        "bad_signature",
        "GZ0001",
        SUBMISSIONS_PATH,
    )


def test_the_same_signed_request_twice_is_refused_the_second_time_as_replayed(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    body = body_of(batch(sealed_item()))
    headers = terminal.headers("POST", SUBMISSIONS_PATH, body)
    first = requests.post(platform.url + SUBMISSIONS_PATH, data=body, headers=headers, timeout=30)
    second = requests.post(platform.url + SUBMISSIONS_PATH, data=body, headers=headers, timeout=30)
    assert first.status_code == 200
    assert refusal_of(second).error.code is ErrorCode.REPLAYED_NONCE


@pytest.mark.parametrize("offset_s", [-DAY_S, DAY_S])
def test_a_request_stamped_a_day_off_is_stale_and_shows_the_platforms_time(
    platform: RunningPlatform, terminal: KioskTerminal, offset_s: int
) -> None:
    stamp = int(time.time()) + offset_s
    response = post_signed(
        platform.url, terminal, SUBMISSIONS_PATH, batch(sealed_item()), timestamp=stamp
    )
    error = refusal_of(response).error
    assert error.code is ErrorCode.STALE_TIMESTAMP
    assert error.platform_time is not None
    assert abs(error.platform_time.timestamp() - time.time()) < 60


def test_a_body_changed_after_signing_fails_its_digest(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    body = body_of(batch(sealed_item()))
    headers = terminal.headers("POST", SUBMISSIONS_PATH, body)
    tampered = body.replace(b"GZ0001-", b"GZ0001-9", 1)
    response = requests.post(
        platform.url + SUBMISSIONS_PATH, data=tampered, headers=headers, timeout=30
    )
    assert refusal_of(response).error.code is ErrorCode.BODY_DIGEST_MISMATCH
    assert case_count(platform) == 0


def test_a_terminal_that_is_not_enrolled_is_refused(platform: RunningPlatform) -> None:
    stranger = KioskTerminal.new("GZ9999")
    response = post_signed(platform.url, stranger, SUBMISSIONS_PATH, batch(sealed_item("GZ9999")))
    assert refusal_of(response).error.code is ErrorCode.UNKNOWN_TERMINAL


def test_a_request_without_signature_headers_is_refused(platform: RunningPlatform) -> None:
    response = requests.post(
        platform.url + SUBMISSIONS_PATH, data=body_of(batch(sealed_item())), timeout=30
    )
    assert refusal_of(response).error.code is ErrorCode.MALFORMED


def test_a_signed_body_that_breaks_the_contract_is_malformed_not_422(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    for body in (b'{"items": []}', b"not json"):
        response = post_signed(platform.url, terminal, SUBMISSIONS_PATH, body)
        assert response.status_code == 400, response.text
        error = ErrorBody.model_validate_json(response.content).error
        assert error.code is ErrorCode.MALFORMED


def test_duplicated_requests_arriving_together_make_one_case(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    body = body_of(batch(sealed_item()))

    def send(_: int) -> requests.Response:
        return post_signed(platform.url, terminal, SUBMISSIONS_PATH, body)

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(send, range(4)))
    results = [BatchResult.model_validate_json(r.content).results[0] for r in responses]
    assert len({r.case_id for r in results}) == 1
    assert sorted(r.outcome for r in results).count(ItemOutcome.STORED) == 1
    assert case_count(platform) == 1


def test_ratings_are_accepted_over_http(platform: RunningPlatform, terminal: KioskTerminal) -> None:
    item = sealed_item()
    post_signed(platform.url, terminal, SUBMISSIONS_PATH, batch(item))
    response = post_signed(
        platform.url, terminal, RATINGS_PATH, rating_batch(rating_item(item.case_number))
    )
    assert response.status_code == 200, response.text
    answer = BatchResult.model_validate_json(response.content).results[0]
    assert answer.outcome is ItemOutcome.STORED


def test_case_updates_page_through_this_terminals_events_with_a_cursor(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    other = platform.enrol(KioskTerminal.new("GZ0002"))
    mine = [sealed_item(sequence=n) for n in (1, 2, 3)]
    post_signed(platform.url, terminal, SUBMISSIONS_PATH, batch(*mine))
    post_signed(platform.url, other, SUBMISSIONS_PATH, batch(sealed_item("GZ0002")))
    with platform.session() as session, session.begin():
        first_case = session.scalars(
            select(CaseRow.case_id).where(CaseRow.case_number == mine[0].case_number)
        ).one()
        move_case(session, first_case, CaseStatus.ACCEPTED, FIXED_NOW, note="已受理")

    def page(after: int, limit: int) -> CaseUpdates:
        path = f"{CASE_UPDATES_PATH}?after={after}&limit={limit}"
        response = get_signed(platform.url, terminal, path)
        assert response.status_code == 200, response.text
        return CaseUpdates.model_validate_json(response.content)

    first = page(0, 2)
    second = page(first.last, 2)
    done = page(second.last, 2)
    seen = first.updates + second.updates
    assert [u.case_number for u in seen] == [i.case_number for i in mine] + [mine[0].case_number]
    assert [u.status for u in seen][-1] is CaseStatus.ACCEPTED and seen[-1].note == "已受理"
    assert [u.sequence for u in seen] == sorted(u.sequence for u in seen)
    assert seen[0].idempotency_key == mine[0].idempotency_key
    assert (done.updates, done.last) == ([], second.last)


def test_a_page_larger_than_allowed_is_malformed(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    response = get_signed(platform.url, terminal, f"{CASE_UPDATES_PATH}?after=0&limit=5000")
    assert response.status_code == 400


def test_a_heartbeat_is_stored_and_acknowledged(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    heartbeat = Heartbeat(
        terminal_id="GZ0001",
        software_version="0.1.0",
        catalog_version="2026.11.1",
        sent_at=FIXED_NOW,
        queue={"queued": 2, "delivered": 5},
        ratings_queued=0,
        devices={"printer": {"state": "ok"}},
        clock_offset_s=0.4,
    )
    response = post_signed(platform.url, terminal, HEARTBEATS_PATH, heartbeat)
    assert response.status_code == 200, response.text
    HeartbeatAck.model_validate_json(response.content)
    with platform.session() as session:
        (latest,) = latest_heartbeats(session)
    assert latest["terminal_id"] == "GZ0001"
    assert latest["heartbeat"]["queue"] == {"queued": 2, "delivered": 5}


def test_a_heartbeat_naming_another_terminal_is_malformed(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    heartbeat = Heartbeat(
        terminal_id="GZ0002",
        software_version="0.1.0",
        catalog_version="2026.11.1",
        sent_at=FIXED_NOW,
        queue={},
        ratings_queued=0,
        devices={},
    )
    response = post_signed(platform.url, terminal, HEARTBEATS_PATH, heartbeat)
    assert response.status_code == 400


def test_the_current_catalog_comes_signed_with_the_platforms_catalog_key(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    response = get_signed(platform.url, terminal, CATALOG_PATH)
    assert response.status_code == 200, response.text
    signed = SignedCatalog.model_validate_json(response.content)
    published = PublishedCatalog(signed.version, signed.suite, signed.files, signed.signature)
    verify_catalog(TEST_PLATFORM.suite, TEST_PLATFORM.catalog_signing.public, published)
    assert "catalog.yaml" in signed.files

    unchanged = get_signed(platform.url, terminal, f"{CATALOG_PATH}?have={signed.version}")
    assert unchanged.status_code == 304
    older = get_signed(platform.url, terminal, f"{CATALOG_PATH}?have=2000.1.1")
    assert older.status_code == 200


def test_no_published_catalog_is_a_404_error_body(postgres_url: str) -> None:
    with running_platform(postgres_url, publish=False) as platform:
        terminal = platform.enrol()
        response = get_signed(platform.url, terminal, CATALOG_PATH)
    assert response.status_code == 404
    ErrorBody.model_validate_json(response.content)


def test_a_query_changed_after_signing_is_refused(
    platform: RunningPlatform, terminal: KioskTerminal
) -> None:
    headers = terminal.headers("GET", f"{CASE_UPDATES_PATH}?after=0")
    response = requests.get(
        platform.url + f"{CASE_UPDATES_PATH}?after=5", headers=headers, timeout=30
    )
    assert refusal_of(response).error.code is ErrorCode.BAD_SIGNATURE
    assert SIGNATURE_HEADER in headers
