"""What the bank holds and hands out: the SQLAlchemy tables and column types, card states and
ratings, the store's error types and the frozen records other packages receive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.schema.errors import (
        BankBusyError,
        BankError,
        BankUnreachableError,
        InputError,
        StaleCardError,
    )
    from dlquiz.store.schema.records import (
        DeckInfo,
        DueForecast,
        FollowUpDetail,
        ImportReport,
        NoteDetail,
        QueueCard,
        QueueCounts,
        QueueFilter,
        QueueName,
        QueueWindow,
        ReferenceInfo,
    )
    from dlquiz.store.schema.states import (
        AGAIN,
        LEARNING,
        NEW,
        RATING_NAMES,
        RATINGS,
        RELEARNING,
        REVIEW,
        STATE_NAMES,
        parse_rating,
    )

__all__ = [
    "AGAIN",
    "LEARNING",
    "NEW",
    "RATINGS",
    "RATING_NAMES",
    "RELEARNING",
    "REVIEW",
    "STATE_NAMES",
    "BankBusyError",
    "BankError",
    "BankUnreachableError",
    "DeckInfo",
    "DueForecast",
    "FollowUpDetail",
    "ImportReport",
    "InputError",
    "NoteDetail",
    "QueueCard",
    "QueueCounts",
    "QueueFilter",
    "QueueName",
    "QueueWindow",
    "ReferenceInfo",
    "StaleCardError",
    "parse_rating",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "AGAIN": "states",
    "BankBusyError": "errors",
    "BankError": "errors",
    "BankUnreachableError": "errors",
    "DeckInfo": "records",
    "DueForecast": "records",
    "FollowUpDetail": "records",
    "ImportReport": "records",
    "InputError": "errors",
    "LEARNING": "states",
    "NEW": "states",
    "NoteDetail": "records",
    "parse_rating": "states",
    "QueueCard": "records",
    "QueueCounts": "records",
    "QueueFilter": "records",
    "QueueName": "records",
    "QueueWindow": "records",
    "RATING_NAMES": "states",
    "RATINGS": "states",
    "ReferenceInfo": "records",
    "RELEARNING": "states",
    "REVIEW": "states",
    "StaleCardError": "errors",
    "STATE_NAMES": "states",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
