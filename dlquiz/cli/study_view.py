"""Plain-terminal and JSON views of study items, rating results and undone actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dlquiz.srs.records import RatingResult
from dlquiz.srs.service import StudyItem
from dlquiz.store.cards import ActionInfo
from dlquiz.store.schema import RATING_NAMES
from dlquiz.ui.terminal import safe

if TYPE_CHECKING:
    from engine.questions import Verdict


def item_to_dict(item: StudyItem) -> dict[str, Any]:
    card = item.card
    data: dict[str, Any] = {"id": card.card_id, "type": card.type, "queue": card.queue,
                            "state": card.state_name, "due": card.due.isoformat(),
                            "version": card.version}
    if item.note is not None:
        note = item.note
        number = f"{note.number} " if note.number else ""
        data.update(prompt=f"{number}{note.title}", note_id=note.id, deck=note.deck,
                    topic=note.topic, question_id=None)
        if item.followup is not None:
            data.update(prompt=item.followup.question, parent=f"{number}{note.title}")
    if item.question is not None:
        question = item.question
        data.update(prompt=question.prompt, question_id=question.id, kind=question.kind,
                    topic=question.topic, difficulty=question.difficulty,
                    answer_format=question.answer_format)
    return data


def print_item(item: StudyItem, lang: str) -> None:
    from rich.console import Console  # deferred: `review next --json` prints no rich text
    from rich.text import Text

    from dlquiz.cli.question_view import print_question

    console = Console(highlight=False)
    console.print(Text(f"card {item.card.card_id} · {item.card.type} · {item.card.queue}",
                       style="dim"))
    if item.note is not None:
        number = f"{item.note.number} " if item.note.number else ""
        if item.followup is not None:
            console.print(Text(safe(f"{number}{item.note.title}"), style="dim"))
            console.print(Text(safe(f"↳ {item.followup.question}"), style="bold"))
        else:
            console.print(Text(safe(f"{number}{item.note.title}"), style="bold"))
        console.print(Text(f"rate it: dlquiz review rate {item.card.card_id} "
                           "again|hard|good|easy", style="dim"))
    if item.question is not None:
        print_question(console, item.question, lang)
        console.print(Text(f"answer it: dlquiz review rate {item.card.card_id} good "
                           "--answer '…'", style="dim"))


def print_rating(result: RatingResult, verdict: Verdict | None, lang: str) -> None:
    from rich.console import Console  # deferred: `review rate --json` prints no rich text
    from rich.text import Text

    from dlquiz.cli.question_view import print_verdict

    console = Console(highlight=False)
    if verdict is not None:
        print_verdict(console, verdict, lang, show_solution=not verdict.correct)
    due = result.due.astimezone().strftime("%Y-%m-%d %H:%M")
    line = (f"card {result.card_id}: {RATING_NAMES[result.rating]} → next in "
            f"{result.to_dict()['interval']} ({due})")
    console.print(Text(line))
    if result.leech:
        console.print(Text(f"this card is a leech ({result.lapses} lapses) and has been "
                           "suspended; `dlquiz unsuspend` brings it back.", style="yellow"))


def describe_action(action: ActionInfo) -> str:
    """`'good' on card 17 (rated 2026-11-28 09:30)` / `suspend of card 17 (…)`."""
    cards = ", ".join(str(c) for c in action.card_ids)
    when = action.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if action.label is not None:
        return f"the {action.label} ({when})"
    if action.rating is not None:
        return f"'{RATING_NAMES[action.rating]}' on card {cards} (rated {when})"
    noun = "card" if len(action.card_ids) == 1 else "cards"
    return f"{action.kind} of {noun} {cards} ({when})"
