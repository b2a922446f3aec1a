"""A study day's queue, built once and then kept up to date as cards are rated.

Reading the day's reviews in order (least likely to be recalled first) and its new cards
in order costs tens of milliseconds on a large bank; doing it for every card would make
every keypress wait. The lists are read once (again after an undo, when the day rolls
over, or when the filters change); each card handed out is checked against the bank first
(`queue_card`), so a card another process rated, suspended or buried meanwhile is skipped,
never shown twice. Learning cards are asked for fresh each time: they come due by the
minute and there are few of them.
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
    new_notes: list[int]
    new_skills: list[int]
    introduced: int  # new cards first rated today


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

    def _current(self, window: QueueWindow) -> _Lists:
        lists = self._lists
        if (lists is None or lists.day_start != window.day_start
                or lists.new_per_day != window.new_per_day):
            introduced = queue.new_introduced_today(self.bank, window)
            left = max(0, window.new_per_day - introduced)
            notes, skills = (queue.new_order(self.bank, window, self.filters, self.topics(),
                                             left) if left else ([], []))
            lists = _Lists(day_start=window.day_start, new_per_day=window.new_per_day,
                           reviews=queue.review_order(self.bank, window, self.filters,
                                                      self.topics()),
                           new_notes=notes, new_skills=skills, introduced=introduced)
            self._lists = lists
        return lists

    def _first_valid(self, ids: list[int], window: QueueWindow, name: QueueName,
                     exclude: Collection[int]) -> QueueCard | None:
        """The first card of `ids` that still belongs to the queue; cards that no longer do
        (changed by another process) are dropped from the list on the way."""
        index = 0
        while index < len(ids):
            if ids[index] in exclude:
                index += 1
                continue
            card = queue.queue_card(self.bank, ids[index], window, self.filters,
                                    self.topics(), name)
            if card is not None:
                return card
            del ids[index]
        return None

    def next(self, window: QueueWindow, exclude: Collection[int] = ()) -> QueueCard | None:
        """The next card to show, or None when nothing is left for today."""
        topics = self.topics()
        learning = queue.learning_card(self.bank, window, self.filters, topics, exclude)
        if learning is not None:
            return learning
        lists = self._current(window)
        review = self._first_valid(lists.reviews, window, "review", exclude)
        if review is not None:
            return review
        if lists.introduced < window.new_per_day:
            order = ((lists.new_skills, lists.new_notes)
                     if lists.introduced % SKILL_EVERY == SKILL_EVERY - 1
                     else (lists.new_notes, lists.new_skills))
            for ids in order:
                fresh = self._first_valid(ids, window, "new", exclude)
                if fresh is not None:
                    return fresh
        return queue.ahead_card(self.bank, window, self.filters, topics, exclude)

    def rated(self, card_id: int, was_new: bool) -> None:
        """A card was rated: it leaves the day's lists (a new one counts against the limit)."""
        if self._lists is None:
            return
        for ids in (self._lists.reviews, self._lists.new_notes, self._lists.new_skills):
            if card_id in ids:
                ids.remove(card_id)
        if was_new:
            self._lists.introduced += 1

    def dropped(self, card_id: int) -> None:
        """A card was suspended or buried: it leaves the day's lists."""
        self.rated(card_id, was_new=False)

    def counts(self, window: QueueWindow) -> QueueCounts:
        """New (within the limit), learning and review cards left today."""
        lists = self._current(window)
        left = max(0, window.new_per_day - lists.introduced)
        fresh = min(left, len(lists.new_notes) + len(lists.new_skills))
        learning = queue.learning_count(self.bank, window, self.filters, self.topics())
        return QueueCounts(new=fresh, learning=learning, review=len(lists.reviews))
