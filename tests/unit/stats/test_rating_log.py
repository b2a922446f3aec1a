"""What each rating leaves for the statistics: the card's scheduled interval, the time since
its previous rating, FSRS's predicted recall and a wrong skill answer's named mistake; and
the same numbers recomputed by migration 0006 for a log written before it existed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, select

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.bank.migrate import MIGRATIONS_DIR, in_migration_transaction, upgrade
from dlquiz.store.cards.skills import ensure_skill_cards
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import ReviewLogRow

START = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def rated_bank(tmp: Path, url: str) -> tuple[Bank, Clock]:
    bank = open_bank(url, now=START)
    notes = tmp / "deck.md"
    notes.write_text("## 001 问题\n\n答案。\n", encoding="utf-8")
    import_paths(bank, [notes], now=START - timedelta(days=1))
    clock = Clock()
    service = StudyService(bank, clock=clock, settings=StudySettings(enable_fuzzing=False))
    item = service.next_item()
    assert item is not None
    card = item.card.card_id
    for rating, wait in ((3, timedelta(0)), (3, timedelta(minutes=10)), (3, timedelta(days=3)),
                         (1, timedelta(days=9, hours=5))):
        clock.now += wait
        service.rate(card, rating)
    return bank, clock


def logs(bank: Bank) -> list[tuple[float | None, float | None, float | None]]:
    with bank.read() as session:
        rows = session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        return [(r.last_interval, r.elapsed, r.retrievability) for r in rows]


def test_a_rating_keeps_interval_elapsed_and_predicted_recall(tmp_path: Path,
                                                              bank_url: str) -> None:
    bank, _ = rated_bank(tmp_path, bank_url)
    found = logs(bank)
    assert found[0] == (None, None, None)  # a new card: nothing before
    # second rating 10 minutes after the first, whose step was 10 minutes
    assert found[1][0] == pytest.approx(10 / 1440) and found[1][1] == pytest.approx(10 / 1440)
    assert found[1][2] == pytest.approx(1.0)  # zero whole days elapsed
    # third: 3 days after the second; the fourth 9 d 5 h after the third
    assert found[2][1] == pytest.approx(3.0) and found[3][1] == pytest.approx(9 + 5 / 24)
    assert found[2][0] is not None and found[2][0] >= 1
    assert 0 < (found[3][2] or 0) < 1


def test_migration_0006_recomputes_them_from_the_state_before(tmp_path: Path,
                                                              bank_url: str) -> None:
    bank, _ = rated_bank(tmp_path, bank_url)
    written = logs(bank)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))

    def down(conn: Connection) -> None:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")

    in_migration_transaction(bank.engine, down)
    upgrade(bank.engine)
    recomputed = logs(bank)
    for new, old in zip(recomputed, written, strict=True):
        for a, b in zip(new, old, strict=True):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert a == pytest.approx(b, abs=1e-6)


def test_a_wrong_skill_answer_keeps_its_named_mistake(bank_url: str) -> None:
    bank = open_bank(bank_url, now=START)
    ensure_skill_cards(bank, ["conv-output-shape"], START)
    service = StudyService(bank, clock=lambda: START, seeds=lambda: 7,
                           settings=StudySettings(enable_fuzzing=False))
    item = service.next_item()
    assert item is not None and item.question is not None
    from engine.questions import mistakes_of

    name, wrong = mistakes_of(item.question.id, "zh")[0]
    service.rate(item.card.card_id, 1, answer=wrong)
    with bank.read() as session:
        log = session.scalars(select(ReviewLogRow)).one()
    assert log.correct is False and log.diagnosis == name
