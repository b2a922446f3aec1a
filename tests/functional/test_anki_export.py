"""dlquiz's `export --format apkg` imported into a fresh collection by the real Anki
library: note count, fields, tags, decks, MathJax, and with --with-history the same number
of reviews and the same due dates as in dlquiz; a second export updates, never duplicates."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.interop.anki_export import note_guid
from dlquiz.srs.days import day_start, local_zone
from dlquiz.srs.service import StudyService
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.interop.read import ExportNote, export_notes
from dlquiz.store.schema.records import QueueFilter
from tests.functional.anki_support import collection, require_anki

runner = CliRunner()
FOLLOWUPS = """
**追问**

- 问：为什么用平方？ 答：平方让正负号无关。
- 问：换成立方呢？ 答：符号会保留下来。
"""
NOTES = "\n".join(
    f"""# 主题{i % 3}

## {i:03d} 问题 {i}：$x_{i}^2$ 是什么？

答案 {i}：

$$
y = \\sum_{{k}} x_k^{{{i}}}
$$

**参考资料**

- [Paper {i}](https://arxiv.org/abs/2401.{i:05d})

**标签**: tag{i}, common
{FOLLOWUPS if i == 1 else ""}""" for i in range(1, 13))
SKILL_KINDS = 85


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def study(start: datetime, days: int, seed: int = 3) -> None:
    """Study the deck 'mine' every day for `days` days, rating with a seeded mix."""
    bank = open_bank(resolve_url(None))
    rng = random.Random(seed)
    clock = [start]
    service = StudyService(bank, clock=lambda: clock[0], filters=QueueFilter(deck="mine"))
    for day in range(days):
        clock[0] = start + timedelta(days=day)
        for _ in range(40):
            item = service.next_item()
            if item is None:
                break
            service.rate(item.card.card_id, rng.choices([1, 2, 3, 4], [2, 2, 7, 1])[0])
            clock[0] += timedelta(minutes=rng.randint(1, 15))


def mine() -> list[ExportNote]:
    return export_notes(open_bank(resolve_url(None)), deck="mine", with_history=True)


def import_into_anki(col: Any, package: Path) -> Any:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS

    return col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package),
        options=ImportAnkiPackageOptions(with_scheduling=True,
                                         update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS)))


@pytest.fixture
def studied(bank_home: Path, tmp_path: Path) -> Path:
    require_anki()
    notes = tmp_path / "mine.md"
    notes.write_text(NOTES, encoding="utf-8")
    assert invoke("import", str(notes))[0] == 0
    study(datetime.now(UTC) - timedelta(days=75), 70)
    package = tmp_path / "mine.apkg"
    code, _, err = invoke("export", "--format", "apkg", "--deck", "mine", "--with-history",
                          "--skill-samples", "1", "-o", str(package))
    assert code == 0, err
    return package


def test_anki_reads_notes_fields_tags_and_decks(studied: Path, tmp_path: Path) -> None:
    with collection(tmp_path / "anki" / "c.anki2") as col:
        import_into_anki(col, studied)
        assert col.note_count() == 12 + 2 + SKILL_KINDS  # notes, follow-ups, samples
        followups = [col.get_note(n) for n in col.find_notes("tag:dlquiz::followup")]
        assert sorted(n["Question"] for n in followups) == ["为什么用平方？", "换成立方呢？"]
        mine_deck = col.decks.id_for_name("dlquiz::mine")
        assert all(n.cards()[0].did == mine_deck for n in followups)
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"dlquiz::mine", "dlquiz::skills"} <= names
        ours = {note_guid(n.deck, n.key): n for n in mine()}
        for nid in col.find_notes("deck:dlquiz::mine -tag:dlquiz::followup"):
            note = col.get_note(nid)
            source = ours[note.guid]
            assert note["Question"].startswith(f"问题 {int(source.number or 0)}：")
            assert f"\\(x_{int(source.number or 0)}^2\\)" in note["Question"]
            assert "\\[y = \\sum_{k} x_k^{" in note["Answer"]  # MathJax survives Anki
            assert f'href="{source.references[0].url}"' in note["References"]
            assert set(note.tags) == {*source.tags, f"topic::{source.topic}"}
            card = note.cards()[0]
            assert "\\(x_" in card.question() and "\\[y" in card.answer()
        generated = col.find_notes("tag:dlquiz::generated")
        assert len(generated) == SKILL_KINDS
        assert col.find_notes("deck:dlquiz::skills") == generated


def test_with_history_keeps_reviews_and_due_dates(studied: Path, tmp_path: Path) -> None:
    notes = mine()
    reviews = sum(len(n.reviews) for n in notes)
    assert reviews > 100
    zone = local_zone()
    with collection(tmp_path / "anki" / "c.anki2") as col:
        import_into_anki(col, studied)
        assert col.db.scalar("SELECT count() FROM revlog") == reviews
        today = col.sched.today
        today_start = day_start(datetime.now(UTC), zone)
        compared = 0
        nids = dict(col.db.all("SELECT guid, id FROM notes"))
        for note in notes:
            assert note.card is not None
            card = col.get_note(nids[note_guid(note.deck, note.key)]).cards()[0]
            assert card.reps == note.card.reps == len(note.reviews)
            revlog = col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id)
            assert revlog == len(note.reviews)
            assert (card.queue == -1) == note.card.suspended  # a leech stays suspended
            if card.type == 2:  # in review: due on a study day
                anki_due = today_start + timedelta(days=card.due - today)
                assert anki_due == day_start(note.card.due, zone)
            elif card.type in (1, 3):  # (re)learning: due at a moment
                assert card.due == int(note.card.due.timestamp())
            else:
                assert note.card.state == 0
            compared += card.type in (1, 2, 3)
            if note.card.stability is not None:  # the FSRS memory state came along
                assert card.memory_state.stability == pytest.approx(note.card.stability,
                                                                    abs=1e-3)
                assert card.memory_state.difficulty == pytest.approx(note.card.difficulty,
                                                                     abs=1e-3)
        assert compared == len(notes)


def test_exporting_again_updates_instead_of_duplicating(studied: Path, tmp_path: Path) -> None:
    with collection(tmp_path / "anki" / "c.anki2") as col:
        import_into_anki(col, studied)
        before = col.note_count()
        again = tmp_path / "again.apkg"
        code, _, err = invoke("export", "-f", "apkg", "--deck", "mine", "--skill-samples", "1",
                              "-o", str(again))
        assert code == 0, err
        log = import_into_anki(col, again).log
        assert col.note_count() == before
        assert len(log.new) == 0
