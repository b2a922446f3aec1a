"""The subpackages' public names, each imported from its inner module on first use (PEP 562).

A subpackage's `__init__` maps each public name to the module that defines it and sets
`__getattr__ = lazy_exports(__name__, _EXPORTS)`: importing the subpackage then costs
nothing, so a command loads only the modules it calls. Nothing is cached, so a test that
monkeypatches an inner module is seen at the next lookup.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, table: Mapping[str, str]) -> Callable[[str], object]:
    """The module `__getattr__` of `package`: `name` from `package.<table[name]>`."""

    def get(name: str) -> object:
        inner = table.get(name)
        if inner is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{inner}"), name)

    return get
