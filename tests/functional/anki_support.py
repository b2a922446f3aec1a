"""The real Anki library (the `anki` package from PyPI) for the interop tests: a fresh
collection, notes of the stock note types, and a review history written as revlog rows.

Installed by the test extra; without it these tests are skipped on a developer's machine
but fail under CI, so they can never pass silently where they are meant to run."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

DAY_MS = 86_400_000


def require_anki() -> None:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the anki package is missing: the test extra installs it")
        pytest.skip("needs the anki package (pip install -e '.[test]')")


@contextmanager
def collection(path: Path) -> Iterator[Any]:
    """A new (or existing) Anki collection at `path`, closed at the end."""
    require_anki()
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    col = Collection(str(path))
    try:
        yield col
    finally:
        if col.db is not None:
            col.close()


@dataclass(frozen=True)
class BuiltNotes:
    """What build_notes added: dlquiz notes expected per Anki card, and the card ids."""

    card_ids: tuple[int, ...]
    expected_titles: dict[int, str]  # card id -> the question dlquiz should show
    tags: dict[int, tuple[str, ...]]  # card id -> the note's tags


def build_notes(col: Any, count: int = 10) -> BuiltNotes:
    """Basic, Basic (and reversed card) and Cloze notes in two nested decks, with tags,
    MathJax and an image reference."""
    basic = col.models.by_name("Basic")
    reverse = col.models.by_name("Basic (and reversed card)")
    cloze = col.models.by_name("Cloze")
    decks = [col.decks.id("Interview::Vision"), col.decks.id("Interview::NLP")]
    titles: dict[int, str] = {}
    tags: dict[int, tuple[str, ...]] = {}
    for i in range(count):
        deck = decks[i % 2]
        note = col.new_note(basic)
        note["Front"] = f"What does layer {i} compute? \\(y = W_{i} x\\)"
        note["Back"] = f"<b>A product</b> with \\[\\sum_j W_{{{i}j}} x_j\\] <img src=\"f{i}.png\">"
        note.tags = [f"basic{i}", "shared::tag"]
        col.add_note(note, deck)
        note = col.new_note(reverse)
        note["Front"] = f"term {i}"
        note["Back"] = f"definition {i}"
        note.tags = ["reversed"]
        col.add_note(note, deck)
        note = col.new_note(cloze)
        note["Text"] = f"{{{{c1::Adam}}}} keeps {{{{c2::two moments::how many}}}} (#{i})"
        note.tags = ["cloze"]
        col.add_note(note, deck)
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        note = card.note()
        name = note.note_type()["name"]
        if name == "Basic":
            title = note["Front"].replace("\\(", "$").replace("\\)", "$")
        elif name.startswith("Basic (and"):
            title = note["Front"] if card.ord == 0 else note["Back"]
        else:
            n = note["Text"].split("#")[1].rstrip(")")
            title = (f"［…］ keeps two moments (#{n})" if card.ord == 0
                     else f"Adam keeps ［how many］ (#{n})")
        titles[card_id] = title
        tags[card_id] = tuple(note.tags)
    return BuiltNotes(card_ids=tuple(sorted(titles)), expected_titles=titles, tags=tags)


def write_history(col: Any, card_ids: tuple[int, ...], *, start: datetime,
                  seed: int = 7) -> dict[int, list[tuple[int, int, int]]]:
    """A few months of reviews per card as Anki writes them (learning steps the first day,
    then reviews at growing gaps, an Again followed by a relearning step), at varied times
    of day; the cards are left in review. Returns card id -> [(revlog id, ease, type)]."""
    rng = random.Random(seed)
    history: dict[int, list[tuple[int, int, int]]] = {}
    rows = []
    for n, card_id in enumerate(card_ids):
        at = start + timedelta(days=n % 5, hours=rng.randint(8, 20), minutes=rng.randint(0, 59))
        entries = [(at, 3, 0), (at + timedelta(minutes=1), 3, 0),
                   (at + timedelta(minutes=11), 3, 0)]
        gap = 1.0
        when = at + timedelta(minutes=11)
        for _ in range(rng.randint(2, 9)):
            gap = min(gap * rng.uniform(1.6, 3.2), 40)
            step = when.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59)) + timedelta(
                days=max(1, round(gap)))
            if step > start + timedelta(days=300):
                break
            when = step
            ease = rng.choices([1, 2, 3, 4], weights=[1, 2, 8, 1])[0]
            entries.append((when, ease, 1))
            if ease == 1:
                when += timedelta(minutes=10)
                entries.append((when, 3, 2))
                gap = 1.0
        entries.append((when + timedelta(days=max(1, round(gap))), 3, 1))
        history[card_id] = []
        last_ivl = 0
        for stamp, ease, kind in entries:
            rid = int(stamp.timestamp() * 1000) + n
            ivl = -600 if kind != 1 or ease == 1 else max(1, round(gap))
            rows.append((rid, card_id, -1, ease, ivl, last_ivl, 2500, 6000, kind))
            history[card_id].append((rid, ease, kind))
            last_ivl = ivl
    col.db.executemany("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, "
                       "type) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    today = col.sched.today
    col.db.execute(f"UPDATE cards SET type = 2, queue = 2, ivl = 5, due = {today + 3}, "
                   "factor = 2500, reps = 5")
    return history


def anki_fsrs_state(col: Any, card_id: int) -> tuple[float, float, float, float]:
    """(stability, difficulty, desired retention, decay) as Anki's FSRS computes them from
    the card's review log."""
    state = col.compute_memory_state(card_id)
    return state.stability, state.difficulty, state.desired_retention, state.decay


def fsrs_interval_days(stability: float, retention: float, decay: float) -> int:
    """FSRS's interval for a memory state: the time until recall probability falls to the
    desired retention, from the forgetting curve R(t) = (1 + F·t/S)^(-decay) with
    F = 0.9^(-1/decay) - 1 (so R(S) = 0.9), solved for t and rounded to whole days."""
    factor: float = 0.9 ** (-1 / decay) - 1
    days: float = stability / factor * (retention ** (-1 / decay) - 1)
    return max(1, round(days))


def utc_ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, UTC)
