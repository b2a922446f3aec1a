"""The toast that says what an undo took back, in the study language: "已撤销评分（卡片
653）", never the journal's machine name of the action."""

from __future__ import annotations

from collections.abc import Sequence

from dlquiz.ui.labels import LABELS, label

SHOWN_IDS = 3  # card ids listed; the rest are counted


def undone_text(lang: str, kind: str, card_ids: Sequence[int]) -> str:
    """What an undo of `kind` took back (kinds without a word of their own, such as those
    of other commands, are "the last action")."""
    key = f"undone_what_{kind}"
    table = LABELS.get(lang, LABELS["en"])
    what = label(lang, key if key in table else "undone_what_other")
    ids = ", ".join(str(c) for c in card_ids[:SHOWN_IDS])
    if len(card_ids) > SHOWN_IDS:
        ids += f" … +{len(card_ids) - SHOWN_IDS}"
    return label(lang, "undone_card", what=what, cards=ids)
