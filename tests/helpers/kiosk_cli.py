"""What the `kiosk` command tests share: the runner's type and an application as `--data`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

from tests.helpers.data import elderly_json

# The `kiosk` fixture of tests/kiosk/cli/conftest.py: runs the command in its own process.
Kiosk = Callable[..., subprocess.CompletedProcess[str]]


def answers_json(**overrides: str) -> str:
    """The elderly applicant's application as the JSON `kiosk submit --data` takes."""
    return json.dumps(elderly_json(**overrides), ensure_ascii=False)
