"""The notes an export writes, as they are studied: one question, one card (store/cards/twins.py).
A draft or partial note of the user's carries the built-in answer it is studied with (and
its card keeps the history); the built-in note asking the same question is left out, since
the user never studies it on its own, unless the export asks for the built-in notes too."""

from __future__ import annotations

from dataclasses import replace

from dlquiz.store.bank import Bank
from dlquiz.store.decks import BUILTIN_DECK, builtin_answers
from dlquiz.store.interop import ExportNote, export_notes


def studied_notes(bank: Bank, *, deck: str | None = None, with_history: bool = False,
                  include_builtin: bool = False) -> list[ExportNote]:
    """Active notes (all decks, or one) for an export; `include_builtin` keeps (or, for one
    user deck, adds) the built-in notes that a user's note asks as well."""
    notes = export_notes(bank, deck=deck, with_history=with_history)
    own_keys = {n.key for n in notes if not n.builtin}
    twins = builtin_answers(bank, {n.key for n in notes
                                   if not n.builtin and n.status != "answered"})
    chosen: list[ExportNote] = []
    for note in notes:
        if note.builtin and note.key in own_keys and not include_builtin:
            continue  # studied through the user's note, which carries its answer
        twin = twins.get(note.key) if not note.builtin and note.status != "answered" else None
        chosen.append(replace(note, twin=twin) if twin is not None else note)
    if include_builtin and deck is not None and deck != BUILTIN_DECK:
        chosen += [n for n in export_notes(bank, deck=BUILTIN_DECK, with_history=with_history)
                   if n.key in own_keys]
    return chosen
