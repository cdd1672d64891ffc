"""`kiosk catalog show CODE --fields` as text: one line a field or material, from the same
description the JSON output prints (kiosk/forms/form_description.py)."""

from __future__ import annotations

from typing import Any


def form_lines(form: dict[str, Any]) -> list[str]:
    name = form["name"]
    lines = [
        f"{name['zh']}  [{form['code']}]  {name['en']}".rstrip(),
        f"catalog {form['catalog_version']}; kiosk submit --data takes "
        '{"answers": {FIELD: VALUE}, "materials": {MATERIAL: CHOICE}, '
        '"signature": {...}, "delivery": {"method": ..., "address": ...}}',
        "",
        "answers (fields, in the order asked):",
    ]
    lines += [f"  {_field(field)}" for field in form["fields"]]
    lines += ["", "materials (a choice each; the first is the default):"]
    lines += [f"  {_material(material)}" for material in form["materials"]] or ["  none"]
    signature = form["signature"]
    if signature["possible"]:
        lines += ["", f"signature: needed when {signature['needed_when']}; {signature['shape']}"]
    delivery = form["delivery"]
    lines += ["", "delivery: " + (_delivery(delivery) if delivery else "none (no paper result)")]
    return lines


def _field(field: dict[str, Any]) -> str:
    label = field["label"]
    parts = [
        field["id"],
        f"{label['zh']} / {label['en']}" if label["en"] else label["zh"],
        field["type"],
        "required" if field["required"] else "optional",
    ]
    if field["prefill"]:
        parts.append(f"prefilled from the ID card ({field['prefill']})")
    if field["show_if"]:
        condition = field["show_if"]
        parts.append(f"asked only if {condition['field']} is {' or '.join(condition['equals'])}")
    if "choices" in field:
        values = " | ".join(_choice(option) for option in field["choices"])
        parts.append(("any of: " if field["multiple"] else "one of: ") + values)
    parts += _limits(field)
    return "  ".join(parts)


def _limits(field: dict[str, Any]) -> list[str]:
    limits = []
    if field["type"] == "number":
        kind = "whole number" if field["integer"] else "number"
        unit = f" {field['unit']}" if field["unit"] else ""
        limits.append(f"{kind} {field['minimum']:g}..{field['maximum']:g}{unit}")
    if "format" in field:
        limits.append(f"format {field['format']}")
    if field.get("dates", "any") != "any":
        limits.append(f"{field['dates']} dates only")
    if "pattern" in field:
        limits.append(f"pattern {field['pattern']}")
    if "min_length" in field:
        limits.append(f"at least {field['min_length']} characters")
    if "max_length" in field:
        limits.append(f"at most {field['max_length']} characters")
    return limits


def _choice(option: dict[str, str]) -> str:
    return f"{option['value']} ({option['en']})" if option["en"] else option["value"]


def _material(material: dict[str, Any]) -> str:
    name = material["name"]
    parts = [
        material["id"],
        f"{name['zh']} / {name['en']}" if name["en"] else name["zh"],
        "required" if material["required"] else "optional",
        "choices: " + " | ".join(material["choices"]),
    ]
    if material["deferrable_days"]:
        parts.append(f"deferred: within {material['deferrable_days']} working days")
    return "  ".join(parts)


def _delivery(delivery: dict[str, Any]) -> str:
    text = "method one of: " + " | ".join(delivery["methods"])
    if delivery["address_needed_for"]:
        methods = " or ".join(delivery["address_needed_for"])
        text += f"; {methods} needs an address of at least {delivery['min_address_length']} chars"
    return text
