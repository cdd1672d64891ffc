"""Names a driver package exports but imports only when first asked for.

Decoders, renderers and simulators pull in numpy, OpenCV and barcode readers (tenths of a
second); a command that only prints a receipt or reads a card should not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, modules: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `modules[name]` on first use and keeps the value in
    the package's `namespace`, so the next lookup is an ordinary one."""

    def attribute(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return attribute
