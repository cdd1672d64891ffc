"""The commands technicians run append to the kiosk's audit log as the touchscreen does, and
`kiosk audit` reads it back, in real processes."""

from __future__ import annotations

import json

from kiosk.config import KioskSettings
from kiosk.storage.migrate import open_database
from kiosk.submissions.queue import SubmissionQueue
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json


def test_submit_reprint_and_retry_are_in_the_log_with_who_did_them(
    kiosk: Kiosk, settings: KioskSettings
) -> None:
    submitted = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json(), "--json")
    case_number = json.loads(submitted.stdout)["case_number"]
    assert kiosk("receipt", "reprint", case_number).returncode == 0
    engine = open_database(settings.database_path)
    try:
        queue = SubmissionQueue(engine)  # the platform's refusal, here without a log
        (item,) = queue.claim_batch(1)
        queue.quarantine(item.idempotency_key, "unknown_matter")
    finally:
        engine.dispose()
    assert kiosk("queue", "retry", "--all").returncode == 0

    exported = kiosk("audit", "export", "--since", "1")
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [(r["event"], r["actor"]) for r in records] == [
        ("submission.accepted", "resident"),
        ("receipt.printed", "resident"),
        ("receipt.reprinted", "command-line"),
        ("queue.retried", "command-line"),
    ]
    assert records[2]["details"] == {"case_numbers": case_number}
    verified = kiosk("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("audit log intact: 4 records, head 4:")
