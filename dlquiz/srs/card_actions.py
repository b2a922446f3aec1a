"""Undo and the card actions of a study session (suspend, unsuspend, bury, unbury): each one
write through the store that invalidates the day's queue, as StudyService's ratings do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from dlquiz.srs.days import next_day_start
from dlquiz.store import cards
from dlquiz.store.cards import ActionInfo, CardRecord

if TYPE_CHECKING:
    from datetime import tzinfo

    from dlquiz.srs.day_queue import DayQueue
    from dlquiz.srs.settings import StudySettings
    from dlquiz.store.bank import Bank


class CardActions:
    """What StudyService does to a card besides rating it (its __init__ sets these)."""

    bank: Bank
    clock: Callable[[], datetime]
    zone: tzinfo
    day_queue: DayQueue

    @property
    def settings(self) -> StudySettings:
        raise NotImplementedError  # StudyService's (read from the bank once)

    def last_action(self) -> ActionInfo | None:
        return cards.last_action(self.bank)

    def undo(self, action_id: int | None = None) -> ActionInfo | None:
        """Undo the newest action of any kind. Without `action_id`, it is the newest one
        now, checked again inside the write (another process's undo is not repeated)."""
        if action_id is None:
            last = cards.last_action(self.bank)
            if last is None:
                return None
            action_id = last.id
        undone = cards.undo_action(self.bank, action_id)
        self.day_queue.invalidate()  # the card it restored may be due again
        return undone

    def _change(self, kind: str, card_id: int, change: Callable[[CardRecord], CardRecord],
                expected_version: int | None) -> bool:
        expected = {card_id: expected_version} if expected_version is not None else None
        changed = bool(cards.change_cards(self.bank, kind, [card_id], change, self.clock(),
                                          expected=expected))
        self.day_queue.invalidate()
        return changed

    def suspend(self, card_id: int, expected_version: int | None = None) -> bool:
        return self._change("suspend", card_id, lambda c: c.with_changes(suspended=True),
                            expected_version)

    def unsuspend(self, card_id: int, expected_version: int | None = None) -> bool:
        """Back into the queue; a leech loses its flag (and gets a fresh allowance)."""
        return self._change("unsuspend", card_id,
                            lambda c: c.with_changes(suspended=False, leech=False),
                            expected_version)

    def bury(self, card_id: int, expected_version: int | None = None) -> datetime:
        until = next_day_start(self.clock(), self.zone, self.settings.day_rollover_hour)
        self._change("bury", card_id, lambda c: c.with_changes(buried_until=until),
                     expected_version)
        return until

    def unbury(self, card_id: int) -> bool:
        return self._change("unbury", card_id, lambda c: c.with_changes(buried_until=None), None)
