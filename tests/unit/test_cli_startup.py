"""What the fast start of the command line must keep: a run that builds only the asked
command group sees the same command as the whole command line; typer's values converted
without pydantic come out as pydantic's; `--help` still lists every command; a bare
`--version` prints what typer's option prints; and the everyday commands load no pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from dlquiz import __version__
from dlquiz.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]


def shape(command: Any) -> Any:
    """A click command as data: its parameters, help and subcommands, recursively."""
    params = [(p.name, tuple(p.opts), p.required, repr(p.default)) for p in command.params]
    subs = getattr(command, "commands", {})
    return {"help": command.help, "params": params,
            "commands": {name: shape(sub) for name, sub in sorted(subs.items())}}


def test_every_top_level_command_is_in_the_table() -> None:
    whole = typer.main.get_command(cli_main.build_app())
    assert set(cli_main.COMMAND_MODULES) == set(whole.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(cli_main.COMMAND_MODULES))
def test_a_command_built_alone_is_the_command_of_the_whole_line(name: str) -> None:
    whole = typer.main.get_command(cli_main.build_app())
    alone = typer.main.get_command(cli_main.build_app(cli_main.modules_for([name])))
    assert shape(alone.commands[name]) == shape(whole.commands[name])  # type: ignore[attr-defined]
    assert shape(alone)["params"] == shape(whole)["params"]


@pytest.mark.parametrize(("args", "command"), [
    (["due"], "due"), (["--db", "x.db", "cards", "--json"], "cards"),
    (["--db=x.db", "show", "3"], "show"), ([], None), (["--help"], None),
    (["--bogus", "due"], None), (["review", "next"], "review"), (["--help", "due"], None),
    (["--version", "due"], None), (["due", "--help"], "due")])
def test_the_command_is_found_after_the_root_options(args: list[str],
                                                     command: str | None) -> None:
    assert cli_main.command_named(args) == command


def test_an_unknown_command_builds_every_command() -> None:
    assert cli_main.modules_for(["dew"]) == cli_main.MODULES
    result = CliRunner().invoke(cli_main.build_app(cli_main.modules_for(["dew"])), ["dew"])
    assert result.exit_code == 2 and "dew" in result.output


@pytest.mark.parametrize("args", [["--help"], ["--help", "due"], ["--db", "x.db", "--help"]])
def test_help_lists_every_command(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "dlquiz", *args], capture_output=True,
                          text=True, check=True, env={**os.environ, "COLUMNS": "200"})
    listed = {line.split()[0] for line in done.stdout.split("Commands:")[1].splitlines()
              if line.strip()}
    assert listed == set(cli_main.COMMAND_MODULES)


def test_bare_version_prints_what_the_option_prints() -> None:
    fast = subprocess.run([sys.executable, "-m", "dlquiz", "--version"], capture_output=True,
                          text=True, check=True)
    option = CliRunner().invoke(cli_main.build_app(), ["--version"])
    assert fast.stdout == option.output == f"dlquiz {__version__}\n"
    assert fast.returncode == option.exit_code == 0


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def convert(annotation: Any, values: list[str], light: bool) -> list[tuple[str, Any]]:
    """Each value through a one-option command, as (exit code, value or error line)."""
    from dlquiz.cli.light_params import install

    seen: list[tuple[str, Any]] = []
    for value in values:
        app = typer.Typer()

        def command(opt: Any = None) -> None:
            seen.append(("ok", opt))

        command.__annotations__["opt"] = annotation

        app.command()(command)
        if light:
            install()
        result = CliRunner().invoke(app, ["--opt", value])
        if result.exit_code:
            seen.append((str(result.exit_code), result.output.strip().splitlines()[-1]))
    return seen


@pytest.mark.parametrize(("annotation", "values"), [
    (int, ["0", "7", "-3", "12345678901234567890", "+4", " 5", "1_000", "1.0", "x", "", "٣"]),
    (float, ["0", "0.5", "-2.25", "1e3", "inf", "nan", " 1", "1.", ".5", "x", "1_0.5"]),
    (str, ["", "abc", "中文", "-", "  spaced  "]),
    (Colour, ["red", "blue", "RED", "green", ""]),
])
def test_light_conversion_gives_typers_values_and_errors(annotation: Any,
                                                         values: list[str]) -> None:
    light = subprocess_convert(annotation, values, light=True)
    typers = subprocess_convert(annotation, values, light=False)
    assert light == typers


def subprocess_convert(annotation: Any, values: list[str], light: bool) -> Any:
    """`convert` in a fresh interpreter (install() changes typer for the process)."""
    name = annotation.__name__
    code = (f"import json, sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            "from tests.unit.test_cli_startup import convert, Colour\n"
            f"print(json.dumps([(c, repr(v)) for c, v in convert({name}, {values!r}, "
            f"{light})]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["due"], ["cards"], ["review", "next", "--json"],
                                  ["--help"]])
def test_everyday_commands_load_no_pydantic(args: list[str], tmp_path: Path) -> None:
    code = (f"import sys\nsys.argv = ['dlquiz', *{args!r}]\n"
            "from dlquiz.cli.main import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "DLQUIZ_HOME": str(tmp_path)})
    assert done.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("columns", ["40", "80"])
def test_root_help_without_parameters_is_the_root_help(columns: str) -> None:
    """`dlquiz --help` builds its commands without their parameters; it must read exactly
    as the help of the whole command line."""
    runner = CliRunner()
    whole = runner.invoke(cli_main.build_app(), ["--help"], env={"COLUMNS": columns})
    listed = runner.invoke(cli_main._without_parameters(cli_main.build_app()), ["--help"],
                           env={"COLUMNS": columns})
    assert whole.exit_code == listed.exit_code == 0
    assert listed.output == whole.output and "review" in whole.output


def test_the_commands_still_run_after_a_root_help_was_built() -> None:
    """The stand-ins are copies: the command modules' own groups keep their commands."""
    cli_main._without_parameters(cli_main.build_app())
    result = CliRunner().invoke(cli_main.build_app(), ["review", "--help"])
    assert result.exit_code == 0 and "next" in result.output and "rate" in result.output
