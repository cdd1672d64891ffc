"""Loads a catalog directory (catalog.yaml plus one file per matter) into typed models.

A catalog with any problem is refused whole, with every problem listed by file and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kiosk.catalog.models import Catalog, Matter
from kiosk.paths import assets_dir


class CatalogError(Exception):
    """The catalog cannot be used; `problems` lists each one as "file: field: problem"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def default_catalog_dir() -> Path:
    return assets_dir() / "catalog"


def load_catalog(directory: Path | None = None) -> Catalog:
    root = directory or default_catalog_dir()
    problems: list[str] = []
    header = _read_yaml(root / "catalog.yaml", problems)
    matters: list[Matter] = []
    for path in sorted((root / "matters").glob("*.yaml")):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        try:
            matters.append(Matter.model_validate(data))
        except ValidationError as exc:
            problems.extend(_describe(path, exc))
    codes = [m.code for m in matters]
    problems.extend(
        f"{root / 'matters'}: matter code {code} appears more than once"
        for code in sorted({c for c in codes if codes.count(c) > 1})
    )
    if header is None or problems:
        raise CatalogError(problems or [f"{root / 'catalog.yaml'}: missing"])
    try:
        return Catalog.model_validate({**header, "matters": matters})
    except ValidationError as exc:
        raise CatalogError(_describe(root / "catalog.yaml", exc)) from exc


def _read_yaml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: missing")
        return None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot be read: {exc}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path}: must hold a mapping of keys to values")
        return None
    return data


def _describe(path: Path, error: ValidationError) -> list[str]:
    return [
        f"{path}: {'.'.join(str(p) for p in problem['loc']) or '(top)'}: {problem['msg']}"
        for problem in error.errors()
    ]
