"""Decks and notes: rename, delete, and `dlquiz undo` of those and of an import, on both
backends. Each undo is checked against a dump of every table of the bank taken before the
action: the bank must be row for row what it was. Refusals change nothing at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.models import Base

runner = CliRunner()
NOTES = ("## 001 卷积是什么？\n\n滑动窗口内的加权求和。\n\n**追问**\n\n"
         "- 问：步长？ 答：移动的格数。\n\n## 002 池化有什么用？\n\n降采样。\n")


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    bank = open_bank(resolve_url())
    try:
        with bank.read() as session:
            return {table.name: [tuple(row) for row in session.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in Base.metadata.sorted_tables}
    finally:
        bank.engine.dispose()


def sql(statement: str, **params: object) -> None:
    bank = open_bank(resolve_url())
    try:
        with bank.write() as session:
            session.execute(text(statement), params)
    finally:
        bank.engine.dispose()


def json_of(*args: str) -> Any:
    code, out, err = invoke(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def import_mine(tmp_path: Path, body: str = NOTES) -> Path:
    notes = tmp_path / "mine.md"
    notes.write_text(body, encoding="utf-8")
    code, out, err = invoke("import", str(notes))
    assert code == 0, err
    assert "into deck 'mine'" in out.splitlines()[0]  # named before the report
    return notes


def rate_deck(deck: str) -> list[int]:
    cards = [c["id"] for c in json_of("cards", "--deck", deck)]
    for card, rating in zip(cards, ("good", "again", "easy"), strict=False):
        assert invoke("review", "rate", str(card), rating)[0] == 0
    return cards


def refused(*args: str, words: str) -> None:
    before = dump()
    code, _, err = invoke(*args)
    assert code == 2 and err.startswith("dlquiz: ") and err.count("\n") == 1, err
    assert words in err, err
    assert dump() == before


def test_undo_takes_back_an_import(any_bank_home: Path, tmp_path: Path) -> None:
    assert invoke("decks")[0] == 0
    before = dump()
    import_mine(tmp_path)
    assert dump() != before
    code, out, _ = invoke("undo")
    assert code == 0 and "import into deck 'mine'" in out
    assert dump() == before


def test_undo_of_an_import_brings_back_the_builtin_twins_history(any_bank_home: Path,
                                                                   tmp_path: Path) -> None:
    builtin = json_of("cards", "--deck", "builtin")[0]
    assert invoke("review", "rate", str(builtin["id"]), "good")[0] == 0
    before = dump()
    import_mine(tmp_path, f"## 001 {builtin['title']}\n\n我自己的答案。\n")
    mine = json_of("cards", "--deck", "mine")[0]
    assert mine["reps"] == 1  # the history followed the question to the user's card
    assert invoke("undo")[0] == 0
    assert dump() == before


def test_an_import_is_undone_after_the_ratings_made_since(any_bank_home: Path,
                                                          tmp_path: Path) -> None:
    assert invoke("decks")[0] == 0
    before = dump()
    import_mine(tmp_path)
    cards = rate_deck("mine")
    assert invoke("suspend", str(cards[0]))[0] == 0
    for _ in range(4):  # the suspension, the three ratings
        assert invoke("undo")[0] == 0
    code, out, err = invoke("undo")
    assert code == 0 and "import into deck 'mine'" in out, err
    assert dump() == before


def test_rename_and_its_undo(any_bank_home: Path, tmp_path: Path) -> None:
    import_mine(tmp_path)
    rate_deck("mine")
    before = dump()
    code, out, _ = invoke("decks", "rename", "mine", "  卷积  ")
    assert code == 0 and "'卷积'" in out
    assert {d["name"] for d in json_of("decks")} == {"builtin", "卷积"}
    assert invoke("undo")[0] == 0
    assert dump() == before


def test_bad_renames_change_nothing(any_bank_home: Path, tmp_path: Path) -> None:
    import_mine(tmp_path)
    (tmp_path / "other.md").write_text("## 001 别的\n\n答。\n", encoding="utf-8")
    assert invoke("import", str(tmp_path / "other.md"))[0] == 0
    refused("decks", "rename", "mine", "other", words="already a deck named 'other'")
    refused("decks", "rename", "builtin", "mine2", words="built-in deck")
    refused("decks", "rename", "nope", "x", words="no deck named 'nope'")
    refused("decks", "rename", "mine", "   ", words="cannot be empty")
    refused("decks", "rename", "mine", "a\x07b", words="control characters")


def test_delete_deck_with_history_and_exams_then_undo(any_bank_home: Path,
                                                      tmp_path: Path) -> None:
    import_mine(tmp_path)
    rate_deck("mine")
    exam = json_of("exam", "new", "--items", "2", "--computational", "0", "--seed", "3")
    note = json_of("notes", "list", "--deck", "mine")[0]["id"]
    sql("UPDATE exam_items SET note_id = :note WHERE exam_id = :exam AND n = 1",
        note=note, exam=exam["id"])  # an exam that asked one of the deck's questions
    refused("decks", "delete", "mine", "--yes", words=f"exam {exam['id']} is still open")
    assert invoke("exam", "submit", str(exam["id"]))[0] == 0
    before = dump()
    code, _, _ = invoke("decks", "delete", "mine", stdin="n\n")
    assert code == 1 and dump() == before  # asked, and told no
    code, out, _ = invoke("decks", "delete", "mine", "--yes")
    assert code == 0 and "deleted deck 'mine': 2 notes, 3 cards, 3 ratings" in out
    assert "mine" not in {d["name"] for d in json_of("decks")}
    code, _, err = invoke("undo")
    assert code == 0, err
    assert dump() == before


def test_the_builtin_deck_cannot_be_deleted(any_bank_home: Path) -> None:
    assert invoke("decks")[0] == 0
    refused("decks", "delete", "builtin", "--yes", words="built-in deck")


def test_delete_notes_then_undo(any_bank_home: Path, tmp_path: Path) -> None:
    import_mine(tmp_path)
    rate_deck("mine")
    before = dump()
    ids = [str(n["id"]) for n in json_of("notes", "list", "--deck", "mine")]
    code, out, _ = invoke("notes", "delete", *ids, "--yes")
    assert code == 0 and "deleted 2 note(s), 3 card(s), 3 rating(s)" in out
    assert json_of("notes", "list", "--deck", "mine") == []
    code, out, _ = invoke("undo")
    assert code == 0 and f"deletion of notes {', '.join(ids)}" in out
    assert dump() == before


def test_bad_note_deletions_change_nothing(any_bank_home: Path, tmp_path: Path) -> None:
    import_mine(tmp_path)
    builtin = json_of("notes", "list", "--deck", "builtin")[0]["id"]
    refused("notes", "delete", "999999", "--yes", words="no note with id 999999")
    refused("notes", "delete", str(builtin), "--yes", words="built-in note")


def test_undo_after_another_process_changed_the_cards_is_refused(any_bank_home: Path,
                                                                 tmp_path: Path) -> None:
    import_mine(tmp_path)
    card = json_of("cards", "--deck", "mine")[0]["id"]
    # a change that does not go through the journal, as another process's write would be
    sql("UPDATE cards SET version = version + 1, suspended = :t WHERE id = :c", c=card, t=True)
    refused("undo", words="changed by another dlquiz process")


@pytest.mark.parametrize("deck", ["", "   ", "tab\there"])
def test_an_empty_or_unprintable_deck_name_is_refused_before_anything(
        bank_home: Path, tmp_path: Path, deck: str) -> None:
    notes = tmp_path / "mine.md"
    notes.write_text(NOTES, encoding="utf-8")
    code, out, err = invoke("import", str(notes), "--deck", deck)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert not bank_home.exists()  # not even a bank was created


def test_notes_commands_join_a_notes_group_registered_before() -> None:
    """Another module may own `dlquiz notes` (e.g. `notes fill`): list and delete join it."""
    import typer

    from dlquiz.cli import deck_cmds

    host = typer.Typer()
    notes = typer.Typer(no_args_is_help=True)

    @notes.command("fill")
    def fill() -> None:
        typer.echo("filled")

    host.add_typer(notes, name="notes")
    deck_cmds.register(host)
    assert runner.invoke(host, ["notes", "fill"]).stdout == "filled\n"
    for command in ("list", "delete"):
        result = runner.invoke(host, ["notes", command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
    assert [g.name for g in host.registered_groups] == ["notes", "decks"]
