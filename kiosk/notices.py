"""The service guide (办事指南) and the one-time notice (一次性告知单) of an offering.

Both are built from the catalog declaration, so the guide screen, `kiosk catalog show`, and
the printed notice never disagree. The notice tells a resident in one sheet everything needed,
so one more trip is enough (最多跑一次).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.catalog.models import Material, Matter
from kiosk.catalog.offerings import Offering


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Notice:
    title: str
    sections: tuple[Section, ...]
    printed_at: datetime
    hotline: str


def material_line(material: Material) -> str:
    """One material with what the resident has to do about it."""
    quantity = f"{material.form}{material.count}份"
    optional = "（如有）" if not material.required else ""
    if material.e_licence:
        how = f"免提交：通过电子证照“{material.e_licence}”获取"
    else:
        ways = [f"提交{quantity}"]
        if material.commitment:
            ways.append("可签署告知承诺书代替")
        if material.deferrable_days:
            ways.append(f"可容缺受理，{material.deferrable_days}个工作日内补交")
        how = "；".join(ways)
    note = f"（{material.note}）" if material.note else ""
    return f"{material.name.zh}{optional}：{how}{note}"


def _time_limit(matter: Matter) -> str:
    limits = matter.time_limit
    promise = "当场办结" if limits.promised_days == 0 else f"承诺{limits.promised_days}个工作日"
    return (
        f"{matter.name.zh}：{matter.case_type.value}，{promise}（法定{limits.legal_days}个工作日）"
    )


def _per_member(offering: Offering, line: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.format(m=m) for m in offering.members))


def guide_sections(offering: Offering) -> tuple[Section, ...]:
    """The full service guide, section by section."""
    members = offering.members
    sections = [
        Section("办理部门", offering.departments),
        Section("申请条件", tuple(dict.fromkeys(c for m in members for c in m.conditions))),
        Section("所需材料", tuple(material_line(m) for m in offering.materials)),
        Section("办理流程", tuple(dict.fromkeys(p for m in members for p in m.procedure))),
        Section("办理时限", tuple(_time_limit(m) for m in members)),
        Section("收费标准", _per_member(offering, "{m.name.zh}：{m.fee}")),
        Section(
            "办理方式",
            tuple(dict.fromkeys(h.value for m in members for h in m.handling)),
        ),
        Section("结果送达", tuple(d.value for d in offering.delivery) or ("无需领取",)),
        Section("办理地点", _per_member(offering, "{m.where}（{m.hours}，电话 {m.phone}）")),
        Section("设立依据", tuple(dict.fromkeys(b for m in members for b in m.legal_basis))),
    ]
    if offering.is_bundle:
        names = "、".join(m.name.zh for m in members)
        sections.insert(0, Section("一件事联办", (f"一次申请，同时办理：{names}",)))
    return tuple(sections)


def one_time_notice(offering: Offering, hotline: str, now: datetime) -> Notice:
    """Everything to prepare, what can be skipped, committed or supplied later, and where."""
    materials = offering.materials
    sections = [
        Section("需要准备的材料", tuple(material_line(m) for m in materials)),
        Section(
            "免于提交（电子证照）",
            tuple(f"{m.name.zh}：{m.e_licence}" for m in materials if m.e_licence) or ("无",),
        ),
        Section(
            "可告知承诺（签署承诺书代替证明）",
            tuple(f"{m.name.zh}：{m.commitment}" for m in materials if m.commitment) or ("无",),
        ),
        Section(
            "可容缺受理（先受理，后补交）",
            tuple(
                f"{m.name.zh}：受理后{m.deferrable_days}个工作日内补交，逾期终止办理"
                for m in materials
                if m.deferrable_days
            )
            or ("无",),
        ),
        Section("办理时限", tuple(_time_limit(m) for m in offering.members)),
        Section("收费标准", _per_member(offering, "{m.name.zh}：{m.fee}")),
        Section(
            "办理地点与时间",
            _per_member(offering, "{m.department}：{m.where}，{m.hours}，电话 {m.phone}"),
        ),
    ]
    return Notice(offering.name.zh, tuple(sections), now, hotline)
