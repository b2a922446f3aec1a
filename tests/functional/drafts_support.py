"""The user's own notes file imported as a new user does (`dlquiz import FILE --deck mine`),
and what the tests on its draft and partial notes need: the cards, the screen as text."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import select
from textual.app import App
from typer.testing import CliRunner

from dlquiz.cli.main import app as cli
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.schema.models import CardRow, DeckRow, NoteRow


@dataclass(frozen=True)
class OwnCard:
    card_id: int
    note_id: int
    number: str | None
    status: str


def import_mine(tmp: Path, notes: Path) -> Bank:
    """A new bank (built-in deck and skill cards included) with `notes` as deck `mine`."""
    url = f"sqlite:///{tmp / 'mine.db'}"
    result = CliRunner().invoke(cli, ["--db", url, "import", str(notes), "--deck", "mine"])
    assert result.exit_code == 0, result.output
    return open_bank(url)


def own_cards(bank: Bank, statuses: tuple[str, ...] = ("draft", "partial")) -> list[OwnCard]:
    """The note cards (not follow-ups) of deck `mine` whose note has one of `statuses`."""
    with bank.sessions() as s:
        rows = s.execute(
            select(CardRow.id, NoteRow.id, NoteRow.number, NoteRow.status)
            .join(NoteRow, NoteRow.id == CardRow.note_id)
            .join(DeckRow, DeckRow.id == NoteRow.deck_id)
            .where(DeckRow.name == "mine", CardRow.followup_id.is_(None),
                   NoteRow.status.in_(statuses), NoteRow.retired_at.is_(None))
            .order_by(NoteRow.id)).all()
    return [OwnCard(*row) for row in rows]


def screen_text(app: App[None]) -> list[str]:
    """The screen as the terminal shows it, one string per row (what export_screenshot
    draws, as plain text)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()
