"""One question, one card: a user's note and the built-in note that asks the same question
(the same title key, aliases included) are studied as one card, the user's.

When the user's note appears (imported, or brought back), the built-in card's review
history moves to the user's card if that card is still new: the review-log rows are
re-pointed, the undo journal follows them, and the scheduling state is copied; the built-in
card goes back to new, hidden while the user's note exists. When the user's note goes away
(the question was deleted from the file), the history moves back the same way, so the
built-in card returns with everything that was learned on it.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.cards import lock_journal
from dlquiz.store.cards.records import to_record, write_record
from dlquiz.store.schema.models import ActionRow, CardRow, DeckRow, NoteRow, ReviewLogRow


def question_card(session: Session, note_id: int) -> CardRow | None:
    return session.scalars(select(CardRow).where(CardRow.note_id == note_id,
                                                 CardRow.followup_id.is_(None))).first()


def question_card_id(bank: Bank, note_id: int) -> int | None:
    """The id of the card that asks a note's own question (not one of its follow-ups)."""
    with bank.read() as session:
        card = question_card(session, note_id)
        return card.id if card is not None else None


def builtin_twins(session: Session, keys: Collection[str]) -> dict[str, int]:
    """key -> id of the active built-in note with that key."""
    if not keys:
        return {}
    # the built-in deck holds a few hundred notes: matched here, not with a 10,000-key IN
    rows = session.execute(select(NoteRow.key, NoteRow.id).join(DeckRow,
                                                               DeckRow.id == NoteRow.deck_id)
                           .where(DeckRow.builtin.is_(True), NoteRow.retired_at.is_(None))).all()
    wanted = set(keys)
    return {key: note_id for key, note_id in rows if key in wanted}


def move_history(session: Session, source: CardRow, target: CardRow) -> None:
    """Everything learned on `source` goes to the (new) `target`; `source` becomes new."""
    session.execute(update(ReviewLogRow).where(ReviewLogRow.card_id == source.id)
                    .values(card_id=target.id))
    for action in session.scalars(select(ActionRow).where(
            ActionRow.before_json.like(f"%[{source.id},%"))):
        pairs = json.loads(action.before_json)
        if any(card_id == source.id for card_id, _ in pairs):
            action.before_json = json.dumps(
                [[target.id if card_id == source.id else card_id, snap]
                 for card_id, snap in pairs], ensure_ascii=False)
    learned = to_record(source)
    write_record(target, replace(to_record(target), state=learned.state, step=learned.step,
                                 stability=learned.stability, difficulty=learned.difficulty,
                                 due=learned.due, last_review=learned.last_review,
                                 reps=learned.reps, lapses=learned.lapses, leech=learned.leech,
                                 suspended=learned.suspended, buried_until=None,
                                 pending_question=None))
    write_record(source, replace(to_record(source), state=0, step=None, stability=None,
                                 difficulty=None, last_review=None, reps=0, lapses=0,
                                 leech=False, suspended=False, buried_until=None))


def settle_twins(session: Session, added: Collection[tuple[str, int]],
                 retired: Collection[tuple[str, int]]) -> int:
    """After an import of a user's deck: history follows the card that is studied. `added`
    and `retired` are (key, note id) of the user's notes that appeared and went away."""
    twins = builtin_twins(session, {key for key, _ in (*added, *retired)})
    if not twins:
        return 0
    lock_journal(session)  # the cards read below must not be rated or undone meanwhile
    moved = 0
    for key, note_id in added:
        builtin, own = _pair(session, twins.get(key), note_id)
        if builtin is not None and own is not None and builtin.reps and not own.reps:
            move_history(session, builtin, own)
            moved += 1
    for key, note_id in retired:
        builtin, own = _pair(session, twins.get(key), note_id)
        if builtin is not None and own is not None and own.reps and not builtin.reps:
            move_history(session, own, builtin)
            moved += 1
    return moved


def _pair(session: Session, builtin_note: int | None,
          own_note: int) -> tuple[CardRow | None, CardRow | None]:
    if builtin_note is None:
        return None, None
    return question_card(session, builtin_note), question_card(session, own_note)


def user_twin_card(bank: Bank, builtin_note_id: int) -> int | None:
    """The question card of the user's note that asks what this built-in note asks."""
    with bank.read() as session:
        key = session.scalar(select(NoteRow.key).where(NoteRow.id == builtin_note_id))
        own = session.scalar(select(NoteRow.id).join(DeckRow, DeckRow.id == NoteRow.deck_id)
                             .where(NoteRow.key == key, NoteRow.retired_at.is_(None),
                                    DeckRow.builtin.is_(False)).order_by(NoteRow.id).limit(1))
        card = question_card(session, own) if own is not None else None
        return card.id if card is not None else None
