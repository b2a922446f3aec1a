"""Layering checks in fresh interpreters: the core never imports the UI, and the fast paths
never import the heavy libraries (DESIGN.md principles 1 and 4)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "numpy", "textual")
UI = ("textual", "typer", "click", "rich")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    return {name.split(".")[0] for name in json.loads(out.strip().splitlines()[-1])}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_stay_light(flag: str) -> None:
    code = (f"sys.argv = ['dlquiz', '{flag}']\nfrom dlquiz.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert not loaded_after(code) & set(HEAVY)


def core_modules() -> list[str]:
    """Every module of the UI-free layers (DESIGN.md: notes, srs, store; exams and stats
    join this list when they are written)."""
    import pkgutil

    import dlquiz

    names = []
    for package in ("notes", "srs", "store"):
        path = [str(p) for p in dlquiz.__path__]
        prefix = f"dlquiz.{package}"
        names.append(prefix)
        for info in pkgutil.walk_packages([f"{path[0]}/{package}"], prefix=f"{prefix}."):
            if ".migrations" not in info.name:
                names.append(info.name)
    return names


def test_all_core_modules_in_one_interpreter() -> None:
    loaded = loaded_after("\n".join(f"import {m}" for m in core_modules()))
    assert not loaded & set(UI)


@pytest.mark.parametrize("module", core_modules())
def test_core_never_imports_ui(module: str) -> None:
    assert not loaded_after(f"import {module}") & set(UI)


def test_engine_imports_only_numpy() -> None:
    loaded = loaded_after("import engine")
    assert not loaded & {"sqlalchemy", "textual", "typer", "click", "rich", "torch", "dlquiz"}
