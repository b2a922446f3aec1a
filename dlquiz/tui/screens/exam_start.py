"""Where `dlquiz exam` starts: the presets, a running exam to resume, the specs of recent
exams to take again with a new seed, and the history; the clock rule stated up front."""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dlquiz.store.exams import ExamRecord, ExamSummary
from dlquiz.tui.screens.modals import KeyHelp
from dlquiz.tui.widgets.countdown import format_left
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe

HISTORY_ROWS = 8
RECENT_SPECS = 3


def history_text(summaries: list[ExamSummary], lang: str, zone: tzinfo) -> Text:
    text = Text(label(lang, "history") + "\n", style="bold")
    if not summaries:
        text.append(label(lang, "no_history"), style="dim")
        return text
    for s in reversed(summaries[-HISTORY_ROWS:]):
        percent = f"{s.percent:5.1f}%" if s.percent is not None else "  -   "
        minutes = f"{s.duration_seconds / 60:4.0f} min" if s.duration_seconds else "   -    "
        text.append(f"#{s.id:<4} {s.started_at.astimezone(zone):%m-%d %H:%M}  {percent}  "
                    f"{minutes}  {s.items:>3}  {safe(s.name or 'custom')}\n")
    return text


class ExamStartScreen(Screen[str]):
    """Dismissed with the choice: `preset:NAME`, `resume:ID`, `again:ID` or `view:ID`."""

    DEFAULT_CSS = """
    ExamStartScreen VerticalScroll { padding: 1 2; }
    ExamStartScreen .title { text-style: bold; height: auto; }
    ExamStartScreen .clock { color: $text-muted; height: auto; margin: 0 0 1 0; }
    ExamStartScreen OptionList { height: auto; max-height: 10; margin: 0 0 1 0; }
    ExamStartScreen #history { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", show=False),
        Binding("q", "app.quit", show=False),
        # ↑↓ choose; the page (presets, history) scrolls with these, whatever is focused
        *[Binding(key, f"scroll_page('{how}')", show=False, priority=True)
          for key, how in (("pageup", "page_up"), ("pagedown", "page_down"),
                           ("home", "home"), ("end", "end"))],
    ]

    def __init__(self, lang: str, running: ExamRecord | None, seconds_left: float,
                 summaries: list[ExamSummary], zone: tzinfo) -> None:
        super().__init__()
        self.lang = lang
        self.zone = zone
        self.running = running
        self.seconds_left = seconds_left
        self.summaries = summaries

    def options(self) -> list[Option]:
        lang = self.lang
        found = []
        if self.running is not None:
            found.append(Option(label(lang, "resume", id=self.running.id,
                                      left=format_left(self.seconds_left)),
                                id=f"resume:{self.running.id}"))
        found += [Option(label(lang, f"preset_{name}"), id=f"preset:{name}")
                  for name in ("mock", "quick", "missed")]
        seen: set[str] = set()
        for s in reversed(self.summaries):
            name = s.name or "custom"
            if s.submitted and name not in seen and len(seen) < RECENT_SPECS:
                seen.add(name)
                found.append(Option(safe(label(lang, "again_spec", name=f"{name} #{s.id}")),
                                    id=f"again:{s.id}"))
        found += [Option(safe(label(lang, "view_exam", id=s.id, name=s.name or "custom")),
                         id=f"view:{s.id}")
                  for s in list(reversed(self.summaries))[:RECENT_SPECS] if s.submitted]
        return found

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="start-page"):
            yield Static(label(self.lang, "start_title"), classes="title")
            yield Static(label(self.lang, "wall_clock"), classes="clock")
            yield OptionList(*self.options(), id="choices")
            yield Static(history_text(self.summaries, self.lang, self.zone), id="history")
        yield Static(label(self.lang, "start_keys"), id="keys")  # in the exam's language

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_scroll_page(self, how: str) -> None:
        getattr(self.query_one("#start-page", VerticalScroll), f"scroll_{how}")(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("exam_start", self.lang), self.lang))
