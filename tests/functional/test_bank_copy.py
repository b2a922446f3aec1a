"""`dlquiz bank copy`: a lived-in bank (the user's notes and the built-in ones, ratings, an
undone rating, a suspension, practice attempts, a graded exam, settings) goes SQLite ->
PostgreSQL -> SQLite and comes back with every table row-for-row equal; the server's id
sequences continue after the copied ids; a destination that holds a bank is refused without
--force; a source that is not a bank is refused without being created."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.exams.service import ExamService
from dlquiz.exams.spec import ExamSpec
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings, save_settings
from dlquiz.srs.setup import open_study_bank
from dlquiz.store.bank.database import open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import Base, ReviewLogRow
from tests.postgres import fresh_database

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
runner = CliRunner()


def lived_in_bank(url: str, notes: Path) -> None:
    bank = open_study_bank(url, now=NOW - timedelta(days=3))
    import_paths(bank, [notes], now=NOW - timedelta(days=2))
    clock = iter(NOW + timedelta(minutes=i) for i in range(1000))
    study = StudyService(bank, clock=lambda: next(clock),
                         settings=StudySettings(enable_fuzzing=False, new_per_day=50))
    study.ensure_skills()
    save_settings(bank, StudySettings(desired_retention=0.85, new_per_day=50))
    for rating in (3, 1, 4, 3, 2, 3, 3, 1):
        item = study.next_item()
        assert item is not None
        answer = "7" if item.card.skill_kind else None
        study.rate(item.card.card_id, rating, answer=answer, duration_ms=5000)
    study.undo()
    item = study.next_item()
    assert item is not None
    study.suspend(item.card.card_id)
    question = study.practice_question("conv-output-shape", 2)
    study.check_practice(question, "13")
    exams = ExamService(bank, clock=lambda: NOW + timedelta(hours=2), seeds=lambda: 11)
    exam = exams.build(ExamSpec(items=6, computational=0.5, minutes=30))
    exams.answer(exam.id, 1, "42", seconds=30)
    exams.flag(exam.id, 2, True)
    exams.submit(exam.id)
    bank.engine.dispose()


def every_table(url: str) -> dict[str, list[tuple[object, ...]]]:
    bank = open_bank(url)
    try:
        with bank.read() as session:
            return {table.name: [tuple(row) for row in session.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in Base.metadata.sorted_tables}
    finally:
        bank.engine.dispose()


def copy(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["bank", "copy", *args])
    return result.exit_code, result.output


@pytest.fixture
def server_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


def test_sqlite_to_postgresql_and_back_is_row_for_row_equal(
        tmp_path: Path, seed_notes: Path, server_url: str) -> None:
    original = f"sqlite:///{tmp_path / 'laptop.db'}"
    lived_in_bank(original, seed_notes)
    before = every_table(original)
    assert all(before[t] for t in ("notes", "cards", "review_logs", "actions", "attempts",
                                   "exams", "exam_items", "followups", "meta"))

    code, out = copy(original, server_url)
    assert code == 0, out
    assert every_table(server_url) == before
    back = f"sqlite:///{tmp_path / 'desktop.db'}"
    code, out = copy(server_url, back)
    assert code == 0, out
    assert every_table(back) == before

    # the server's sequences continue after the copied ids: new rows get new ids
    bank = open_bank(server_url)
    study = StudyService(bank, clock=lambda: NOW + timedelta(days=1))
    item = study.next_item()
    assert item is not None
    study.rate(item.card.card_id, 3, answer="7" if item.card.skill_kind else None)
    with bank.read() as session:
        newest = session.scalar(select(func.max(ReviewLogRow.id)))
    bank.engine.dispose()
    assert newest == max(int(str(row[0])) for row in before["review_logs"]) + 1


def test_a_destination_holding_a_bank_needs_force(tmp_path: Path, server_url: str,
                                                  seed_notes: Path) -> None:
    first = f"sqlite:///{tmp_path / 'one.db'}"
    lived_in_bank(first, seed_notes)
    other = tmp_path / "two.md"
    other.write_text("## 001 别的问题\n\n别的答案。\n", encoding="utf-8")
    second = f"sqlite:///{tmp_path / 'two.db'}"
    bank = open_bank(second)
    import_paths(bank, [other])
    bank.engine.dispose()
    assert copy(first, server_url)[0] == 0
    held = every_table(server_url)

    code, out = copy(second, server_url)
    assert code == 2 and "already holds a bank" in out and "--force" in out
    assert out.count("\n") == 1
    assert every_table(server_url) == held  # nothing written

    code, out = copy(second, server_url, "--force")
    assert code == 0, out
    assert every_table(server_url) == every_table(second)


def test_a_source_that_is_not_a_bank_is_refused_and_not_created(tmp_path: Path,
                                                                server_url: str) -> None:
    missing = tmp_path / "typo.db"
    code, out = copy(f"sqlite:///{missing}", server_url)
    assert code == 2 and "no bank here to copy" in out
    assert not missing.exists()
    code, out = copy(server_url, f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 2 and "holds no dlquiz bank" in out
    assert not (tmp_path / "x.db").exists()


def test_copy_is_refused_onto_itself(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'same.db'}"
    open_bank(url).engine.dispose()
    code, out = copy(url, url)
    assert code == 2 and "the same" in out
