"""Test data shared across the suite: the elderly applicant, matters declaring every field,
catalog directories as a province publishes them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from kiosk.catalog.models import Matter
from kiosk.forms import Application

ELDERLY_MATTER = "11440100MB2C91234A-LZ-0001"
# Born 1949-12-31, female (sequence 002): passes GB 11643 and the matter's age rule.
ELDERLY_ID = "11010519491231002X"
ELDERLY_NAME = "王秀英"
FIXED_NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)  # 10:30 on a Monday in Asia/Shanghai

# A stroke that passes as a signature: 12 points across a fifth of the pad.
SIGNATURE = {
    "strokes": [[[round(0.1 + i * 0.02, 4), round(0.5 + (i % 3) * 0.05, 4)] for i in range(12)]]
}


def elderly_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "name": ELDERLY_NAME,
        "id_number": ELDERLY_ID,
        "address": "北京市朝阳区建国路88号1单元101室",
        "mobile": "13800138000",
        "reissue": "否",
    }
    answers.update(overrides)
    return answers


def elderly_application(**overrides: Any) -> Application:
    return Application(answers=elderly_answers(**overrides), delivery={"method": "自取"})


def elderly_json(**overrides: Any) -> dict[str, Any]:
    return {"answers": elderly_answers(**overrides), "delivery": {"method": "自取"}}


def every_field_matter(**overrides: Any) -> Matter:
    """A matter declaring every field type, materials of every provision and both deliveries."""
    return Matter.model_validate(every_field_matter_data(**overrides))


def every_field_matter_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "TEST-EVERY-0001",
        "name": {"zh": "测试事项", "en": "Test matter"},
        "short_description": "用于测试表单引擎的事项。",
        "department": "测试局",
        "department_kind": "民政",
        "item_type": "公共服务",
        "legal_basis": ["《测试条例》"],
        "conditions": ["无"],
        "procedure": ["申请", "审核"],
        "materials": [
            {"id": "id_card", "name": "居民身份证", "e_licence": "居民身份证"},
            {
                "id": "no_house",
                "name": {"zh": "无房证明", "en": "Proof of no home"},
                "commitment": "本人承诺本人及家庭成员在本市无自有住房，如有虚假愿承担法律责任。",
            },
            {"id": "income", "name": "收入证明", "deferrable_days": 5},
            {"id": "extra", "name": "其他材料", "required": False},
        ],
        "time_limit": {"legal_days": 20, "promised_days": 10},
        "case_type": "承诺件",
        "fee": "不收费",
        "handling": ["窗口受理快递送达"],
        "delivery": ["自取", "邮寄"],
        "where": "测试大厅",
        "hours": "工作日",
        "phone": "0000-0000000",
        "applicant": {"name_field": "name", "id_field": "id_number"},
        "fields": [
            {"id": "name", "label": {"zh": "姓名", "en": "Name"}, "type": "person_name"},
            {"id": "sex", "label": "性别", "type": "choice", "options": ["男", "女"]},
            {
                "id": "id_number",
                "label": {"zh": "公民身份号码", "en": "ID number"},
                "type": "id_number",
                "sex_field": "sex",
            },
            {"id": "mobile", "label": "手机", "type": "mobile"},
            {"id": "moved_in", "label": "入住日期", "type": "date", "dates": "past"},
            {
                "id": "household",
                "label": "家庭人数",
                "type": "number",
                "minimum": 1,
                "maximum": 10,
                "integer": True,
                "unit": "人",
            },
            {
                "id": "needs",
                "label": "需求",
                "type": "multi_choice",
                "options": ["一居室", "两居室", "无障碍"],
            },
            {"id": "address", "label": "现住址", "type": "address"},
            {"id": "disabled", "label": "是否残疾", "type": "yes_no"},
            {
                "id": "disability_level",
                "label": "残疾等级",
                "type": "choice",
                "options": ["一级", "二级"],
                "show_if": {"field": "disabled", "equals": "是"},
            },
            {"id": "remark", "label": "备注", "type": "text", "required": False},
            {"id": "signature", "label": "申请人签名", "type": "signature"},
        ],
        "next_steps": ["等待审核"],
    }
    data.update(overrides)
    return data


def second_matter_data(**overrides: Any) -> dict[str, Any]:
    """A small matter sharing name, id_number and mobile with the every-field matter."""
    data = every_field_matter_data(
        code="TEST-SECOND-0002",
        name={"zh": "第二个事项", "en": "Second matter"},
        department="第二局",
        materials=[{"id": "id_card", "name": "居民身份证", "e_licence": "居民身份证"}],
        fields=[
            {"id": "name", "label": "申请人姓名", "type": "person_name"},
            {"id": "id_number", "label": "身份证号", "type": "id_number", "sex_field": "sex"},
            {"id": "sex", "label": "性别", "type": "choice", "options": ["男", "女"]},
            {"id": "mobile", "label": "联系电话", "type": "mobile"},
            {"id": "bank", "label": "银行账号", "type": "text"},
        ],
    )
    data.update(overrides)
    return data


def write_catalog(
    directory: Path,
    version: str,
    matters: list[dict[str, Any]],
    bundles: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Path:
    """A catalog directory as a province would publish it."""
    (directory / "matters").mkdir(parents=True, exist_ok=True)
    (directory / "bundles").mkdir(exist_ok=True)
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    (directory / "catalog.yaml").write_text(
        dump({"version": version, "region": "测试市"}), encoding="utf-8"
    )
    for matter in matters:
        (directory / "matters" / f"{matter['code']}.yaml").write_text(dump(matter), "utf-8")
    for bundle in bundles:
        (directory / "bundles" / f"{bundle['code']}.yaml").write_text(dump(bundle), "utf-8")
    return directory


TEST_BUNDLE = {
    "code": "TEST-BUNDLE-0001",
    "name": {"zh": "测试一件事", "en": "Test bundle"},
    "short_description": "两个事项一次办。",
    "members": ["TEST-EVERY-0001", "TEST-SECOND-0002"],
}


def every_field_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "name": ELDERLY_NAME,
        "sex": "女",
        "id_number": ELDERLY_ID,
        "mobile": "13800138000",
        "moved_in": "2020-05-01",
        "household": "3",
        "needs": ["无障碍", "一居室"],
        "address": "示例市人民路1号2单元301室",
        "disabled": "否",
        "signature": SIGNATURE,
    }
    answers.update(overrides)
    return answers
