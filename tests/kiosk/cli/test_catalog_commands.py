"""`kiosk catalog ...` and `kiosk submit` on the demo catalog's bundles, in real processes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from drivers.printer import extract_text
from kiosk.catalog import load_catalog
from kiosk.catalog.offerings import find_offering
from tests.helpers.data import ELDERLY_MATTER, SIGNATURE, elderly_answers
from tests.helpers.kiosk_cli import Kiosk
from tests.helpers.samples import sample_application_json

NEWBORN = "YSLB-BIRTH-0001"


def copy_of_demo_catalog(tmp_path: Path) -> Path:
    import shutil

    from kiosk.catalog.loader import default_catalog_dir

    return Path(shutil.copytree(default_catalog_dir(), tmp_path / "catalog"))


def test_validate_summarises_a_good_catalog(kiosk: Kiosk) -> None:
    from kiosk.catalog.loader import default_catalog_dir

    result = kiosk("catalog", "validate", str(default_catalog_dir()))
    assert result.returncode == 0
    assert "is valid: 20 matters from 10 departments, 3 bundles" in result.stdout


def test_validate_lists_every_problem_by_file_and_field(kiosk: Kiosk, tmp_path: Path) -> None:
    catalog = copy_of_demo_catalog(tmp_path)
    elderly = catalog / "matters" / "minzheng-elderly-preferential-card.yaml"
    data = yaml.safe_load(elderly.read_text(encoding="utf-8"))
    data["time_limit"]["promised_days"] = 99
    del data["fee"]
    elderly.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (catalog / "matters" / "broken.yaml").write_text("code: [unclosed", encoding="utf-8")
    result = kiosk("catalog", "validate", str(catalog))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("minzheng-elderly-preferential-card.yaml: time_limit" in line for line in lines)
    assert any("minzheng-elderly-preferential-card.yaml: fee" in line for line in lines)
    assert any("broken.yaml: cannot be read" in line for line in lines)


def test_list_json_shows_matters_and_bundles(kiosk: Kiosk) -> None:
    rows = json.loads(kiosk("catalog", "list", "--json").stdout)
    kinds = {row["kind"] for row in rows}
    assert kinds == {"matter", "bundle"}
    newborn = next(row for row in rows if row["code"] == NEWBORN)
    assert newborn["name"] == "新生儿出生一件事"
    assert len(newborn["members"]) == 3
    for row in rows:
        assert row["department"] and row["case_type"] and row["handling"]


def test_show_prints_the_whole_guide(kiosk: Kiosk) -> None:
    result = kiosk("catalog", "show", ELDERLY_MATTER)
    assert result.returncode == 0
    for heading in ("【申请条件】", "【所需材料】", "【办理时限】", "【设立依据】", "【收费标准】"):
        assert heading in result.stdout
    assert "免提交" in result.stdout
    assert kiosk("catalog", "show", "NOPE-000001").returncode == 1


def test_show_fields_json_is_the_declared_form_of_the_matter(kiosk: Kiosk) -> None:
    result = kiosk("catalog", "show", ELDERLY_MATTER, "--fields", "--json")
    assert result.returncode == 0, result.stderr
    form = json.loads(result.stdout)
    matter = find_offering(load_catalog(), ELDERLY_MATTER)
    assert matter is not None
    assert [f["id"] for f in form["fields"]] == [spec.id for spec in matter.fields]
    reason = next(f for f in form["fields"] if f["id"] == "reissue_reason")
    assert [c["value"] for c in reason["choices"]] == ["遗失", "损坏"]
    assert reason["show_if"] == {"field": "reissue", "equals": ["是"]}
    assert reason["label"] == {"zh": "补领原因", "en": "Reason for replacement"}
    name = next(f for f in form["fields"] if f["id"] == "name")
    assert (name["prefill"], name["required"]) == ("name", True)
    permit = next(m for m in form["materials"] if m["id"] == "residence_permit")
    assert permit["choices"] == ["bring", "commitment", "none"]
    assert form["delivery"]["methods"] == ["自取", "邮寄"]


def test_a_submission_built_from_show_fields_json_is_accepted(kiosk: Kiosk, tmp_path: Path) -> None:
    form = json.loads(kiosk("catalog", "show", ELDERLY_MATTER, "--fields", "--json").stdout)
    answers = elderly_answers(reissue="是")
    for field in form["fields"]:
        if "choices" in field and field["id"] not in answers:
            answers[field["id"]] = field["choices"][-1]["value"]
    data = {
        "answers": answers,
        "materials": {m["id"]: m["choices"][-1] for m in form["materials"]},
        "signature": SIGNATURE,
        "delivery": {
            "method": form["delivery"]["address_needed_for"][0],
            "address": answers["address"],
        },
    }
    payload = tmp_path / "application.json"
    payload.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = kiosk("submit", "--matter", ELDERLY_MATTER, "--data", f"@{payload}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_show_fields_as_text_has_a_line_a_field_and_material(kiosk: Kiosk) -> None:
    result = kiosk("catalog", "show", NEWBORN, "--fields")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.split()[:2] == ["parents_married", "父母是否已办理结婚登记"]
        and "是 (Yes) | 否 (No)" in line
        for line in lines
    )
    assert any(
        line.strip().startswith("parentage_statement") and "bring | commitment | none" in line
        for line in lines
    )
    assert "delivery: method one of: 自取 | 邮寄" in result.stdout
    assert kiosk("catalog", "show", NEWBORN, "--json").returncode == 2


def test_notice_prints_the_one_time_notice_on_the_printer(
    kiosk: Kiosk, printer: tuple[str, Path]
) -> None:
    result = kiosk("catalog", "notice", NEWBORN, "--printer", printer[0])
    assert result.returncode == 0, result.stderr
    text = extract_text(printer[1].read_bytes())
    assert "一次性告知单" in text
    assert "新生儿出生一件事" in text
    for heading in ("免于提交", "可告知承诺", "可容缺受理", "办理时限", "收费标准", "咨询投诉热线"):
        assert heading in text


def test_notice_says_when_the_printer_is_not_there(kiosk: Kiosk) -> None:
    result = kiosk("catalog", "notice", ELDERLY_MATTER, "--printer", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert "not printed" in result.stderr


def test_submitting_a_bundle_creates_a_case_per_member(kiosk: Kiosk, tmp_path: Path) -> None:
    offering = find_offering(load_catalog(), NEWBORN)
    assert offering is not None
    data = sample_application_json(offering, date.today())
    result = kiosk("submit", "--matter", NEWBORN, "--data", json.dumps(data), "--json")
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert len(outcome["case_numbers"]) == 3
    assert outcome["bundle_id"]
    status = json.loads(kiosk("queue", "status", "--json").stdout)
    assert status["queued"] == 3


def test_a_commitment_without_a_signature_is_refused(kiosk: Kiosk) -> None:
    offering = find_offering(load_catalog(), "11440100MB2C40058T-ZJ-0001")  # 申请公租房
    assert offering is not None
    data = sample_application_json(offering, date.today())
    del data["signature"]
    result = kiosk("submit", "--matter", offering.code, "--data", json.dumps(data))
    assert result.returncode == 2
    assert "signature" in result.stderr
    assert "Commitment signature" in result.stderr  # and in English


def test_install_switches_and_refuses_a_broken_catalog(kiosk: Kiosk, tmp_path: Path) -> None:
    catalog = copy_of_demo_catalog(tmp_path)
    header = catalog / "catalog.yaml"
    header.write_text(
        header.read_text(encoding="utf-8").replace("2026.11.1", "2026.12.1"), encoding="utf-8"
    )
    assert kiosk("catalog", "install", str(catalog)).returncode == 0
    assert "2026.12.1" in kiosk("doctor").stdout
    (catalog / "bundles" / "newborn.yaml").write_text("members: []", encoding="utf-8")
    refused = kiosk("catalog", "install", str(catalog))
    assert refused.returncode == 1
    assert "the catalog in force stays" in refused.stderr
