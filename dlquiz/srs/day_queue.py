"""A study day's queue, built once and then kept up to date as cards are rated.

Reading the day's reviews in order (least likely to be recalled first) and its new cards
in order costs tens of milliseconds on a large bank; doing it for every card would make
every keypress wait. The lists are read once (again after an undo, when the day rolls
over, or when the filters change); each card handed out is checked against the bank first
(`queue_card`), so a card another process rated, suspended or buried meanwhile is skipped,
never shown twice. Learning cards are asked for fresh each time: they come due by the
minute and there are few of them.

The new cards' list is read only when the reviews run out: putting 70,000 new cards in
order is most of a first pick on 100,000 cards, and a session with reviews due shows none
of them for a while (often never). Until then the count above the card is a count, read
once and again after a new card is rated.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from dlquiz.store import cards as queue
from dlquiz.store.bank import Bank
from dlquiz.store.schema import QueueCard, QueueCounts, QueueFilter, QueueName, QueueWindow

SKILL_EVERY = 3  # one new skill card after every two new note cards


@dataclass
class _Lists:
    day_start: datetime
    new_per_day: int
    reviews: list[int]
    introduced: int  # new cards first rated today
    new_notes: list[int] | None = None  # None: not read yet (reviews come first)
    new_skills: list[int] | None = None
    new_count: int | None = None  # new cards left today, while the lists are unread


class DayQueue:
    """The queue of one service (one filter, one set of settings)."""

    def __init__(self, bank: Bank, filters: QueueFilter,
                 topics: Callable[[], Mapping[str, str]]) -> None:
        self.bank = bank
        self.filters = filters
        self.topics = topics
        self._lists: _Lists | None = None

    def invalidate(self) -> None:
        """Read the lists again on the next call (after an undo, for instance)."""
        self._lists = None

    def _current(self, reader: queue.QueueReader) -> _Lists:
        window = reader.window
        lists = self._lists
        if (lists is None or lists.day_start != window.day_start
                or lists.new_per_day != window.new_per_day):
            lists = _Lists(day_start=window.day_start, new_per_day=window.new_per_day,
                           introduced=reader.new_introduced_today(),
                           reviews=reader.review_order())
            self._lists = lists
        return lists

    def _new_lists(self, reader: queue.QueueReader,
                   lists: _Lists) -> tuple[list[int], list[int]]:
        """The new note and skill cards in order, read the first time they are asked for."""
        if lists.new_notes is None or lists.new_skills is None:
            left = max(0, reader.window.new_per_day - lists.introduced)
            lists.new_notes, lists.new_skills = reader.new_order(left) if left else ([], [])
            lists.new_count = None
        return lists.new_notes, lists.new_skills

    def _first_valid(self, reader: queue.QueueReader, ids: list[int], name: QueueName,
                     exclude: Collection[int]) -> QueueCard | None:
        """The first card of `ids` that still belongs to the queue; cards that no longer do
        (changed by another process) are dropped from the list on the way."""
        index = 0
        while index < len(ids):
            if ids[index] in exclude:
                index += 1
                continue
            card = reader.queue_card(ids[index], name)
            if card is not None:
                return card
            del ids[index]
        return None

    def next_with_content(self, window: QueueWindow, exclude: Collection[int] = ()
                          ) -> tuple[QueueCard, queue.CardContent | None] | None:
        """The next card to show and, for a note card, its note, follow-up and twin, read in
        the pick's own transaction; None when nothing is left for today."""
        with queue.reading(self.bank, window, self.filters, self.topics()) as reader:
            card = self._next(reader, exclude)
            return (card, reader.content(card)) if card is not None else None

    def _next(self, reader: queue.QueueReader, exclude: Collection[int]) -> QueueCard | None:
        learning = reader.learning_card(exclude)
        if learning is not None:
            return learning
        lists = self._current(reader)
        review = self._first_valid(reader, lists.reviews, "review", exclude)
        if review is not None:
            return review
        if lists.introduced < reader.window.new_per_day:
            notes, skills = self._new_lists(reader, lists)
            order = ((skills, notes) if lists.introduced % SKILL_EVERY == SKILL_EVERY - 1
                     else (notes, skills))
            for ids in order:
                fresh = self._first_valid(reader, ids, "new", exclude)
                if fresh is not None:
                    return fresh
        return reader.ahead_card(exclude)

    def rated(self, card_id: int, was_new: bool) -> None:
        """A card was rated: it leaves the day's lists (a new one counts against the limit)."""
        if self._lists is None:
            return
        lists = self._lists
        for ids in (lists.reviews, lists.new_notes or [], lists.new_skills or []):
            if card_id in ids:
                ids.remove(card_id)
        if was_new:
            lists.introduced += 1
            lists.new_count = None  # counted again when asked

    def dropped(self, card_id: int) -> None:
        """A card was suspended or buried: it leaves the day's lists."""
        self.rated(card_id, was_new=False)

    def counts(self, window: QueueWindow) -> QueueCounts:
        """New (within the limit), learning and review cards left today."""
        with queue.reading(self.bank, window, self.filters, self.topics()) as reader:
            lists = self._current(reader)
            left = max(0, window.new_per_day - lists.introduced)
            if lists.new_notes is not None and lists.new_skills is not None:
                fresh = min(left, len(lists.new_notes) + len(lists.new_skills))
            else:
                if lists.new_count is None:
                    lists.new_count = reader.new_count(left) if left else 0
                fresh = lists.new_count
            learning = reader.learning_count()
        return QueueCounts(new=fresh, learning=learning, review=len(lists.reviews))
