from __future__ import annotations

import io
import json
import logging

import pytest

from kiosk.logs import configure_logging
from kiosk.privacy import mask_id_number, mask_name, redact_id_numbers, redact_personal_data


def test_masks_keep_only_what_a_receipt_needs() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_name("王秀英") == "王**"
    assert mask_name("𠮷安") == "𠮷*"


def test_free_text_loses_every_id_number() -> None:
    text = "读取 11010519491231002X 和 440524188001010014 完成"
    assert "11010519491231002X" not in redact_id_numbers(text)
    assert "440524188001010014" not in redact_id_numbers(text)


def test_a_refusal_message_loses_id_and_mobile_numbers() -> None:
    refusal = (
        "invalid_application: 11010519491231002X 与 13800138000 不符; 案号 GZ0001-20261123-000001"
    )
    redacted = redact_personal_data(refusal)
    assert "11010519491231002X" not in redacted
    assert "13800138000" not in redacted
    assert "138****8000" in redacted
    assert "GZ0001-20261123-000001" in redacted  # case numbers stay: staff need them


@pytest.fixture(autouse=True)
def restore_root_logger() -> object:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_lines_are_json_and_never_carry_an_id_number_in_clear() -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream)
    logging.getLogger("test").info(
        "card read for %s", "11010519491231002X", extra={"case_number": "T1-20261123-000001"}
    )
    entry = json.loads(stream.getvalue())
    assert entry["msg"] == "card read for 110***********002X"
    assert entry["case_number"] == "T1-20261123-000001"
    assert entry["level"] == "INFO"
