"""The OpenAPI document as docs/platform-api.json holds it: generated from the app itself, so
the document cannot drift from what the platform serves (a test compares them)."""

from __future__ import annotations

import json

from sync.platform.app import create_app
from sync.platform.db import open_platform_engine
from sync.platform.keys import PlatformKeys

DOCUMENT_PATH = "docs/platform-api.json"
REGENERATE = f"uv run kiosk platform openapi --output {DOCUMENT_PATH}"


def openapi_document() -> str:
    # The document describes routes and bodies only: no database is opened, keys are throwaway.
    app = create_app(open_platform_engine("sqlite://"), PlatformKeys.generate())
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"
