"""Looking at cards rather than studying them: the listing (`dlquiz cards`, the browse
screen), one card's content (`dlquiz show`) and its scheduling state with its history
(`dlquiz info`). All by card id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dlquiz.srs.scheduler import retrievability
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank import Bank
from dlquiz.store.cards import (
    CardFilter,
    CardInfo,
    CardSummary,
    builtin_twin,
    card_info,
    followups_of,
    get_followup,
    get_note,
    list_cards,
    question_card_id,
    read_card,
)
from dlquiz.store.schema import FollowUpDetail, NoteDetail


@dataclass(frozen=True)
class CardContent:
    """What a card asks: its note (and for a follow-up, the follow-up), or a kind."""

    card_id: int
    type: str
    note: NoteDetail | None
    followup: FollowUpDetail | None
    followups: tuple[tuple[int, FollowUpDetail], ...]
    twin: NoteDetail | None
    twin_card: int | None
    skill_kind: str | None


@dataclass(frozen=True)
class CardReport:
    info: CardInfo
    retrievability: float | None


def cards(bank: Bank, filters: CardFilter, now: datetime) -> list[CardSummary]:
    return list_cards(bank, filters, now)


def content(bank: Bank, card_id: int) -> CardContent:
    card = read_card(bank, card_id)
    if card.skill_kind is not None:
        return CardContent(card_id=card_id, type="skill", note=None, followup=None,
                           followups=(), twin=None, twin_card=None, skill_kind=card.skill_kind)
    assert card.note_id is not None
    note = get_note(bank, card.note_id)
    followup = get_followup(bank, card.followup_id) if card.followup_id else None
    twin = builtin_twin(bank, note.id)
    return CardContent(
        card_id=card_id, type="followup" if followup else "note", note=note,
        followup=followup, followups=tuple(followups_of(bank, note.id)) if not followup else (),
        twin=twin, twin_card=question_card_id(bank, twin.id) if twin else None,
        skill_kind=None)


def report(bank: Bank, card_id: int, settings: StudySettings, now: datetime) -> CardReport:
    info = card_info(bank, card_id)
    return CardReport(info=info, retrievability=retrievability(settings, info.card, now))
