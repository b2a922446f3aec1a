"""Layering, checked twice: statically by import-linter (the contracts in pyproject.toml),
and dynamically by importing every module of the UI-free packages in a fresh interpreter
(what import-linter cannot see: imports made at run time). The module list is derived from
the packages, so a new module is covered the day it is written. The fast paths (`--help`,
`--version`) must not load the heavy libraries (DESIGN.md principles 1 and 4)."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dlquiz
import engine

HEAVY = ("sqlalchemy", "numpy", "textual")
UI = ("textual", "typer", "click", "rich")
FRONT_ENDS = {"cli", "serve", "tui", "ui"}  # every other package of dlquiz is core
# `__main__` modules run the program when imported: they are entry points, not layers
ENGINE_FORBIDDEN = {"sqlalchemy", "textual", "typer", "click", "rich", "torch", "dlquiz"}


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    return {name.split(".")[0] for name in json.loads(out.strip().splitlines()[-1])}


def modules_of(package: object, *, skip: set[str]) -> list[str]:
    root = Path(package.__file__).parent  # type: ignore[attr-defined]
    name = package.__name__  # type: ignore[attr-defined]
    found = []
    for info in pkgutil.walk_packages([str(root)], prefix=f"{name}."):
        parts = info.name.split(".")
        if parts[1] in skip or ".migrations" in info.name or parts[-1] == "__main__":
            continue
        found.append(info.name)
    return found


def core_modules() -> list[str]:
    return modules_of(dlquiz, skip=FRONT_ENDS)


def test_core_packages_are_found() -> None:
    packages = {name.split(".")[1] for name in core_modules()}
    assert {"notes", "srs", "store"} <= packages


@pytest.mark.parametrize(("group", "forbidden"), [("core", set(UI)),
                                                   ("engine", ENGINE_FORBIDDEN)])
def test_modules_import_nothing_they_must_not(group: str, forbidden: set[str]) -> None:
    """Every module of the group in one interpreter (if their union loads nothing forbidden,
    neither does any one of them); on failure, each alone, to name the culprits."""
    modules = core_modules() if group == "core" else modules_of(engine, skip=set())
    loaded = loaded_after("\n".join(f"import {m}" for m in modules))
    if loaded & forbidden:
        culprits = [m for m in modules if loaded_after(f"import {m}") & forbidden]
        raise AssertionError(f"{sorted(loaded & forbidden)} loaded by {culprits}")


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_stay_light(flag: str) -> None:
    code = (f"sys.argv = ['dlquiz', '{flag}']\nfrom dlquiz.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert not loaded_after(code) & set(HEAVY)


def test_import_contracts_hold() -> None:
    """import-linter's contracts (pyproject.toml [tool.importlinter])."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is a test dependency"
    done = subprocess.run([lint], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stdout[-3000:]
