"""Loads a catalog directory into typed models and checks it strictly.

Layout: `catalog.yaml` (version, region), `matters/*.yaml` (one matter per file) and
`bundles/*.yaml` (one bundle per file). A catalog with any problem is refused whole, with
every problem listed by file and field.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.catalog.models import Bundle, Catalog, FieldSpec, Material, Matter
from kiosk.paths import assets_dir

M = TypeVar("M", bound=BaseModel)


class CatalogError(Exception):
    """The catalog cannot be used; `problems` lists each one as "file: field: problem"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def default_catalog_dir() -> Path:
    return assets_dir() / "catalog"


def load_catalog(directory: Path | None = None) -> Catalog:
    root = directory or default_catalog_dir()
    if not root.is_dir():
        raise CatalogError([f"{root}: not a directory"])
    problems: list[str] = []
    header_path, matter_paths, bundle_paths = catalog_sources(root)
    header = _read_yaml(header_path, problems)
    matters = _load_all(matter_paths, Matter, problems)
    bundles = _load_all(bundle_paths, Bundle, problems)
    if not matters and not problems:
        problems.append(f"{root / 'matters'}: no matter files (*.yaml)")
    problems += _duplicate_codes(root, [m for _, m in matters] + [b for _, b in bundles])
    by_code = {m.code: m for _, m in matters}
    for path, bundle in bundles:
        problems += [f"{path}: {p}" for p in bundle_problems(bundle, by_code)]
    if header is None or problems:
        raise CatalogError(problems)
    try:
        return Catalog.model_validate(
            {**header, "matters": [m for _, m in matters], "bundles": [b for _, b in bundles]}
        )
    except ValidationError as exc:
        raise CatalogError(_describe(root / "catalog.yaml", exc)) from exc


def catalog_sources(root: Path) -> tuple[Path, list[Path], list[Path]]:
    """The files a catalog is made of: its header, its matters and its bundles."""
    return (
        root / "catalog.yaml",
        sorted((root / "matters").glob("*.yaml")),
        sorted((root / "bundles").glob("*.yaml")),
    )


def bundle_problems(bundle: Bundle, matters: dict[str, Matter]) -> list[str]:
    """A bundle's members must exist, and a field they share must mean the same in each."""
    problems = [
        f"members: {code} is not a matter of this catalog"
        for code in bundle.members
        if code not in matters
    ]
    if len(set(bundle.members)) != len(bundle.members):
        problems.append("members: a matter is listed twice")
    seen: dict[str, tuple[str, FieldSpec]] = {}
    for code in bundle.members:
        matter = matters.get(code)
        for spec in matter.fields if matter else ():
            if spec.id not in seen:
                seen[spec.id] = (code, spec)
                continue
            first_code, first = seen[spec.id]
            if _shared_shape(first) != _shared_shape(spec):
                problems.append(
                    f"field {spec.id}: defined differently in {first_code} and {code} "
                    "(a shared field must have the same type, options and rules)"
                )
    materials: dict[str, tuple[str, Material]] = {}
    for code in bundle.members:
        matter = matters.get(code)
        for material in matter.materials if matter else ():
            first_material = materials.setdefault(material.id, (code, material))
            if first_material[1] != material:
                problems.append(
                    f"material {material.id}: defined differently in {first_material[0]} and "
                    f"{code} (a shared material is provided once, so it must be the same)"
                )
    return problems


def _shared_shape(spec: FieldSpec) -> dict[str, Any]:
    # Labels and hints may be worded per matter; what is asked and accepted must agree.
    return spec.model_dump(exclude={"label", "hint", "required", "show_if"})


def _load_all(paths: Iterable[Path], model: type[M], problems: list[str]) -> list[tuple[Path, M]]:
    loaded: list[tuple[Path, M]] = []
    for path in paths:
        data = _read_yaml(path, problems)
        if data is None:
            continue
        try:
            loaded.append((path, model.model_validate(data)))
        except ValidationError as exc:
            problems.extend(_describe(path, exc))
    return loaded


def _duplicate_codes(root: Path, items: list[Matter | Bundle]) -> list[str]:
    codes = [item.code for item in items]
    return [
        f"{root}: code {code} is used by more than one matter or bundle"
        for code in sorted({c for c in codes if codes.count(c) > 1})
    ]


def safe_loader() -> type[Any]:
    """libyaml's parser when PyYAML was built with it: it reads the same documents into the
    same values as the pure-Python one, many times faster; the constructor is the safe one
    in both. PyYAML is imported here, on first use: a catalog served from the cache needs
    none of it."""
    import yaml

    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _read_yaml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=safe_loader())
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
