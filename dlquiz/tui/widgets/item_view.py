"""One exam item: what kind it is, the prompt, the answer format, the answer box (one line
for a computational item, a text area for a recall item), and with immediate feedback the
verdict once answered."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Markdown, Static, TextArea

from dlquiz.store.exams import ExamItemRecord
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe, safe_markdown


def grade_markdown(item: ExamItemRecord, lang: str) -> str:
    if item.type == "recall":
        points = "\n".join(f"{i}. {'☑' if i in set(item.points or ()) else '☐'} {p}"
                           for i, p in enumerate(item.key_points, start=1))
        score = f"**{label(lang, 'score')}**: {item.score or 0:.2f}\n\n" if item.graded else ""
        return f"{score}**{label(lang, 'key_points')}**\n\n{points}"
    lines = [f"**{label(lang, 'correct' if item.correct else 'wrong')}**"
             f" · {label(lang, 'score')} {item.score or 0:.2f}",
             f"**{label(lang, 'expected')}**: `{item.expected}`"]
    if item.diagnosis:
        lines.append(f"**{label(lang, 'diagnosis')}**: {item.diagnosis}")
    return "\n\n".join(lines)


class ItemView(Vertical):
    DEFAULT_CSS = """
    ItemView { height: auto; padding: 0 1; }
    ItemView .meta { color: $text-muted; height: auto; }
    ItemView #prompt { margin: 1 0 0 0; padding: 0; }
    ItemView .format { color: $text-muted; height: auto; }
    ItemView Input { margin: 1 0 0 0; }
    ItemView TextArea { height: 8; margin: 1 0 0 0; }
    ItemView #grade { margin: 1 0 0 0; padding: 0; }
    """

    def __init__(self, item: ExamItemRecord, lang: str, typed: str,
                 cursor_blink: bool) -> None:
        super().__init__()
        self.item = item
        self.lang = lang
        self.typed = typed
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        item, lang = self.item, self.lang
        kind = label(lang, "followup") if item.parent_n else label(lang, item.type)
        flag = f" · ⚑ {label(lang, 'flagged')}" if item.flagged else ""
        yield Static(Text(safe(f"{kind} · {item.topic}{flag}")), classes="meta", id="meta")
        yield Markdown(safe_markdown(item.prompt), id="prompt", open_links=False)
        if item.type == "computational":
            from engine.questions import question_from_id  # deferred: numpy

            assert item.question_id is not None
            fmt = question_from_id(item.question_id, lang).answer_format
            yield Static(Text(safe(f"{label(lang, 'answer_format')}: {fmt}")),
                         classes="format")
            box = Input(value=self.typed, placeholder=label(lang, "type_answer"), id="answer")
            box.cursor_blink = self.cursor_blink
            yield box
        else:
            yield Static(Text(label(lang, "type_recall")), classes="format")
            area = TextArea(self.typed, id="answer", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = self.cursor_blink
            yield area

    def show_flag(self, flagged: bool) -> None:
        item, lang = self.item, self.lang
        kind = label(lang, "followup") if item.parent_n else label(lang, item.type)
        flag = f" · ⚑ {label(lang, 'flagged')}" if flagged else ""
        self.query_one("#meta", Static).update(Text(safe(f"{kind} · {item.topic}{flag}")))

    def focus_box(self) -> None:
        box = self.query_one("#answer")
        if not box.disabled:
            box.focus()

    async def show_grade(self, item: ExamItemRecord) -> None:
        """Immediate feedback: the verdict under the answer, which is final from now on."""
        self.item = item
        self.query_one("#answer").disabled = True
        for old in self.query("#grade"):
            await old.remove()
        await self.mount(Markdown(safe_markdown(grade_markdown(item, self.lang)), id="grade",
                                  open_links=False))
