"""The import's reads by id range (issue 25): an undo image read as ranges plus leftover ids
holds exactly the rows of its scope, and follow-ups are synced only for the notes named,
even when other notes' ids lie between theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.followups import sync_followups
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.journal.row_journal import _runs, read_image, tables
from dlquiz.store.schema.models import FollowUpRow, NoteRow
from tests.unit.store.notes_support import NOW, write


@pytest.fixture
def bank(bank_url: str) -> Bank:
    return open_bank(bank_url)


def _notes(count: int, followups: bool = False) -> str:
    extra = "\n**追问**\n- 问：为什么？ 答：因为。\n" if followups else ""
    return "".join(f"## {n:03d} Question {n}\n\nAnswer {n}.\n{extra}\n" for n in range(count))


def test_runs_split_consecutive_ids_from_the_rest() -> None:
    ids = [*range(1, 61), 62, *range(64, 201), 300, 301]
    runs, rest = _runs(ids)
    assert runs == [(1, 60), (64, 200)]
    assert rest == [62, 300, 301]
    assert _runs([]) == ([], [])


def test_an_image_read_in_ranges_holds_exactly_its_scope(bank: Bank, tmp_path: Path) -> None:
    import_paths(bank, [write(tmp_path / "deck.md", _notes(150))], now=NOW)
    with bank.read() as session:
        all_ids = sorted(session.scalars(select(NoteRow.id)))
        assert len(all_ids) == 150
        # a long run with holes at both ends, a gap inside, and scattered ids
        chosen = set(all_ids[5:70]) | set(all_ids[72:140]) | {all_ids[0], all_ids[145]}
        image = read_image(session, {"notes": chosen})
        table = tables()["notes"]
        one_by_one = {}
        for note_id in sorted(chosen):  # the independent path: one query per row
            row = session.execute(select(table).where(table.c.id == note_id)).one()
            one_by_one[note_id] = row._mapping["answer"]
    assert list(image["notes"]) == sorted(chosen)
    assert {i: row["answer"] for i, row in image["notes"].items()} == one_by_one
    assert all(image[name] == {} for name in image if name != "notes")


def test_followups_of_notes_between_the_ones_synced_are_left_alone(bank: Bank,
                                                                  tmp_path: Path) -> None:
    import_paths(bank, [write(tmp_path / "deck.md", _notes(3, followups=True))], now=NOW)
    with bank.write() as session:
        first, middle, last = sorted(session.scalars(select(NoteRow.id)))
        sync_followups(session, {first: (), last: ()}, NOW)  # their follow-ups are gone
    with bank.read() as session:
        retired = {note_id: retired_at is not None for note_id, retired_at in session.execute(
            select(FollowUpRow.note_id, FollowUpRow.retired_at))}
    assert retired == {first: True, middle: False, last: True}
