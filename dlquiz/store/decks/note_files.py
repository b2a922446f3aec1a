"""What `notes fill` asks the bank about a user's notes file: which decks it was imported
into (with the digest seen then, to refuse a file edited since), and the built-in answers
to the questions it leaves open."""

from __future__ import annotations

import json
from collections.abc import Collection

from sqlalchemy import select

from dlquiz.notes.builtin_section import BuiltinAnswer
from dlquiz.notes.model import Reference
from dlquiz.store.bank.database import Bank
from dlquiz.store.decks.importing import GONE
from dlquiz.store.schema.models import DeckRow, NoteRow, SourceRow


def imported_digests(bank: Bank, path: str) -> dict[str, str]:
    """deck name -> digest of `path` at its last import into that deck (user decks only)."""
    with bank.read() as session:
        rows = session.execute(
            select(DeckRow.name, SourceRow.digest).join(DeckRow, DeckRow.id == SourceRow.deck_id)
            .where(SourceRow.path == path, DeckRow.builtin.is_(False))).all()
    return {deck: digest for deck, digest in rows if digest != GONE}


def builtin_answers(bank: Bank, keys: Collection[str]) -> dict[str, BuiltinAnswer]:
    """title key -> the answer and references of the active built-in note with that key
    (only notes that have an answer: a built-in draft has nothing to give)."""
    if not keys:
        return {}
    with bank.read() as session:
        rows = session.execute(
            select(NoteRow.key, NoteRow.answer, NoteRow.references_json)
            .join(DeckRow, DeckRow.id == NoteRow.deck_id)
            .where(DeckRow.builtin.is_(True), NoteRow.retired_at.is_(None),
                   NoteRow.status != "draft", NoteRow.key.in_(list(keys)))
            .order_by(NoteRow.id)).all()
    found: dict[str, BuiltinAnswer] = {}
    for key, answer, refs in rows:
        found.setdefault(key, BuiltinAnswer(
            answer=answer,
            references=tuple(Reference(title=t, url=u) for t, u in json.loads(refs))))
    return found
