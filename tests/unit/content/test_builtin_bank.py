"""The built-in deck (content/) imported into a fresh bank meets issues 6 and 14's bar.

Every note answered and tagged, every linked question kind registered, every answer a real
answer with primary references, the user's 85 questions all present under their own numbers
(and titles, but for the typos issue 14 corrects), at least 180 further notes,
and the CLI listing at least 265 answered notes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.notes.identity import title_key
from dlquiz.notes.parser import read_notes_file
from dlquiz.store.bank.database import open_bank
from dlquiz.store.cards.repository import get_note, list_notes
from dlquiz.store.decks.builtin import import_builtin
from dlquiz.store.decks.content import BUILTIN_DECK, builtin_files
from dlquiz.store.schema.records import NoteDetail
from engine.questions import list_kinds

USER_QUESTIONS = 85
MIN_EXTRA_NOTES = 180  # 265 notes: the 85 classic questions and 180 more (issue 24: 250+)
MIN_ANSWERED_IN_CLI = 265  # issue 24 asks for at least 250
MIN_ANSWER_CHARS = 200
MIN_SENTENCES = 3
ALLOWED_TAGS = {
    "basics", "conv", "pooling", "optim", "detection", "segmentation", "normalization",
    "regularization", "architectures", "lightweight", "losses", "transformers", "training",
    "llm", "compression",
    # issue 24's new areas
    "multimodal", "generative", "retrieval", "agents", "recsys", "sequence", "graphs", "rl",
    "systems",
}
# Typos the built-in deck corrects in the user's titles (issue 14): number → (user's title,
# built-in title). The user's file keeps its own titles; pairing the two twins is the title
# alias mechanism's job, not this deck's.
TITLE_FIXES = {
    "027": ("边框回顾（Bounding-Box Regression）", "边框回归（Bounding-Box Regression）"),
    "043": ("为什么降采用使用max pooling，而分类使用average pooling",
            "为什么降采样使用max pooling，而分类使用average pooling"),
    "048": ("转置卷积（Transposed Convolutions/deconvlution）",
            "转置卷积（Transposed Convolutions/deconvolution）"),
    "060": ("MobileNetv2为什么会加shotcut", "MobileNetv2为什么会加shortcut"),
    "062": ("深度可分离网络（Depth separable convolution）",
            "深度可分离网络（Depthwise separable convolution）"),
}
# A sentence ends with a Chinese or ASCII full stop, question or exclamation mark.
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> list[NoteDetail]:
    """Every active note of the built-in deck, imported into a brand-new SQLite bank."""
    bank = open_bank(f"sqlite:///{tmp_path_factory.mktemp('bank') / 'bank.db'}")
    report = import_builtin(bank)
    assert report.files == len(builtin_files()) > 0, report
    assert (report.drafts, report.warnings) == (0, ()), report
    details = [get_note(bank, s.id) for s in list_notes(bank, deck=BUILTIN_DECK)]
    bank.engine.dispose()
    return details


def _label(note: NoteDetail) -> str:
    return f"{note.number} {note.title}"


def test_every_note_answered(notes: list[NoteDetail]) -> None:
    counts = Counter(n.status for n in notes)
    assert counts["draft"] == 0 and counts["partial"] == 0, counts
    assert counts["answered"] == len(notes) >= USER_QUESTIONS + MIN_EXTRA_NOTES


def test_no_duplicate_titles_or_numbers(notes: list[NoteDetail]) -> None:
    titles = Counter(title_key(n.title) for n in notes)
    assert [t for t, c in titles.items() if c > 1] == []
    numbers = Counter(n.number for n in notes)
    assert [k for k, c in numbers.items() if c > 1 or k is None] == []


def test_every_note_tagged_with_known_tags(notes: list[NoteDetail]) -> None:
    untagged = [_label(n) for n in notes if not n.tags]
    assert untagged == []
    bad = {_label(n): sorted(set(n.tags) - ALLOWED_TAGS) for n in notes
           if not set(n.tags) <= ALLOWED_TAGS}
    assert bad == {}
    too_many = [_label(n) for n in notes if len(n.tags) > 4]
    assert too_many == []


def test_every_linked_kind_is_registered(notes: list[NoteDetail]) -> None:
    registered = {k.id for k in list_kinds()}
    unknown = {_label(n): sorted(set(n.practice) - registered) for n in notes
               if not set(n.practice) <= registered}
    assert unknown == {}
    # The bank links the kinds, so the links must be worth having: most kinds are used.
    used = {kind for n in notes for kind in n.practice}
    assert len(used) >= len(registered) // 2, sorted(registered - used)


def test_every_answer_is_several_sentences(notes: list[NoteDetail]) -> None:
    short = {_label(n): (len(n.answer), len(_SENTENCE_END.findall(n.answer))) for n in notes
             if len(n.answer) < MIN_ANSWER_CHARS
             or len(_SENTENCE_END.findall(n.answer)) < MIN_SENTENCES}
    assert short == {}


def test_every_answer_has_follow_ups_and_no_todo(notes: list[NoteDetail]) -> None:
    missing = [_label(n) for n in notes if "**追问**" not in n.answer]
    assert missing == []
    todo = [_label(n) for n in notes if re.search(r"-\s*\[\s\]", n.answer)]
    assert todo == []


def test_every_note_has_an_https_reference(notes: list[NoteDetail]) -> None:
    bare = [_label(n) for n in notes if not any(r.url.startswith("https://")
                                                 for r in n.references)]
    assert bare == []
    not_web = {_label(n): r.url for n in notes for r in n.references
               if not r.url.startswith(("https://", "http://"))}
    assert not_web == {}


def test_user_questions_present_with_their_numbers_and_titles(
        notes: list[NoteDetail], seed_notes: Path) -> None:
    user = {n.number: n.title for n in read_notes_file(seed_notes).notes}
    assert len(user) == USER_QUESTIONS
    ours = {n.number: n.title for n in notes}
    mismatched = {num: (title, ours.get(num)) for num, title in user.items()
                  if num not in TITLE_FIXES
                  and (ours.get(num) is None or title_key(ours[num]) != title_key(title))}
    assert mismatched == {}
    fixed = {num: (user.get(num), ours.get(num)) for num in TITLE_FIXES}
    assert fixed == TITLE_FIXES
    extra = [n for n in notes if n.number not in user]
    assert len(extra) >= MIN_EXTRA_NOTES
    user_keys = {title_key(t) for t in user.values()}
    assert [_label(n) for n in extra if title_key(n.title) in user_keys] == []


def test_cli_lists_the_builtin_deck_as_answered(bank_home: Path) -> None:
    result = CliRunner().invoke(app, ["cards", "--deck", BUILTIN_DECK, "--type", "note",
                                      "--json"])
    assert result.exit_code == 0, result.output
    cards = json.loads(result.stdout)
    answered = [c for c in cards if c["status"] == "answered"]
    assert len(answered) >= MIN_ANSWERED_IN_CLI
    assert len(answered) == len(cards)
    assert {c["deck"] for c in cards} == {BUILTIN_DECK}
