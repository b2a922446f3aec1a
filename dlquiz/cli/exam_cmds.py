"""`dlquiz exam …`: practice exams, in the TUI (`exam`, `exam new`, `exam resume`) and from
scripts (`exam new --json`, `answer`, `points`, `submit`, `list`, `show`, `export`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dlquiz.cli.common import NUMBERS_AS_ARGUMENTS, clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption, Lang, LangOption

if TYPE_CHECKING:
    from dlquiz.exams.service import ExamService

exam_app = typer.Typer(help="Timed practice exams from the bank and the question engine.",
                       invoke_without_command=True)
ExamArg = Annotated[int, typer.Argument(metavar="EXAM", help="Exam id (`dlquiz exam list`).")]
ItemArg = Annotated[int, typer.Argument(metavar="N", help="Item number (1, 2, …).")]


LANG_KEY = "dlquiz.exam.lang"  # `dlquiz exam --lang en show 3`: the group's language


def service_for(ctx: typer.Context, lang: str | None = None) -> ExamService:
    """The exam service in `lang`, or else the language given to `dlquiz exam --lang`."""
    from dlquiz.exams.service import ExamService

    return ExamService(open_bank_for(ctx), lang=lang or ctx.meta.get(LANG_KEY, "zh"))


@exam_app.callback()
def exam_root(ctx: typer.Context, lang: LangOption = Lang.zh) -> None:
    """With no command: the exam start screen (presets, recent specs, history)."""
    ctx.meta[LANG_KEY] = lang.value
    if ctx.invoked_subcommand is None:
        from dlquiz.tui.app.exam_app import run_exam_app

        run_exam_app(service_for(ctx, lang.value))


@exam_app.command("new")
def new_cmd(
    ctx: typer.Context,
    preset_name: Annotated[str | None, typer.Option(
        "--preset", help="mock (45 min, ~10 mixed), quick (10 min, 5 computational), missed.")]
    = None,
    spec_file: Annotated[Path | None, typer.Option("--spec", help="A TOML spec file.")] = None,
    topics: Annotated[list[str] | None, typer.Option(
        "--topic", help="Topic (note topic, tag or skill topic), optionally TOPIC:WEIGHT.")]
    = None,
    items: Annotated[int | None, typer.Option("--items", help="Number of items.")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="Time limit.")] = None,
    computational: Annotated[float | None, typer.Option(
        "--computational", help="Share of computational items, 0 to 1.")] = None,
    difficulty: Annotated[str | None, typer.Option(
        "--difficulty", help="1, 2, 3, a list such as 2,3, or mix.")] = None,
    feedback: Annotated[str | None, typer.Option(
        "--feedback", help="deferred (default) or immediate.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="Recall items from: all (your notes first, the built-in bank fills "
        "the rest; every preset's default), mine or builtin.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Default: drawn and shown.")]
    = None,
    lang: LangOption = Lang.zh,
    as_json: JsonOption = False,
) -> None:
    """Start a new exam (its clock starts now); opens it in the terminal unless --json."""
    from dlquiz.cli.exam_view import new_exam_dict
    from dlquiz.exams.spec import ExamSpec, SpecOverrides, parse_topic, preset, read_spec_file

    with clean_errors():
        spec = preset(preset_name) if preset_name else ExamSpec(name=None)
        if spec_file is not None:
            spec = read_spec_file(spec_file)
        spec = SpecOverrides(topics=tuple(parse_topic(t) for t in topics or ()), items=items,
                             computational=computational, difficulty=difficulty,
                             minutes=minutes, feedback=feedback, source=source,
                             seed=seed).apply(spec)
        service = service_for(ctx, lang.value)
        exam = service.build(spec)
    if as_json:
        print_json(new_exam_dict(exam))
        return
    from dlquiz.tui.app.exam_app import run_exam_app

    run_exam_app(service, exam_id=exam.id)


@exam_app.command("resume")
def resume_cmd(ctx: typer.Context, lang: LangOption = Lang.zh) -> None:
    """Continue the exam that is still running (the clock kept going meanwhile)."""
    from dlquiz.cli.common import fail
    from dlquiz.tui.app.exam_app import run_exam_app

    service = service_for(ctx, lang.value)
    with clean_errors():
        exam = service.open_exam()
    if exam is None:
        raise fail("no exam is running; start one with `dlquiz exam new` or `dlquiz exam`.")
    run_exam_app(service, exam_id=exam.id)


@exam_app.command("answer", context_settings=NUMBERS_AS_ARGUMENTS)
def answer_cmd(ctx: typer.Context, exam: ExamArg, n: ItemArg,
               answer: Annotated[str | None, typer.Argument(
                   help="Your answer, as you would write it.")] = None,
               oral: Annotated[bool, typer.Option(
                   "--oral", help="A recall item answered aloud (self-grade it after).")]
               = False,
               as_json: JsonOption = False) -> None:
    """Answer item N (refused once the exam ended or was submitted)."""
    from dlquiz.cli.common import fail
    from dlquiz.cli.exam_view import item_result

    if oral == (answer is not None):
        raise fail("give either the answer or --oral (a recall item answered aloud), "
                   "not both and not neither.")
    with clean_errors():
        service = service_for(ctx)
        item = (service.answer_orally(exam, n) if answer is None
                else service.answer(exam, n, answer))
    if as_json:
        print_json(item_result(item))
    else:
        typer.echo(f"item {n} of exam {exam}: {'answered aloud' if oral else 'answer kept'}.")


@exam_app.command("flag")
def flag_cmd(ctx: typer.Context, exam: ExamArg, n: ItemArg,
             off: Annotated[bool, typer.Option("--off", help="Remove the flag.")] = False
             ) -> None:
    """Flag item N for review before submitting."""
    with clean_errors():
        service_for(ctx).flag(exam, n, not off)
    typer.echo(f"item {n} of exam {exam}: {'unflagged' if off else 'flagged'}.")


@exam_app.command("points")
def points_cmd(ctx: typer.Context, exam: ExamArg, n: ItemArg,
               covered: Annotated[str, typer.Argument(
                   metavar="1,3,4", help="Numbers of the key points you covered (or none).")],
               as_json: JsonOption = False) -> None:
    """Self-grade recall item N by the key points `dlquiz exam show` lists."""
    from dlquiz.cli.exam_view import result_dict
    from dlquiz.store.schema import InputError

    with clean_errors():
        words = [w for w in covered.replace("，", ",").replace(" ", ",").split(",") if w]
        if words == ["none"]:
            words = []
        try:
            ticked = tuple(int(w) for w in words)
        except ValueError:
            raise InputError(f"'{covered}' is not a list of key-point numbers such as 1,3,4 "
                             "(or none).") from None
        record = service_for(ctx).points(exam, n, ticked)
    result = result_dict(record)
    if as_json:
        print_json(result)
    else:
        typer.echo(f"exam {exam}: {result['score']:.2f}/{result['max_score']:.0f} "
                   f"({result['percent']}%)")


@exam_app.command("submit")
def submit_cmd(ctx: typer.Context, exam: ExamArg, as_json: JsonOption = False) -> None:
    """Hand the exam in: computational items are graded; self-grade recall items next."""
    from dlquiz.cli.exam_view import print_exam, result_dict

    with clean_errors():
        record = service_for(ctx).submit(exam)
    if as_json:
        print_json(result_dict(record))
    else:
        print_exam(record)


@exam_app.command("list")
def list_cmd(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every exam: date, spec, items, score, duration."""
    from dlquiz.cli.exam_view import print_history

    with clean_errors():
        summaries = service_for(ctx).list()
    if as_json:
        print_json([s.to_dict() for s in summaries])
    else:
        print_history(summaries)


@exam_app.command("show")
def show_cmd(ctx: typer.Context, exam: ExamArg, as_json: JsonOption = False) -> None:
    """One exam: its items and answers; after submission the verdicts and key points."""
    from dlquiz.cli.exam_view import print_exam, show_dict

    with clean_errors():
        record = service_for(ctx).get(exam)
    if as_json:
        print_json(show_dict(record))
    else:
        print_exam(record)


@exam_app.command("export")
def export_cmd(
    ctx: typer.Context, exam: ExamArg,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    answers: Annotated[bool, typer.Option(
        "--answers", help="Add the answer key: worked solutions, mistakes to watch for, "
        "reference answers.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")]
    = None,
) -> None:
    """A printable copy of the exam (Markdown, or one self-contained HTML page)."""
    from dlquiz.exams.export import export_exam
    from dlquiz.store.schema import InputError

    with clean_errors():
        if fmt not in ("md", "html"):
            raise InputError(f"'{fmt}' is not an export format; use md or html.")
        record = service_for(ctx).get(exam)
        text = export_exam(record, fmt, answers=answers)
        if output is None:
            typer.echo(text)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot be written ({exc.strerror}).") from None
    typer.echo(f"wrote {output}")


@exam_app.command("retry")
def retry_cmd(ctx: typer.Context, exam: ExamArg, as_json: JsonOption = False) -> None:
    """A new exam over what EXAM missed, with fresh numbers (opens it unless --json)."""
    _follow_up(ctx, exam, as_json, "retry")


@exam_app.command("again")
def again_cmd(ctx: typer.Context, exam: ExamArg, as_json: JsonOption = False) -> None:
    """A new version of EXAM: same spec, new seed (opens it unless --json)."""
    _follow_up(ctx, exam, as_json, "again")


def _follow_up(ctx: typer.Context, exam: int, as_json: bool, how: str) -> None:
    from dlquiz.cli.exam_view import new_exam_dict

    with clean_errors():
        service = service_for(ctx)
        record = service.retry_missed(exam) if how == "retry" else service.new_version(exam)
    if as_json:
        print_json(new_exam_dict(record))
        return
    from dlquiz.tui.app.exam_app import run_exam_app

    run_exam_app(service, exam_id=record.id)


@exam_app.command("study")
def study_cmd(ctx: typer.Context, exam: ExamArg) -> None:
    """Bring the cards EXAM missed into today's study (`dlquiz undo` reverts)."""
    from dlquiz.ui.exam_text import brought_text

    with clean_errors():
        service = service_for(ctx)
        brought = service.bring_into_study(exam)
    typer.echo(brought_text(brought, service.lang))


def register(app: typer.Typer) -> None:
    app.add_typer(exam_app, name="exam")
