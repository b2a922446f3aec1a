"""Every message in zh mode is Chinese: the zh label tables, the key tables and the toasts
the study screen shows (an undo, a suspend, a rating) have no English words; what may stay
in Latin letters is a key name, an id (a command, a setting, a preset, a card number), a
unit or a proper name. And a status line belongs to its card: the next card starts clean."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Static

from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.ui.exam_labels import EXAM_LABELS
from dlquiz.ui.keys import _KEY_WORDS, KEYS
from dlquiz.ui.labels import LABELS
from dlquiz.ui.stats_labels import STATS_LABELS
from dlquiz.ui.undo_text import undone_text

from .tui_support import build_bank, settle, study_app

KEY_NAMES = {"Ctrl", "Esc", "Tab", "Enter", "PgUp", "PgDn", "Home", "End", "F1", "Space"}
IDS = {"dlquiz", "undo", "optimize", "mock", "quick", "missed", "interview", "space_rates_good",
       "card"}
PROPER_NAMES = {"FSRS", "RMSE", "fsrs-rs", "Anki"}
UNITS = {"m", "h", "d", "mo", "y", "s", "ms", "min", "MB", "GB", "KB"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-']*")


def english_words(text: str) -> list[str]:
    """The Latin-letter words of `text` that are not allowed in a Chinese message."""
    text = re.sub(r"`[^`]*`", "", text)  # a command written out is an id
    text = re.sub(r"\{[a-z_]+\}", "", text)  # a placeholder
    text = re.sub(r"Ctrl\+[A-Z]|\^[A-Z]|F\d+", "", text)  # Ctrl+D, ^N, F1
    found = []
    for word in _WORD.findall(text):
        if len(word) == 1 or word in KEY_NAMES | IDS | PROPER_NAMES | UNITS:
            continue  # a single letter is a key (q, u, B) or a variable
        found.append(word)
    return found


def test_the_scanner_finds_english() -> None:
    assert english_words("已撤销: rate · card 653") == ["rate"]
    assert english_words("标记为 leech 并暂停") == ["leech"]
    assert english_words("按 q 退出，Esc 返回，`dlquiz exam resume` 继续，Ctrl+D 完成") == []


def test_zh_label_and_key_tables_are_chinese() -> None:
    found = {}
    for name, table in (("labels", LABELS), ("exam", EXAM_LABELS), ("stats", STATS_LABELS)):
        for key, text in table["zh"].items():
            if english_words(text):
                found[f"{name}.{key}"] = english_words(text)
    for screen, rows in KEYS.items():
        for key, meaning in rows["zh"]:
            if english_words(f"{key} {meaning}"):
                found[f"keys.{screen}.{key}"] = english_words(f"{key} {meaning}")
    for key, text in _KEY_WORDS["zh"].items():
        if english_words(text):
            found[f"key_words.{key}"] = english_words(text)
    assert found == {}


def test_undo_text_names_every_kind_in_chinese() -> None:
    for kind in ("rate", "suspend", "unsuspend", "bury", "unbury", "reschedule", "import"):
        text = undone_text("zh", kind, (653,))
        assert english_words(text) == [] and "653" in text, text
    assert undone_text("zh", "rate", (653,)) == "已撤销评分（卡片 653）"
    assert undone_text("en", "rate", (653,)) == "Undone: rating (card 653)"


async def test_toasts_in_zh_are_chinese_and_status_lines_follow_the_card(
        tmp_path: Path) -> None:
    bank = build_bank(tmp_path)
    app = study_app(bank, lang="zh", filters=QueueFilter(notes_only=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        screen.show_status("这张卡片的状态")
        first = screen.item.card.card_id
        await pilot.press("s")  # suspend: the next card comes
        await settle(pilot)
        assert screen.item is not None and screen.item.card.card_id != first
        assert str(screen.query_one("#status", Static).render()).strip() == ""
        await pilot.press("u")  # undo the suspend: the first card is back
        await settle(pilot)
        await pilot.press("space", "3")  # a rating
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        toasts = [str(n.message) for n in app._notifications]
    assert "已暂停" in toasts and f"已撤销暂停（卡片 {first}）" in toasts
    assert any(t.startswith("良好 → ") for t in toasts)
    assert any(t.startswith("已撤销评分（卡片 ") for t in toasts)
    for toast in toasts:
        assert english_words(toast) == [], toast
    bank.engine.dispose()
