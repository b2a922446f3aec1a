"""Recording ratings: each is one transaction (new card state + review log row holding the
state before), so undo can put the card back exactly, as many levels deep as there are logs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.srs.cards import apply_state, restore, snapshot, state_of
from dlquiz.srs.days import next_day_start
from dlquiz.srs.records import RatingResult, UndoResult
from dlquiz.srs.scheduler import preview, review
from dlquiz.srs.settings import StudySettings
from dlquiz.store.errors import BankError
from dlquiz.store.models import CardRow, ReviewLogRow

RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
REVIEW = 2


def parse_rating(text: str) -> int:
    value = RATINGS.get(text.strip().lower())
    if value is None and text.strip() in {"1", "2", "3", "4"}:
        value = int(text.strip())
    if value is None:
        raise BankError(f"'{text}' is not a rating; use again, hard, good or easy (or 1-4).")
    return value


def get_card(session: Session, card_id: int) -> CardRow:
    row = session.get(CardRow, card_id)
    if row is None:
        raise BankError(f"no card with id {card_id}; `dlquiz review next` shows card ids.")
    return row


def rate(session: Session, card_id: int, rating: int, now: datetime, settings: StudySettings, *,
         answer: str | None = None, correct: bool | None = None,
         question_id: str | None = None, duration_ms: int | None = None) -> RatingResult:
    """Apply one rating and commit it together with its review log row."""
    row = get_card(session, card_id)
    before = snapshot(row)
    state_before = row.state
    after = review(settings, row.id, state_of(row), rating, now)
    apply_state(row, after)
    row.reps += 1
    if state_before == REVIEW and rating == 1:
        row.lapses += 1
    if row.lapses >= settings.leech_lapses and not row.leech:
        row.leech = True
        row.suspended = True
    row.pending_question = None
    row.buried_until = None
    log = ReviewLogRow(card_id=row.id, rating=rating, reviewed_at=now, duration_ms=duration_ms,
                       answer=answer, correct=correct, question_id=question_id,
                       before_json=json.dumps(before), state_before=state_before)
    session.add(log)
    session.commit()
    return RatingResult(card_id=row.id, rating=rating, state=row.state, due=row.due,
                        interval=row.due - now, leech=row.leech, review_log_id=log.id)


def undo_last(session: Session) -> UndoResult | None:
    """Revert the most recent rating (card state restored, log row removed); None if none."""
    log = session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id.desc()).limit(1)).first()
    if log is None:
        return None
    row = get_card(session, log.card_id)
    restore(row, log.before_json)
    result = UndoResult(card_id=row.id, rating=log.rating, reviewed_at=log.reviewed_at)
    session.delete(log)
    session.commit()
    return result


def set_suspended(session: Session, card_ids: Sequence[int], suspended: bool) -> list[int]:
    changed = []
    for card_id in card_ids:
        row = get_card(session, card_id)
        if row.suspended != suspended:
            row.suspended = suspended
            if not suspended:
                row.leech = False
            changed.append(card_id)
    session.commit()
    return changed


def bury(session: Session, card_id: int, now: datetime, zone: tzinfo,
         settings: StudySettings) -> datetime:
    """Hide a card until the next study day starts."""
    row = get_card(session, card_id)
    row.buried_until = next_day_start(now, zone, settings.day_rollover_hour)
    session.commit()
    return row.buried_until


def interval_preview(session: Session, card_id: int, now: datetime,
                     settings: StudySettings) -> dict[int, timedelta]:
    row = get_card(session, card_id)
    return preview(settings, row.id, state_of(row), now)


def set_pending_question(session: Session, card_id: int, question_id: str | None) -> None:
    get_card(session, card_id).pending_question = question_id
    session.commit()
