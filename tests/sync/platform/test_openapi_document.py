"""docs/platform-api.json is the platform's own OpenAPI document, never a stale copy."""

from __future__ import annotations

import json
from pathlib import Path

from sync.platform.apidoc import DOCUMENT_PATH, REGENERATE, openapi_document

REPO = Path(__file__).resolve().parents[3]


def test_the_published_openapi_document_matches_the_platform() -> None:
    published = REPO / DOCUMENT_PATH
    assert published.exists(), f"{DOCUMENT_PATH} is missing; generate it with: {REGENERATE}"
    assert json.loads(published.read_text("utf-8")) == json.loads(openapi_document()), (
        f"{DOCUMENT_PATH} is stale; regenerate it with: {REGENERATE}"
    )


def test_the_document_describes_every_body_and_refusal_of_the_contract() -> None:
    document = json.loads(openapi_document())
    schemas = document["components"]["schemas"]
    for body in ("SubmissionBatch", "RatingBatch", "BatchResult", "CaseUpdates"):
        assert body in schemas
    for name in ("Heartbeat", "HeartbeatAck", "SignedCatalog", "ErrorBody", "Health"):
        assert name in schemas
    submissions = document["paths"]["/v1/submissions"]["post"]
    assert set(submissions["responses"]) == {"200", "400", "401", "503"}
    assert "security" in submissions
    assert "security" not in document["paths"]["/v1/health"]["get"]
