"""`kiosk device ...` and `kiosk receipt reprint` against the simulators, in real processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.idcard import SamSimulator, demo_cards
from drivers.printer import extract_text
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.kiosk_cli import Kiosk, answers_json


@pytest.fixture
def card_reader() -> Iterator[SamSimulator]:
    simulator = SamSimulator()
    simulator.start()
    yield simulator
    simulator.stop()


def test_read_id_prints_the_card_masked_by_default(kiosk: Kiosk, card_reader: SamSimulator) -> None:
    card_reader.place_card(demo_cards.ELDERLY_RESIDENT)
    result = kiosk("device", "read-id", "--port", card_reader.path, "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["card_type"] == "resident"
    assert record["display_name"] == "王**"
    assert record["fields"]["id_number"] == "110***********002X"
    assert record["fields"]["birth_date"] == "1949-12-31"
    assert record["photo_bytes"] == 1024
    assert demo_cards.ELDERLY_RESIDENT.id_number not in result.stdout + result.stderr


def test_read_id_reveals_only_when_asked(kiosk: Kiosk, card_reader: SamSimulator) -> None:
    card_reader.place_card(demo_cards.RARE_NAME)
    result = kiosk("device", "read-id", "--port", card_reader.path, "--json", "--reveal")
    assert json.loads(result.stdout)["fields"]["name"] == demo_cards.RARE_NAME.name


def test_read_id_without_a_card_or_a_reader_says_what_to_do(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    no_card = kiosk("device", "read-id", "--port", card_reader.path)
    assert no_card.returncode == 1
    assert "place the ID card" in no_card.stderr
    no_reader = kiosk("device", "read-id", "--port", "/dev/nonexistent-reader")
    assert no_reader.returncode == 1
    assert "Traceback" not in no_reader.stderr


def test_print_test_prints_chinese_a_qr_and_a_rare_character(
    kiosk: Kiosk, printer: tuple[str, Path]
) -> None:
    result = kiosk("device", "print-test", "--printer", printer[0])
    assert result.returncode == 0, result.stderr
    data = printer[1].read_bytes()
    assert "打印测试 ·" in extract_text(data)
    assert b"\x1dv0" in data  # the line with 𠮷 went out as a raster image


def test_reprint_prints_the_same_receipt_again(kiosk: Kiosk, printer: tuple[str, Path]) -> None:
    submitted = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", answers_json(), "--json")
    case_number = json.loads(submitted.stdout)["case_number"]
    first = printer[1].read_bytes()
    result = kiosk("receipt", "reprint", case_number)
    assert result.returncode == 0, result.stderr
    assert printer[1].read_bytes() == first + first
    assert kiosk("receipt", "reprint", "NOPE0000-20260101-000001").returncode == 1


def test_decode_prints_one_json_line_per_image(kiosk: Kiosk, tmp_path: Path) -> None:
    import cv2

    from tests.helpers.qr_degrade import Condition, degraded_frame

    chinese = "https://zwfw.example.gov.cn/办件查询?case=T3F9A0C21-20261123-000042"
    good = tmp_path / "receipt.png"
    cv2.imwrite(str(good), degraded_frame(chinese, Condition.GLARE, seed=7))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    result = kiosk("device", "decode", str(good), str(broken), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {"file": str(good), "text": chinese},
        {"file": str(broken), "text": None},
    ]
    assert result.returncode == 1  # not every image had a code


def read_id_json(kiosk: Kiosk, card_reader: SamSimulator, *flags: str) -> dict[str, Any]:
    result = kiosk("device", "read-id", "--port", card_reader.path, "--json", *flags)
    assert result.returncode == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def test_read_id_names_the_card_type_and_the_fields_it_carries(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.HONG_KONG_PERMIT)
    record = read_id_json(kiosk, card_reader, "--reveal")
    assert record["card_type"] == "hmt_residence_permit"
    fields = record["fields"]
    assert fields["pass_number"] == "H12345678"
    assert fields["issue_count"] == "01"
    assert fields["id_number"] == "810000199001011230"
    assert "nation" not in fields  # a permit carries none
    assert "english_name" not in fields


def test_read_id_shows_a_foreign_holders_english_name_and_nationality(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.FOREIGN_RESIDENT_2017)
    record = read_id_json(kiosk, card_reader, "--reveal")
    assert record["card_type"] == "foreign_permanent_resident"
    assert record["card_edition"] == "2017"
    assert record["display_name"] == "MACDONALD, DAVID JAMES"
    fields = record["fields"]
    assert fields["name"] == ""
    assert fields["english_name"] == "MACDONALD, DAVID JAMES"
    assert fields["nationality"] == "CAN"
    assert fields["card_version"] == "01"
    assert "address" not in fields


def test_read_id_masks_the_english_name_and_numbers_without_reveal(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.FOREIGN_RESIDENT_2023)
    record = read_id_json(kiosk, card_reader)
    assert record["card_edition"] == "2023"
    assert record["display_name"] == "玛**"
    assert record["fields"]["english_name"] == "G" + "*" * 18
    assert record["fields"]["id_number"] == "911***********0027"
    assert "GARCIA" not in json.dumps(record)


def test_read_id_says_a_long_term_card_is_valid_long_term_not_unknown(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.ELDERLY_RESIDENT)
    fields = read_id_json(kiosk, card_reader)["fields"]
    assert fields["valid_to"] == "长期"
    assert fields["valid_long_term"] is True
    assert fields["address"] == "***"


def test_read_id_gives_a_dated_card_its_date_and_no_long_term_flag(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.YOUNG_MAN)
    fields = read_id_json(kiosk, card_reader)["fields"]
    assert fields["valid_to"] == "2030-08-10"
    assert fields["valid_long_term"] is False


def test_read_id_as_text_lists_the_card_type_then_its_fields(
    kiosk: Kiosk, card_reader: SamSimulator
) -> None:
    card_reader.place_card(demo_cards.HONG_KONG_PERMIT)
    result = kiosk("device", "read-id", "--port", card_reader.path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["card_type", "hmt_residence_permit"]
    assert ["pass_number", "H12**5678"] in [line.split() for line in lines]
