"""`dlquiz import` of CSV/TSV and bad Anki packages, and `dlquiz export` to CSV, TSV and
markdown, through Typer's CliRunner; effects checked in the bank."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard
from sqlalchemy import func, select
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import make_engine, open_bank
from dlquiz.store.bank.location import resolve_url, sqlite_path
from dlquiz.store.bank.migrate import current_revision
from dlquiz.store.interop.read import ExportNote, export_notes
from dlquiz.store.schema.models import Base, DeckRow, FollowUpRow, NoteRow
from engine.questions import list_kinds

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def bank_contents() -> dict[str, list[tuple[object, ...]]] | None:
    """Every row of every table of the bank, or None when there is no bank at all (no
    SQLite file; no dlquiz schema in the server database)."""
    url = resolve_url(None)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None
    engine = make_engine(url)
    try:
        if current_revision(engine) is None:
            return None
        with engine.connect() as conn:
            return {table.name: [tuple(row) for row in conn.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


def notes_of(deck: str) -> list[ExportNote]:
    return export_notes(open_bank(resolve_url(None)), deck=deck)


def active_followups(deck: str) -> int:
    """Counted in the bank's own tables, not by the exporter."""
    bank = open_bank(resolve_url(None))
    with bank.read() as session:
        count = session.scalar(select(func.count()).select_from(FollowUpRow)
                               .join(NoteRow, NoteRow.id == FollowUpRow.note_id)
                               .join(DeckRow, DeckRow.id == NoteRow.deck_id)
                               .where(DeckRow.name == deck, FollowUpRow.retired_at.is_(None),
                                      NoteRow.retired_at.is_(None)))
    bank.engine.dispose()
    return int(count or 0)


def comparable(note: ExportNote) -> tuple[object, ...]:
    return (note.topic, note.number, note.title, note.answer, note.references, note.tags,
            note.practice, note.status)


def collection_bytes(rows: int = 400) -> bytes:
    """A small SQLite file with the tables of an Anki collection."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.sqlite"
        conn = sqlite3.connect(path)
        conn.executescript("CREATE TABLE col (id, crt, models, decks); CREATE TABLE notes "
                           "(id, guid, mid, tags, flds); CREATE TABLE cards (id, nid, did, "
                           "ord, queue); CREATE TABLE revlog (id, cid, ease, type, factor, "
                           "time);")
        conn.executemany("INSERT INTO notes VALUES (?, ?, 1, '', ?)",
                         [(i, f"g{i}", "question\x1fanswer " * 20) for i in range(rows)])
        conn.commit()
        conn.close()
        return path.read_bytes()


def package(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase its one-sentence error must hold)."""
    whole = collection_bytes()
    squeezed = zstandard.ZstdCompressor().compress(whole)
    csv_file = tmp / "words.csv"
    csv_file.write_text("word,meaning\nhello,你好\n", encoding="utf-8")
    not_zip = tmp / "notzip.apkg"
    not_zip.write_bytes(b"this is not a zip file at all")
    return {
        "not a zip": (not_zip, "not a zip file"),
        "no collection": (package(tmp / "empty.apkg", {"media": b"{}"}),
                          "holds no Anki collection"),
        "truncated legacy collection": (
            package(tmp / "cut.apkg", {"collection.anki2": whole[: len(whole) // 2]}),
            "truncated or damaged"),
        "truncated current collection": (
            package(tmp / "cut.colpkg", {"meta": b"\x08\x03",
                                         "collection.anki21b": squeezed[: len(squeezed) // 2],
                                         "collection.anki2": whole}),
            "truncated"),
        "unknown meta version": (
            package(tmp / "future.apkg", {"meta": b"\x08\x07", "collection.anki21b": squeezed}),
            "version 7"),
        "csv without the needed columns": (csv_file, "needs a question and an answer column"),
    }


@pytest.mark.parametrize("case", ["not a zip", "no collection", "truncated legacy collection",
                                  "truncated current collection", "unknown meta version",
                                  "csv without the needed columns"])
def test_bad_files_one_sentence_exit_2_nothing_written(case: str, any_bank_home: Path,
                                                       tmp_path: Path) -> None:
    path, phrase = bad_files(tmp_path)[case]
    code, out, err = invoke("import", str(path))
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dlquiz: {path}")
    assert phrase in lines[0] and lines[0].endswith(".")
    assert bank_contents() is None  # not even a bank was created
    good = tmp_path / "good.csv"
    good.write_text("question,answer\nWhat is 1+1?,2\n", encoding="utf-8")
    assert invoke("import", str(good))[0] == 0
    before = bank_contents()
    assert invoke("import", str(path))[0] == 2
    assert bank_contents() == before
    assert len(notes_of("good")) == 1


def test_csv_import_reimport_and_duplicates(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    path.write_text("Front,Back,Tags,Deck\n"
                    "What is ReLU?,\"max(0, x)\n\nsecond paragraph\",act nonlinear,acts\n"
                    "What is ReLU?,asked twice,,acts\n"
                    "Empty one,,,acts\n", encoding="utf-8")
    code, out, err = invoke("import", str(path), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["decks"]) == (3, ["acts"])
    notes = notes_of("acts")
    assert [n.title for n in notes] == ["What is ReLU?", "What is ReLU?", "Empty one"]
    assert notes[0].answer == "max(0, x)\n\nsecond paragraph"
    assert notes[0].tags == ("act", "nonlinear")
    assert [n.status for n in notes] == ["answered", "answered", "draft"]
    assert [n.key for n in notes] == ["whatisrelu?", "whatisrelu?#2", "emptyone"]
    code, out, _ = invoke("import", str(path), "--json")
    assert json.loads(out)["unchanged"] == 3 and json.loads(out)["added"] == 0
    assert invoke("bank", "check")[0] == 0


def test_csv_bad_status_names_line_and_value(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    path.write_text("question,answer,status\nq1,a1,answered\nq2,a2,finished\n", encoding="utf-8")
    code, _, err = invoke("import", str(path))
    assert code == 2
    assert "line 3" in err and "'finished'" in err


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_table_export_round_trip(fmt: str, any_bank_home: Path, tmp_path: Path) -> None:
    """The built-in deck exported and imported into a new deck gives the same notes."""
    target = tmp_path / f"builtin.{fmt}"
    code, _, err = invoke("export", "--format", fmt, "--deck", "builtin", "--cards", "-o",
                          str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ","))
    assert rows[0][:10] == ["deck", "topic", "number", "title", "answer", "references",
                            "tags", "status", "key", "practice"]
    assert rows[0][10:] == ["state", "due", "last_review", "stability", "difficulty", "reps",
                           "lapses", "suspended"]
    original = notes_of("builtin")
    assert len(rows) == len(original) + 1
    assert invoke("import", str(target), "--deck", "copy")[0] == 0
    assert [comparable(n) for n in notes_of("copy")] == [comparable(n) for n in original]


def test_markdown_export_round_trip_of_the_builtin_bank(any_bank_home: Path,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, out, err = invoke("export", "-f", "md", "--deck", "builtin", "-o", str(folder),
                            "--json")
    assert code == 0, err
    files = json.loads(out)["files"]
    original = notes_of("builtin")
    topics = {n.topic for n in original}
    assert len(files) == len(topics)  # one file per topic
    code, _, err = invoke("import", str(folder), "--deck", "copy")
    assert code == 0, err
    assert [comparable(n) for n in notes_of("copy")] == [comparable(n) for n in original]
    code, _, err = invoke("export", "-f", "md", "--deck", "builtin", "-o", str(folder))
    assert code == 2 and "already exists" in err  # never overwrites


def test_markdown_export_round_trip_of_the_users_notes(seed_notes: Path, any_bank_home: Path,
                                                       tmp_path: Path) -> None:
    assert invoke("import", str(seed_notes), "--deck", "mine")[0] == 0
    folder = tmp_path / "out"
    assert invoke("export", "-f", "md", "--deck", "mine", "-o", str(folder))[0] == 0
    assert invoke("import", str(folder), "--deck", "copy")[0] == 0
    original = notes_of("mine")
    assert len(original) == 85
    assert [comparable(n) for n in notes_of("copy")] == [comparable(n) for n in original]


def test_apkg_export_of_every_deck_and_json(any_bank_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.apkg"
    code, out, err = invoke("export", "-f", "apkg", "-o", str(target), "--skill-samples", "2",
                            "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["notes"] == len(notes_of("builtin"))
    assert result["followups"] == active_followups("builtin") > 100  # a note each
    assert result["skill_samples"] == 2 * len(list_kinds())
    assert result["decks"] == ["dlquiz::builtin", "dlquiz::skills"]
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]


def test_import_of_dlquiz_own_package_restores_the_notes(any_bank_home: Path,
                                                         tmp_path: Path) -> None:
    """A dlquiz package imported back (into another deck) gives the same notes (answers
    through HTML and back: the same page once rendered, up to line breaks inside a
    paragraph); the generated skill questions are skipped."""
    from dlquiz.interop.md_html import markdown_html

    def page(answer: str) -> str:
        return " ".join(markdown_html(answer).split())

    target = tmp_path / "all.apkg"
    assert invoke("export", "-f", "apkg", "--deck", "builtin", "-o", str(target))[0] == 0
    code, out, err = invoke("import", str(target), "--deck", "copy", "--json")
    assert code == 0, err
    report = json.loads(out)
    # the skill samples, and the follow-ups (their text comes back inside their notes)
    assert report["skipped_generated"] == 3 * len(list_kinds()) + active_followups("builtin")
    original = notes_of("builtin")
    copy = notes_of("copy")
    assert len(copy) == len(original)
    assert [(n.key, n.topic, n.number, n.title, n.references, n.tags, n.practice, n.status)
            for n in copy] == [(n.key, n.topic, n.number, n.title, n.references, n.tags,
                                n.practice, n.status) for n in original]
    assert [page(n.answer) for n in copy] == [page(n.answer) for n in original]


def test_mixing_markdown_and_packages_is_refused(any_bank_home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "a.md"
    notes.write_text("## 001 q\n\na\n", encoding="utf-8")
    table = tmp_path / "b.csv"
    table.write_text("question,answer\nq,a\n", encoding="utf-8")
    code, _, err = invoke("import", str(notes), str(table))
    assert code == 2 and "separately" in err


def test_history_round_trip_between_banks_and_undo(any_bank_home: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Reviews exported with --with-history and imported into another bank: the same
    reviews per card, replayed into the same FSRS states and due dates (fuzz off; Anki keeps
    review times to the millisecond), the bank check clean, and `undo` takes the import back."""
    from datetime import UTC, datetime, timedelta

    from dlquiz.srs.service import StudyService
    from dlquiz.store.schema.records import QueueFilter

    notes = tmp_path / "mine.md"
    notes.write_text("\n".join(f"## {i:03d} 问题 {i}\n\n答案 {i}。\n" for i in range(1, 9)),
                     encoding="utf-8")
    assert invoke("import", str(notes))[0] == 0
    assert invoke("config", "enable_fuzzing", "false")[0] == 0
    clock = [datetime.now(UTC) - timedelta(days=40)]
    service = StudyService(open_bank(resolve_url(None)), clock=lambda: clock[0],
                           filters=QueueFilter(deck="mine"))
    for day in range(30):
        clock[0] = datetime.now(UTC) - timedelta(days=40 - day)
        for turn in range(20):
            item = service.next_item()
            if item is None:
                break
            service.rate(item.card.card_id, 1 + (item.card.card_id + day + turn) % 4)
            clock[0] += timedelta(minutes=3)
    package = tmp_path / "mine.apkg"
    assert invoke("export", "-f", "apkg", "--deck", "mine", "--with-history",
                  "--skill-samples", "0", "-o", str(package))[0] == 0
    original = {n.key: n for n in export_notes(open_bank(resolve_url(None)), deck="mine",
                                               with_history=True)}
    monkeypatch.setenv("DLQUIZ_DB", str(tmp_path / "other.db"))
    code, out, err = invoke("import", str(package), "--json")
    assert code == 0, err
    assert json.loads(out)["reviews"] == sum(len(n.reviews) for n in original.values())
    copied = export_notes(open_bank(resolve_url(None)), deck="mine", with_history=True)
    for note in copied:
        source = original[note.key]
        assert note.card is not None and source.card is not None
        assert [(r.at, r.rating) for r in note.reviews] == [  # Anki keeps milliseconds
            (r.at.replace(microsecond=r.at.microsecond // 1000 * 1000), r.rating)
            for r in source.reviews]
        assert (note.card.reps, note.card.state) == (source.card.reps, source.card.state)
        assert abs((note.card.due - source.card.due).total_seconds()) < 0.01
        assert note.card.stability == pytest.approx(source.card.stability, rel=1e-9)
    assert invoke("bank", "check")[0] == 0
    code, out, err = invoke("undo")  # the import as a whole, its replayed reviews with it
    assert code == 0 and "import into deck 'mine'" in out, err
    assert "mine" not in {d["name"] for d in json.loads(invoke("decks", "--json")[1])}
    assert invoke("bank", "check")[0] == 0
