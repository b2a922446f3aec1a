"""The study history `dlquiz optimize` fits FSRS to: every rating in the review log (only
study reviews live there; practice and exam answers do not), by card and time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import text

from dlquiz.store.bank.database import Bank
from dlquiz.store.stats.sql import parse_stamp

Rated = tuple[datetime, int, int]  # reviewed at, rating, the card's state before


def study_history(bank: Bank) -> Iterator[tuple[int, list[Rated]]]:
    """(card id, [(reviewed at, rating, state before), …]) for every rated card, oldest
    rating first; instants as timezone-aware UTC datetimes."""
    sql = ("SELECT card_id, reviewed_at, rating, state_before FROM review_logs "
           "ORDER BY card_id, reviewed_at, id")
    with bank.read() as session:
        rows = session.execute(text(sql)).all()
    card: int | None = None
    ratings: list[Rated] = []
    for card_id, at, rating, before in rows:
        if card_id != card:
            if card is not None:
                yield card, ratings
            card, ratings = int(card_id), []
        ratings.append((parse_stamp(at), int(rating), int(before)))
    if card is not None:
        yield card, ratings
