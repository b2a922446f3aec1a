"""The study screen on the user's own notes file at 80x24: every draft and partial card,
revealed, shows the first line of the built-in answer without scrolling, beneath at most a
fold of the user's text, with the references by title and the rating bar in view; the
links, the rest of the user's text and the end of a long answer are one key away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.repository import builtin_twin, get_note
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.tui.widgets.fold import FOLD_LINES, FoldedText
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.references import ReferenceList

from .drafts_support import import_mine, own_cards, screen_text
from .tui_support import settle, study_app

SIZE = (80, 24)
DRAFTS, PARTIAL = 62, 4  # counted by hand in the file: `- [ ] TODO` without and with text


@pytest.fixture(scope="module")
def mine(tmp_path_factory: pytest.TempPathFactory, seed_notes: Path) -> Bank:
    return import_mine(tmp_path_factory.mktemp("mine"), seed_notes)


@pytest.fixture(scope="module")
def seed_notes() -> Path:  # module scope: the file is imported once for these tests
    from tests.conftest import SEED_NOTES

    if not SEED_NOTES.is_file():
        pytest.skip(f"the user's notes file is not here ({SEED_NOTES}); it lives in ../shared")
    return SEED_NOTES


def opening_words(markdown: str) -> str:
    """The first words of a markdown answer as the screen shows them: its first line
    without list marker and emphasis, up to the first formula, at most 8 characters."""
    first = next(line for line in markdown.splitlines() if line.strip())
    first = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", first).replace("**", "").replace("`", "")
    return re.split(r"[$\\]", first)[0].strip()[:8]


def row_of(rows: list[str], text: str, start: int = 0) -> int:
    """The first row from `start` on that shows `text`."""
    found = [i for i in range(start, len(rows)) if text in rows[i]]
    assert found, f"{text!r} is not on the screen below row {start}:\n" + "\n".join(rows)
    return found[0]


def rating_row(rows: list[str]) -> int:
    return row_of(rows, "1 重来 ·")


async def test_every_draft_and_partial_card_opens_on_the_builtin_answer(mine: Bank) -> None:
    cards = own_cards(mine)
    assert sorted(c.status for c in cards).count("draft") == DRAFTS
    assert [c.status for c in cards].count("partial") == PARTIAL
    app = study_app(mine, filters=QueueFilter(deck="mine"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for card in cards:
            note = get_note(mine, card.note_id)
            twin = builtin_twin(mine, card.note_id)
            assert twin is not None, f"{card.number} has no built-in twin"
            screen.study_card(card.card_id)
            await settle(pilot)
            assert screen.item is not None and screen.item.card.card_id == card.card_id
            await pilot.press("space")
            await settle(pilot)
            rows = screen_text(app)
            where = f"card {card.number} ({card.status})"
            heading = row_of(rows, "── 内置答案")
            words = opening_words(twin.answer)
            assert len(words) >= 2, where
            answer_row = row_of(rows, words, heading + 1)
            assert answer_row < rating_row(rows), where
            assert "4 简单 ·" in rows[rating_row(rows)], where  # the bar has its intervals
            view = screen.query_one(NoteView)
            kinds = [type(w).__name__ if w.id is None else w.id for w in view.children]
            if note.answer.strip():  # the user's text first, folded, then the answer
                assert kinds.index("FoldedText") < kinds.index("twin"), where
                own_row = row_of(rows, opening_words(note.answer))
                assert own_row < heading, where
                fold = view.query_one(FoldedText)
                assert fold.query_one("#own").outer_size.height <= FOLD_LINES, where
            if note.references or twin.references:  # then the references, titles only
                assert kinds.index("twin") < kinds.index("ReferenceList"), where
                assert not any("http" in row for row in rows), where


async def test_links_unfolding_and_scrolling_keep_the_rating_bar(mine: Bank) -> None:
    long_partial = max((c for c in own_cards(mine, ("partial",))),
                       key=lambda c: len(get_note(mine, c.note_id).answer))
    note = get_note(mine, long_partial.note_id)
    twin = builtin_twin(mine, long_partial.note_id)
    assert twin is not None and twin.references
    app = study_app(mine, filters=QueueFilter(deck="mine"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        screen.study_card(long_partial.card_id)
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        keys = screen_text(app)[-1]
        assert "e 展开" in keys and "l 链接" in keys
        assert "… 还有更多：按 e 展开" in "\n".join(screen_text(app))
        card = screen.query_one("#card")
        await pilot.press("e")  # the whole of the user's text
        await settle(pilot)
        fold = screen.query_one(FoldedText)
        assert fold.query_one("#own").outer_size.height > FOLD_LINES
        assert "e 收起" in screen_text(app)[-1]
        await pilot.press("l", "end")  # the links, at the end of the card
        await settle(pilot)
        rows = screen_text(app)
        assert card.scroll_y > 0
        assert any(twin.references[-1].url[:40] in row for row in rows)
        assert "4 简单 ·" in rows[rating_row(rows)]
        await pilot.press("home", "pagedown")
        await settle(pilot)
        assert card.scroll_y > 0 and "4 简单 ·" in screen_text(app)[rating_row(rows)]
        await pilot.press("l", "e")  # hidden and folded again
        await settle(pilot)
        assert not screen.query_one(ReferenceList).urls
        assert fold.query_one("#own").outer_size.height <= FOLD_LINES
    assert note.answer  # a partial note: the text that was folded


async def test_the_key_line_and_help_name_the_link_key_in_english(mine: Bank) -> None:
    with_refs = next(c for c in own_cards(mine, ("draft",))
                     if get_note(mine, c.note_id).references)
    app = study_app(mine, filters=QueueFilter(deck="mine"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        screen.study_card(with_refs.card_id)
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        rows = screen_text(app)
        assert "l links" in rows[-1]
        assert "e unfold" not in rows[-1]  # a draft has no text of its own to fold
        await pilot.press("end")
        await settle(pilot)
        assert "References  l show links" in "\n".join(screen_text(app))
        await pilot.press("question_mark")
        await settle(pilot)
        assert "show / hide the" in "\n".join(screen_text(app))
