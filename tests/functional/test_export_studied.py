"""Exports of the user's file imported as deck `mine`, after some ratings: one note per
question, the drafts carrying the built-in answer they are studied with (labelled), the
history on that note; checked in the real Anki library, in the CSV and Markdown files, and
by importing each export back into dlquiz (the drafts stay drafts, nothing is duplicated)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.notes.builtin_section import LABEL
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.records import QueueFilter
from tests.functional.anki_support import collection, require_anki
from tests.functional.test_anki_export import import_into_anki

runner = CliRunner()
RATINGS = (3, 1, 4, 3, 2, 3, 3, 1, 4, 3, 3, 2, 3, 4, 1, 3, 3, 3, 2, 3)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def dlquiz_reviews(url: str | None = None) -> int:
    bank = open_bank(resolve_url(url))
    with bank.sessions() as session:
        return int(session.execute(text(
            "SELECT count(*) FROM review_logs JOIN cards ON cards.id = review_logs.card_id "
            "JOIN notes ON notes.id = cards.note_id JOIN decks ON decks.id = notes.deck_id "
            "WHERE decks.name = 'mine'")).scalar_one())


def statuses(url: str | None = None) -> Counter[str]:
    code, out, err = invoke(*(["--db", url] if url else []), "cards", "--deck", "mine",
                            "--type", "note", "--json")
    assert code == 0, err
    return Counter(card["status"] for card in json.loads(out))


def card_ids() -> list[int]:
    _, out, _ = invoke("cards", "--deck", "mine", "--json")
    return sorted(card["id"] for card in json.loads(out))


@pytest.fixture
def studied(bank_home: Path, tmp_path: Path, seed_notes: Path) -> Path:
    notes = tmp_path / "mine.md"
    notes.write_bytes(seed_notes.read_bytes())
    assert invoke("import", str(notes), "--deck", "mine")[0] == 0
    bank = open_bank(resolve_url(None))
    clock = [datetime.now(UTC) - timedelta(days=2)]
    service = StudyService(bank, clock=lambda: clock[0], filters=QueueFilter(deck="mine"),
                           settings=StudySettings(enable_fuzzing=False, new_per_day=30))
    for rating in RATINGS:
        item = service.next_item()
        assert item is not None
        service.rate(item.card.card_id, rating, duration_ms=3000)
        clock[0] += timedelta(minutes=3)
    assert statuses() == Counter(answered=19, partial=4, draft=62)
    return tmp_path


def _anki_notes(col: Any) -> list[Any]:
    return [col.get_note(n) for n in col.find_notes("-tag:dlquiz::followup "
                                                    "-tag:dlquiz::generated")]


def test_anki_gets_one_note_per_question_with_the_studied_answer(studied: Path) -> None:
    require_anki()
    package = studied / "mine.apkg"
    code, _, err = invoke("export", "-f", "apkg", "--deck", "mine", "--with-history",
                          "--skill-samples", "0", "-o", str(package))
    assert code == 0, err
    reviews = dlquiz_reviews()
    assert reviews == len(RATINGS)
    with collection(studied / "anki" / "c.anki2") as col:
        import_into_anki(col, package)
        notes = _anki_notes(col)
        assert len(notes) == 85
        questions = [n["Question"] for n in notes]
        assert len(set(questions)) == len(questions)  # no question twice
        for note in notes:
            back = note.cards()[0].answer()
            assert note["Answer"].strip(), note["Question"]
            after_rule = back.split("<hr id=answer>", 1)[1]
            assert "answer" in after_rule and note["Answer"] in after_rule
        drafts = [n for n in notes if "dlquiz::draft" in n.tags or "dlquiz::partial" in n.tags]
        assert len(drafts) == 66
        assert all(LABEL in n["Answer"] for n in drafts)
        assert not any(LABEL in n["Answer"] for n in notes if n not in drafts)
        assert col.db.scalar("SELECT count() FROM revlog") == reviews
        reps = col.db.scalar("SELECT sum(reps) FROM cards")
        assert reps == reviews  # the history sits on the studied (the user's) cards


def test_all_decks_leave_the_twins_out_unless_asked(studied: Path) -> None:
    require_anki()
    for flag, twins in (((), 0), (("--include-builtin",), 66 + 19)):
        package = studied / f"all{len(flag)}.apkg"
        code, _, err = invoke("export", "-f", "apkg", "--skill-samples", "0", *flag,
                              "-o", str(package))
        assert code == 0, err
        with collection(studied / f"anki{len(flag)}" / "c.anki2") as col:
            import_into_anki(col, package)
            keys = Counter(n["Key"] for n in _anki_notes(col))
            assert sum(1 for n in keys.values() if n > 1) == twins
            assert max(keys.values()) <= 2


def test_the_package_comes_back_as_the_same_drafts(studied: Path, tmp_path: Path) -> None:
    package = studied / "mine.apkg"
    assert invoke("export", "-f", "apkg", "--deck", "mine", "--with-history",
                  "--skill-samples", "0", "-o", str(package))[0] == 0
    cards_before = card_ids()
    reviews = dlquiz_reviews()
    code, out, err = invoke("import", str(package), "--deck", "mine", "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == 0
    assert statuses() == Counter(answered=19, partial=4, draft=62)
    assert card_ids() == cards_before and dlquiz_reviews() == reviews
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, out, err = invoke("--db", fresh, "import", str(package), "--deck", "mine", "--json")
    assert code == 0, err
    assert statuses(fresh) == Counter(answered=19, partial=4, draft=62)
    assert dlquiz_reviews(fresh) == len(RATINGS)
    code, out, _ = invoke("--db", fresh, "cards", "--deck", "mine", "--status", "draft",
                          "--json")
    for card in json.loads(out):
        _, shown, _ = invoke("--db", fresh, "show", str(card["id"]), "--json")
        assert LABEL not in json.loads(shown)["answer"]


def test_csv_and_markdown_carry_the_built_in_answer_and_come_back_as_drafts(
        studied: Path, tmp_path: Path) -> None:
    table = studied / "mine.csv"
    assert invoke("export", "-f", "csv", "--deck", "mine", "-o", str(table))[0] == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 85 and len({r["title"] for r in rows}) == 85
    open_rows = [r for r in rows if r["status"] != "answered"]
    assert len(open_rows) == 66 and all(LABEL in r["answer"] for r in open_rows)
    folder = studied / "md"
    assert invoke("export", "-f", "md", "--deck", "mine", "-o", str(folder))[0] == 0
    written = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.md"))
    assert written.count(f"#### {LABEL}") == 66
    for source in (table, *sorted(folder.glob("*.md"))):
        fresh = f"sqlite:///{tmp_path / (source.stem + source.suffix[1:] + '.db')}"
        code, _, err = invoke("--db", fresh, "import", str(source), "--deck", "mine")
        assert code == 0, err
        assert statuses(fresh) == Counter(answered=19, partial=4, draft=62)
