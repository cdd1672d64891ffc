"""The published OpenAPI document: what FastAPI generates, told the truth about refusals
(400 "malformed", never FastAPI's 422) and about the signature headers every call but
/v1/health carries."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync.contract import HEALTH_PATH
from sync.signing import (
    DIGEST_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    SUITE_HEADER,
    TERMINAL_HEADER,
    TIMESTAMP_HEADER,
)

DESCRIPTION = """\
The API a government self-service kiosk delivers to. See docs/platform.md for the prose.

Every endpoint except /v1/health is signed by the terminal's own key: the signature covers
`KIOSK-REQUEST-V1`, the method, the path with its query, the terminal id, the timestamp
(Unix seconds), the nonce and the body's digest, joined by newlines. The platform refuses
(401) a signature that does not verify against the enrolled key, a timestamp more than 300 s
from its clock, a nonce it has seen, and a body that does not match its digest.
"""

_SIGNATURE_HEADERS = {
    "terminal": (TERMINAL_HEADER, "the terminal id, as enrolled"),
    "timestamp": (TIMESTAMP_HEADER, "Unix seconds when the request was signed"),
    "nonce": (NONCE_HEADER, "random, never used twice"),
    "digest": (DIGEST_HEADER, "hex digest of the body under the suite"),
    "signature": (SIGNATURE_HEADER, "base64 signature over the canonical request"),
    "suite": (SUITE_HEADER, "the crypto suite's name"),
}


def install_openapi(app: FastAPI) -> None:
    """Make app.openapi() return the corrected document."""

    def generate() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _corrected(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=DESCRIPTION,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = generate  # type: ignore[method-assign]


def _corrected(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.get("schemas", {}).pop(unused, None)
    components["securitySchemes"] = {
        name: {"type": "apiKey", "in": "header", "name": header, "description": text}
        for name, (header, text) in _SIGNATURE_HEADERS.items()
    }
    signed: list[dict[str, list[str]]] = [{name: [] for name in _SIGNATURE_HEADERS}]
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            operation["responses"].pop("422", None)
            if path != HEALTH_PATH:
                operation["security"] = signed
    return schema
