"""No two modules of the product import each other, directly or around a loop.

A cycle hides in function-level imports (kept for a fast startup) as easily as at the top of a
file, so both count, and so do imports for type checking only. The graph is read from the
source with ast; nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "drivers", "sync", "ui", "standards")
# Known and being removed: doctor_cmd runs doctor_platform's checks, which are built from
# doctor_cmd's Check and guarded. Empty this once the two no longer import each other.
KNOWN_CYCLES: list[set[str]] = []


def module_files() -> dict[str, Path]:
    """Every module of the product by dotted name; a package by its __init__.py."""
    modules = {}
    for package in PACKAGES:
        for path in (REPO_ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path) -> Iterator[str]:
    """What `module` imports anywhere in its file, as dotted names (`from a import b` as a.b,
    which resolves to the module a.b if there is one, else to a)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                keep = len(package) - node.level + (path.name == "__init__.py")
                base = ".".join([*package[:keep], *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Each module and the product modules it imports."""
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(module, path):
            target = name
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components, iterative so that a long chain of imports cannot exhaust the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def enter(node: str) -> tuple[str, Iterator[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return node, iter(sorted(graph[node]))

    for root in sorted(graph):
        if root in index:
            continue
        work = [enter(root)]
        while work:
            node, successors = work[-1]
            successor = next(successors, None)
            if successor is not None:
                if successor not in index:
                    work.append(enter(successor))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def test_a_loop_of_imports_is_found_with_all_its_members() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert sorted(map(sorted, strongly_connected(graph))) == [["a", "b", "c"], ["d"]]


def test_a_function_level_import_is_an_edge_like_a_top_level_one() -> None:
    graph = import_graph()
    # config.py imports kiosk.crypto.suite at its top, the package only inside its validators.
    assert "kiosk.crypto" in graph["kiosk.config"]


def test_no_product_modules_import_each_other_in_a_loop() -> None:
    cycles = [c for c in strongly_connected(import_graph()) if len(c) > 1]
    assert [c for c in cycles if c not in KNOWN_CYCLES] == []
