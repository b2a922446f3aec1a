"""Terminal and JSON views of cards: the listing, one card's content, its scheduling state
and history (rich, never rich markup on user text, every bank string through `safe`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dlquiz.cli.fast_table import FastTable
from dlquiz.cli.render import console
from dlquiz.srs.browse import CardContent, CardReport
from dlquiz.store.cards import CardSummary
from dlquiz.store.schema import RATING_NAMES, STATE_NAMES, NoteDetail
from dlquiz.ui.terminal import safe, safe_markdown

_STATE_STYLE = {"new": "dodger_blue1", "learning": "red", "relearning": "red",
                "review": "green"}


def _interval(days: float | None) -> str:
    if days is None:
        return "-"
    return f"{days:.0f}d" if days >= 1 else f"{days * 24 * 60:.0f}m"


def print_cards(found: Sequence[CardSummary]) -> None:
    table = FastTable("id", "deck", "no.", "title", "state", "due", "ivl", "lapses", "flags")
    for card in found:
        title = f"  ↳ {card.title}" if card.type == "followup" else card.title
        if card.type == "skill":
            title = f"[skill] {card.title}"
        table.add_row(Text(str(card.id)), Text(safe(card.deck or "")),
                      Text(safe(card.number or "")), Text(safe(title)),
                      Text(card.state, style=_STATE_STYLE[card.state]),
                      Text(card.due.astimezone().strftime("%Y-%m-%d") if card.reps else ""),
                      Text(_interval(card.interval_days)), Text(str(card.lapses)),
                      Text(" ".join(card.flags), style="yellow"))
    out = console()
    out.print(table, crop=False)  # laid out within the width: nothing to crop, line by line
    out.print(Text(f"{len(found)} card(s)", style="dim"))


def content_dict(found: CardContent) -> dict[str, Any]:
    data: dict[str, Any] = {"id": found.card_id, "type": found.type,
                            "skill_kind": found.skill_kind}
    if found.note is not None:
        data.update(found.note.to_dict())
        data["id"] = found.card_id
        data["note_id"] = found.note.id
        data["builtin_twin"] = found.twin_card
        data["followups"] = [{"id": card_id, "question": f.question, "answer": f.answer}
                             for card_id, f in found.followups]
    if found.followup is not None:
        data["followup"] = {"question": found.followup.question,
                            "answer": found.followup.answer}
    return data


def print_content(found: CardContent) -> None:
    from rich.markdown import Markdown  # deferred: markdown-it, which `cards` does not need
    from rich.rule import Rule

    out = console()
    if found.skill_kind is not None:
        out.print(Text(f"card {found.card_id} · skill · {found.skill_kind}", style="bold"))
        out.print(Text(f"a fresh question each time it comes due: dlquiz ask "
                       f"{found.skill_kind}", style="dim"))
        return
    note = found.note
    assert note is not None
    number = f"{note.number} " if note.number else ""
    if found.followup is not None:
        out.print(Text(safe(f"{number}{note.title}"), style="dim"))
        out.print(Text(safe(f"↳ {found.followup.question}"), style="bold"))
        out.print()
        out.print(Markdown(safe_markdown(found.followup.answer or "(no answer yet)")))
        return
    out.print(Text(safe(f"{number}{note.title}"), style="bold"))
    out.print(Text(safe(f"card {found.card_id} · {note.deck} · {note.topic or '-'} · "
                        f"{note.status}"), style="dim"))
    out.print()
    _print_body(out, note)
    if found.followups:
        out.print()
        out.print(Text("Follow-ups", style="bold"))
        for card_id, followup in found.followups:
            out.print(Text(safe(f"  {card_id}  {followup.question}")))
    if found.twin is not None and note.status != "answered":
        out.print()
        out.print(Rule(safe(f"built-in answer · card {found.twin_card}"), style="cyan"))
        _print_body(out, found.twin)


def _print_body(out: Console, note: NoteDetail) -> None:
    from rich.markdown import Markdown

    if note.answer:
        out.print(Markdown(safe_markdown(note.answer)))
    else:
        out.print(Text("(no answer yet)", style="dim"))
    if note.references:
        out.print()
        out.print(Text("References", style="bold"))
        for ref in note.references:
            out.print(Text(f"  • {safe(ref.title)}  {safe(ref.url)}"))
    if note.tags or note.practice:
        out.print()
    if note.tags:
        out.print(Text(f"Tags: {safe(', '.join(note.tags))}", style="dim"))
    if note.practice:
        out.print(Text(f"Practice: {safe(', '.join(note.practice))}", style="dim"))


def info_dict(found: CardReport, now: datetime) -> dict[str, Any]:
    card = found.info.card
    interval = ((card.due - card.last_review).total_seconds() / 86400
                if card.last_review is not None else None)
    return {
        "id": card.id, "type": found.info.type, "title": found.info.title,
        "note_id": found.info.note_id, "state": STATE_NAMES[card.state],
        "due": card.due.isoformat(), "interval_days": interval,
        "stability": card.stability, "difficulty": card.difficulty,
        "retrievability": found.retrievability, "reps": card.reps, "lapses": card.lapses,
        "suspended": card.suspended, "leech": card.leech,
        "buried": card.buried_until is not None and card.buried_until > now,
        "last_review": card.last_review.isoformat() if card.last_review else None,
        "history": [{"reviewed_at": h.reviewed_at.isoformat(),
                     "rating": RATING_NAMES[h.rating], "state_before": STATE_NAMES[h.state_before],
                     "duration_ms": h.duration_ms, "answer": h.answer, "correct": h.correct,
                     "question_id": h.question_id} for h in found.info.history]}


def print_info(found: CardReport, now: datetime) -> None:
    data = info_dict(found, now)
    out = console()
    out.print(Text(safe(f"card {data['id']} · {data['type']} · {data['title']}"),
                   style="bold"))
    recall = (f"{100 * data['retrievability']:.1f}%" if data["retrievability"] is not None
              else "-")
    rows = [("state", data["state"]), ("due", found.info.card.due.astimezone()
                                       .strftime("%Y-%m-%d %H:%M")),
            ("interval", _interval(data["interval_days"])),
            ("stability", f"{data['stability']:.2f} d" if data["stability"] else "-"),
            ("difficulty", f"{data['difficulty']:.2f}" if data["difficulty"] else "-"),
            ("retrievability now", recall), ("reviews", str(data["reps"])),
            ("lapses", str(data["lapses"])),
            ("flags", " ".join(k for k in ("suspended", "leech", "buried") if data[k]) or "-")]
    for name, value in rows:
        out.print(Text(f"{name:<20}{value}"))
    if data["history"]:
        table = Table("date", "rating", "before", "time", "answer", box=None)
        for h in found.info.history:
            seconds = f"{h.duration_ms / 1000:.0f}s" if h.duration_ms else ""
            table.add_row(h.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                          RATING_NAMES[h.rating], STATE_NAMES[h.state_before], seconds,
                          Text(safe(h.answer or "")))
        out.print()
        out.print(table)
