"""A skill card: a freshly generated question, an answer box, then the verdict and solution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Markdown, Static

from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe, safe_markdown

if TYPE_CHECKING:
    from engine.questions import Question, Verdict


def verdict_markdown(verdict: Verdict, lang: str) -> str:
    lines = []
    if verdict.correct:
        lines.append(f"**{label(lang, 'right')}**")
    else:
        partial = (f" ({label(lang, 'score')} {verdict.score:.2f})"
                   if 0 < verdict.score < 1 else "")
        lines.append(f"**{label(lang, 'wrong')}{partial}** — "
                     f"{label(lang, 'expected')}: `{verdict.expected}`")
    if verdict.diagnosis:
        lines.append(f"\n**{label(lang, 'diagnosis')}**: {verdict.diagnosis}")
    if verdict.feedback:
        lines.append(f"\n{verdict.feedback}")
    if verdict.solution:
        lines.append(f"\n**{label(lang, 'solution')}**\n\n{verdict.solution}")
    return "\n".join(lines)


class SkillView(Vertical):
    DEFAULT_CSS = """
    SkillView { height: auto; }
    SkillView .meta { color: $text-muted; height: auto; }
    SkillView #prompt { margin: 1 0 0 0; padding: 0; }
    SkillView .format { color: $text-muted; }
    SkillView Input { margin: 1 0 0 0; }
    SkillView #verdict { margin: 1 0 0 0; padding: 0; }
    """

    def __init__(self, question: Question, lang: str) -> None:
        super().__init__()
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(Text(f"{label(self.lang, 'skill')} · {q.kind} · {q.topic} · "
                          f"L{q.difficulty} · {q.id}"), classes="meta")
        yield Markdown(safe_markdown(q.prompt), id="prompt", open_links=False)
        yield Static(Text(f"{label(self.lang, 'answer_format')}: {safe(q.answer_format)}"),
                     classes="format")
        yield Input(placeholder=label(self.lang, "answer_here"), id="answer-input",
                    select_on_focus=False)

    async def show_verdict(self, verdict: Verdict) -> None:
        self.query_one(Input).disabled = True
        await self.mount(Markdown(safe_markdown(verdict_markdown(verdict, self.lang)),
                                  id="verdict", open_links=False))
