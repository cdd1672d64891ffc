"""Every text the interface shows can be translated, and the English catalogue is complete."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "assets" / "translations" / "kiosk_en_US.ts"
COMPILED = CATALOGUE.with_suffix(".qm")

# Chinese strings in ui/ that are data, not text for people: stored answer values, and the
# pinyin input method's character and word lists.
DATA_VALUES = {"是", "否"}
DATA_MODULES = {"ui/input/pinyin.py"}


def has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def translated_literals(tree: ast.AST) -> set[int]:
    """ids of string constants passed to tr() or QCoreApplication.translate()."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "tr" and node.args:
                inside.add(id(node.args[0]))
            if node.func.attr == "translate" and len(node.args) >= 2:
                inside.add(id(node.args[1]))
    return inside


def untranslatable_strings() -> list[str]:
    found = []
    for source in sorted((ROOT / "ui").rglob("*.py")):
        if str(source.relative_to(ROOT)) in DATA_MODULES:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        allowed = translated_literals(tree) | docstrings
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and has_han(node.value)
                and id(node) not in allowed
                and node.value not in DATA_VALUES
            ):
                found.append(f"{source.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


def test_no_chinese_text_in_the_interface_bypasses_translation() -> None:
    assert untranslatable_strings() == []


def test_the_english_catalogue_translates_every_string() -> None:
    tree = ET.parse(CATALOGUE)
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if (m.find("translation") is None)
        or m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not m.findtext("translation")
    ]
    assert unfinished == []
    catalogued = {m.findtext("source") for m in tree.iter("message")}
    used = set()
    for source in (ROOT / "ui").rglob("*.py"):
        tree_ = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree_):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert used - catalogued == set(), "run scripts/translations and translate the new strings"


def test_the_compiled_catalogue_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), str(CATALOGUE), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == COMPILED.read_bytes(), "run scripts/translations"
