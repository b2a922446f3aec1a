"""`dlquiz kinds`, `ask`, `check`, `practice`: computational questions from the command line.

`ask` and `check` need no bank, so this module imports neither sqlalchemy nor textual at
the top; `practice` opens the bank only to save its attempts.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from dlquiz.cli.common import clean_errors, fail, print_json


class Lang(StrEnum):
    zh = "zh"
    en = "en"


# The seeds a question id may carry; engine.questions.SEED_MAX, repeated here so that
# `dlquiz --help` does not import numpy (a test checks the two agree).
SEED_MAX = 2**63 - 1

LangOption = Annotated[Lang, typer.Option("--lang", help="Language of prompts and feedback.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


def kinds_cmd(
    topic: Annotated[str | None, typer.Option("--topic", help="Only kinds of this topic.")]
    = None,
    as_json: JsonOption = False,
) -> None:
    """List the computational question kinds."""
    from rich.console import Console
    from rich.table import Table

    from engine.questions import list_kinds

    kinds = [k for k in list_kinds() if topic is None or k.topic == topic]
    if topic is not None and not kinds:
        topics = sorted({k.topic for k in list_kinds()})
        raise fail(f"no kinds with topic '{topic}'; topics: {', '.join(topics)}.")
    if as_json:
        print_json([k.to_dict() for k in kinds])
        return
    table = Table("kind", "topic", "answer", "title", box=None)
    for kind in kinds:
        table.add_row(kind.id, kind.topic, kind.answer_type, f"{kind.title_zh} / {kind.title_en}")
    Console(highlight=False).print(table)


def ask_cmd(
    kind: Annotated[str, typer.Argument(help="Kind id, e.g. conv-output-shape.")],
    difficulty: Annotated[int, typer.Option("--difficulty", "-d", min=1, max=3)] = 1,
    seed: Annotated[int | None, typer.Option(
        "--seed", min=0, max=SEED_MAX, help="0 to 2^63−1; default: random.")] = None,
    lang: LangOption = Lang.zh,
    as_json: JsonOption = False,
) -> None:
    """Generate one question (answer it with `dlquiz check ID ANSWER`)."""
    from rich.console import Console

    from dlquiz.cli.question_view import print_question
    from engine.questions import generate

    with clean_errors():
        question = generate(kind, difficulty, seed, lang.value)
    if as_json:
        print_json(question.to_dict())
        return
    print_question(Console(highlight=False), question, lang.value)


def check_cmd(
    question_id: Annotated[str, typer.Argument(metavar="ID", help="kind/difficulty/seed")],
    answer: Annotated[str, typer.Argument(
        help="Your answer, as you would write it (negative numbers need no --).")],
    lang: LangOption = Lang.zh,
    as_json: JsonOption = False,
) -> None:
    """Check an answer to a generated question; shows the diagnosis and worked solution.

    With --json the verdict says whether the answer was readable ("readable", "reason").
    """
    from rich.console import Console

    from dlquiz.cli.question_view import print_verdict
    from engine.questions import check

    with clean_errors():
        verdict = check(question_id, answer, lang.value)
    if as_json:
        print_json({**verdict.readability(), **verdict.to_dict()})
        return
    print_verdict(Console(highlight=False), verdict, lang.value)


def practice_cmd(
    ctx: typer.Context,
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="[KIND|TOPIC]...", help="Kinds or topics to drill (default: all).")] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1)] = 5,
    difficulty: Annotated[int | None, typer.Option(
        "--difficulty", "-d", min=1, max=3, help="Default: mixed.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", min=0)] = None,
    lang: LangOption = Lang.zh,
) -> None:
    """A quick drill in the plain terminal; attempts are saved for progress tracking."""
    from dlquiz.cli.practice import run_practice

    with clean_errors():
        run_practice(ctx, targets or [], count=count, difficulty=difficulty, seed=seed,
                     lang=lang.value)


def register(app: typer.Typer) -> None:
    app.command("kinds")(kinds_cmd)
    app.command("ask")(ask_cmd)
    # An answer such as -1.31 is not an option: unknown "-…" tokens stay arguments.
    app.command("check", context_settings={"ignore_unknown_options": True})(check_cmd)
    app.command("practice")(practice_cmd)
