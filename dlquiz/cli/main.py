"""The `dlquiz` command: global options and the command groups. Heavy libraries are imported
inside the commands that need them so `--help` and `--version` stay instant; a run builds
only the command group it was asked for (`due` does not build or import `exam`), and a bare
`--version` answers before typer is imported at all."""

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

from dlquiz import __version__

if TYPE_CHECKING:
    import typer

# The modules that register each top-level command, in registration order (deck_cmds adds
# `notes list|delete` to the group notes_cmds made). A name not here builds every command:
# `--help`, no command, a typo (typer then suggests the nearest names). A test checks this
# table against what the modules register.
MODULES = ("notes_cmds", "deck_cmds", "card_cmds", "questions_cmds", "study_cmds",
           "bank_cmds", "exam_cmds", "stats_cmds", "optimize_cmds", "plan_cmds",
           "interop_cmds", "serve_cmds")
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "import": ("notes_cmds",), "notes": ("notes_cmds", "deck_cmds"),
    "decks": ("deck_cmds",), "cards": ("card_cmds",), "show": ("card_cmds",),
    "info": ("card_cmds",), "kinds": ("questions_cmds",), "ask": ("questions_cmds",),
    "check": ("questions_cmds",), "practice": ("questions_cmds",),
    "study": ("study_cmds",), "due": ("study_cmds",), "review": ("study_cmds",),
    "undo": ("study_cmds",), "suspend": ("study_cmds",), "unsuspend": ("study_cmds",),
    "bury": ("study_cmds",), "unbury": ("study_cmds",), "config": ("study_cmds",),
    "bank": ("bank_cmds",), "exam": ("exam_cmds",), "stats": ("stats_cmds",),
    "optimize": ("optimize_cmds",), "plan": ("plan_cmds",), "export": ("interop_cmds",),
    "serve": ("serve_cmds",),
}
ROOT_OPTIONS_WITH_VALUE = ("--db",)


def build_app(modules: Sequence[str] = MODULES) -> "typer.Typer":
    """The command line with the commands of `modules` (all of them by default)."""
    import typer

    from dlquiz.cli.common import GlobalOptions
    from dlquiz.cli.light_params import install

    install()
    app = typer.Typer(
        name="dlquiz",
        help="Study deep-learning interview notes with spaced repetition and generated "
             "questions.",
        add_completion=False,
        no_args_is_help=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"dlquiz {__version__}")
            raise typer.Exit()

    @app.callback(invoke_without_command=True)
    def root(
        ctx: typer.Context,
        db: Annotated[str | None, typer.Option(
            "--db", envvar="DLQUIZ_DB", metavar="URL",
            help="The bank: a SQLite file, or postgresql://user@host/db.")] = None,
        version: Annotated[bool, typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit.")]
        = False,
    ) -> None:
        """With no command, start today's study session."""
        ctx.obj = GlobalOptions(db=db)
        if ctx.invoked_subcommand is None:
            from dlquiz.cli.study_cmds import study_cmd

            study_cmd(ctx)

    for name in modules:
        import_module(f"dlquiz.cli.{name}").register(app)
    _one_line_usage_errors()
    return app


def _one_line_usage_errors() -> None:
    """Click answers a bad argument with its usage text and a boxed error over several
    lines; dlquiz promises one sentence on stderr (and exit code 2) for every bad input,
    so usage errors are shown that way too, with the help command to run."""
    import typer

    # typer vendors click; its UsageError is BadParameter's base class, whatever the module
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

    def show(self: Any, file: object = None) -> None:
        ctx = getattr(self, "ctx", None)
        where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        message = self.format_message().rstrip(".")
        typer.echo(f"dlquiz: {message}{where}.", err=True)

    setattr(usage_error, "show", show)  # noqa: B010  (a class attribute mypy cannot see)


def command_named(args: Sequence[str]) -> str | None:
    """The top-level command in `args` (after the root options), or None if there is none."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in ROOT_OPTIONS_WITH_VALUE and rest:
            rest.pop(0)
        elif not option.startswith("--db="):
            # the root's --help or --version (answered before any command: the root help
            # lists every command), or an option typer will refuse: with every command there
            return None
    return rest[0] if rest else None


def modules_for(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules a run with `args` needs: the named command's, else all."""
    return COMMAND_MODULES.get(command_named(args) or "", MODULES)


def _listed_only(callback: Any) -> Any:
    """A stand-in with the callback's name and help but no parameters (typer's default
    placeholder, no callback, is kept as it is)."""
    if not callable(callback) or not hasattr(callback, "__name__"):
        return callback

    def stand_in() -> None:
        raise AssertionError("a command built for the root help was run")

    stand_in.__name__, stand_in.__doc__ = callback.__name__, callback.__doc__
    return stand_in


def _without_parameters(app: "typer.Typer") -> "typer.Typer":
    """A copy of `app` whose commands keep their names and help but not their parameters:
    the root `--help` shows only those, and typer would otherwise read every parameter of
    every command (most of the time `--help` took). The root's own options stay."""
    import copy

    def commands(owner: "typer.Typer") -> list[Any]:
        return [copy.copy(info) for info in owner.registered_commands]

    def groups(owner: "typer.Typer") -> list[Any]:
        found = []
        for info in owner.registered_groups:
            info = copy.copy(info)
            info.callback = _listed_only(info.callback)
            if info.typer_instance is not None:
                instance = info.typer_instance = copy.copy(info.typer_instance)
                if instance.registered_callback is not None:  # the group's own options
                    instance.registered_callback = copy.copy(instance.registered_callback)
                    instance.registered_callback.callback = _listed_only(
                        instance.registered_callback.callback)
                instance.registered_commands = []
                instance.registered_groups = []
            found.append(info)
        return found

    listed = copy.copy(app)
    listed.registered_commands = commands(app)
    for info in listed.registered_commands:
        info.callback = _listed_only(info.callback)
    listed.registered_groups = groups(app)
    return listed


def __getattr__(name: str) -> Any:
    """`app`, the whole command line (what tests drive), built on first use."""
    if name == "app":
        app = build_app()
        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:  # the answer typer would give, without importing it
        print(f"dlquiz {__version__}")
        return
    app = build_app(modules_for(args))
    if "--help" in args and command_named(args) is None:
        app = _without_parameters(app)
    app()
