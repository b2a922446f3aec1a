"""Cards and their notes as the study side reads and writes them: rating writes, the study
queue and who may be studied, listings and card info, follow-ups, skill cards and built-in
twins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.cards.cards import (
        ActionInfo,
        ReviewEntry,
        change_cards,
        last_action,
        read_card,
        record_rating,
        set_pending_question,
        undo_action,
    )
    from dlquiz.store.cards.info import CardInfo, card_info
    from dlquiz.store.cards.listing import CARD_STATES, CardFilter, CardSummary, facets, list_cards
    from dlquiz.store.cards.plan import PlanCard, count_new, plan_cards
    from dlquiz.store.cards.queue import (
        QueueReader,
        chosen_card,
        forecast,
        new_order,
        reading,
    )
    from dlquiz.store.cards.records import CardRecord
    from dlquiz.store.cards.repository import (
        CardContent,
        builtin_twin,
        card_content,
        followups_of,
        get_followup,
        get_note,
        list_decks,
        list_notes,
        require_deck,
    )
    from dlquiz.store.cards.skills import ensure_skill_cards
    from dlquiz.store.cards.twins import question_card_id, user_twin_card

__all__ = [
    "CARD_STATES",
    "ActionInfo",
    "CardContent",
    "CardFilter",
    "CardInfo",
    "CardRecord",
    "CardSummary",
    "PlanCard",
    "QueueReader",
    "ReviewEntry",
    "builtin_twin",
    "card_content",
    "card_info",
    "change_cards",
    "chosen_card",
    "count_new",
    "ensure_skill_cards",
    "facets",
    "followups_of",
    "forecast",
    "get_followup",
    "get_note",
    "last_action",
    "list_cards",
    "list_decks",
    "list_notes",
    "new_order",
    "plan_cards",
    "question_card_id",
    "read_card",
    "reading",
    "record_rating",
    "require_deck",
    "set_pending_question",
    "undo_action",
    "user_twin_card",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "ActionInfo": "cards",
    "builtin_twin": "repository",
    "card_content": "repository",
    "CardContent": "repository",
    "card_info": "info",
    "CARD_STATES": "listing",
    "CardFilter": "listing",
    "CardInfo": "info",
    "CardRecord": "records",
    "CardSummary": "listing",
    "change_cards": "cards",
    "chosen_card": "queue",
    "count_new": "plan",
    "ensure_skill_cards": "skills",
    "facets": "listing",
    "followups_of": "repository",
    "forecast": "queue",
    "get_followup": "repository",
    "get_note": "repository",
    "last_action": "cards",
    "list_cards": "listing",
    "list_decks": "repository",
    "list_notes": "repository",
    "new_order": "queue",
    "plan_cards": "plan",
    "PlanCard": "plan",
    "question_card_id": "twins",
    "QueueReader": "queue",
    "read_card": "cards",
    "reading": "queue",
    "record_rating": "cards",
    "require_deck": "repository",
    "ReviewEntry": "cards",
    "set_pending_question": "cards",
    "undo_action": "cards",
    "user_twin_card": "twins",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
