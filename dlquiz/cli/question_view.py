"""Plain-terminal rendering of generated questions and verdicts (rich, no markup parsing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.text import Text

from dlquiz.ui import cjk
from dlquiz.ui.labels import LABELS
from dlquiz.ui.terminal import safe as visible
from dlquiz.ui.terminal import safe_markdown

if TYPE_CHECKING:
    from engine.questions import Question, Verdict


def markdown(text: str) -> Markdown:
    cjk.install_rich()
    return Markdown(safe_markdown(text))


def print_question(console: Console, question: Question, lang: str) -> None:
    label = LABELS[lang]
    console.print(Text(f"{label['question_id']}: {question.id}", style="dim"))
    console.print(markdown(question.prompt))
    console.print(Text(f"{label['answer_format']}: {question.answer_format}", style="dim"))


def print_verdict(console: Console, verdict: Verdict, lang: str, *,
                  show_solution: bool = True) -> None:
    label = LABELS[lang]
    if not verdict.readable:  # neither right nor wrong: say why and keep the answer hidden
        console.print(Text(label["unreadable"], style="bold yellow"))
        console.print(Text(visible(verdict.feedback), style="yellow"))
        return
    if verdict.correct:
        console.print(Text(label["right"], style="bold green"))
    else:
        score = f" ({label['score']} {verdict.score:.2f})" if 0 < verdict.score < 1 else ""
        console.print(Text(label["wrong"] + score, style="bold red"))
        console.print(Text(f"{label['expected']}: {verdict.expected}"))
    if verdict.diagnosis:
        console.print(Text(f"{label['diagnosis']}: {visible(verdict.diagnosis)}",
                           style="yellow"))
    if verdict.feedback:
        console.print(markdown(verdict.feedback))
    if show_solution and verdict.solution:
        console.print(Text(label["solution"], style="bold"))
        console.print(markdown(verdict.solution))
