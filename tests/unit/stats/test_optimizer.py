"""`dlquiz optimize` on a history simulated from known FSRS parameters: the fitted ones
predict held-out cards better than the defaults; in the bank they are kept with the date
and the review count, and `--reset` returns to the defaults."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs_rs_python as rs
import pytest
from fsrs import Card, Rating, Scheduler

from dlquiz.srs.fit_record import load_fit
from dlquiz.srs.optimizer import fit, optimize, reset, training_items
from dlquiz.srs.settings import load_settings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, ReviewLogRow

from .history import NEW_YORK

START = datetime(2025, 1, 6, 14, 0, tzinfo=UTC)
# a learner who forgets faster than FSRS's defaults assume: lower initial stabilities,
# slower growth, a steeper forgetting curve
TRUE = (0.1, 0.5, 1.0, 3.0, 7.0, 0.9, 2.5, 0.01, 1.2, 0.2, 0.9, 1.6, 0.08, 0.3, 1.8,
        0.4, 1.8, 0.5, 0.1, 0.07, 0.35)


def simulate(cards: int, reviews: int, seed: int) -> dict[int, list[tuple[datetime, int, int]]]:
    """Each card reviewed on its due day; recalled with FSRS's probability under TRUE."""
    rng = random.Random(seed)
    truth = Scheduler(parameters=TRUE, learning_steps=(), relearning_steps=(),
                      enable_fuzzing=False, desired_retention=0.85)
    history: dict[int, list[tuple[datetime, int, int]]] = {}
    for card_id in range(1, cards + 1):
        card = Card(card_id=card_id)
        at = START + timedelta(days=rng.randrange(30), minutes=rng.randrange(600))
        log = []
        for n in range(reviews):
            if n == 0:
                rating = rng.choice([1, 2, 3, 3, 3, 4])
            else:
                recalled = rng.random() < truth.get_card_retrievability(card, at)
                rating = rng.choice([2, 3, 3, 3, 4]) if recalled else 1
            log.append((at, rating, 0 if n == 0 else int(card.state)))
            card, _ = truth.review_card(card, Rating(rating), review_datetime=at)
            at = card.due + timedelta(minutes=rng.randrange(-120, 600))
        history[card_id] = log
    return history


def test_fitted_parameters_predict_held_out_cards_better() -> None:
    history = simulate(cards=500, reviews=8, seed=3)
    train = [(c, h) for c, h in history.items() if c % 5]
    held_out = [(c, h) for c, h in history.items() if not c % 5]
    items, _ = training_items(train, NEW_YORK, 4)
    result = fit(items, ())
    held, _ = training_items(held_out, NEW_YORK, 4)
    test_items = [rs.FSRSItem([rs.FSRSReview(r, d) for r, d in item]) for item in held]
    default = rs.FSRS(list(rs.DEFAULT_PARAMETERS)).evaluate(test_items).log_loss
    fitted = rs.FSRS(result["fitted"]).evaluate(test_items).log_loss
    assert fitted < default - 0.005, (fitted, default)


def bank_with(tmp: Path, url: str,
              history: dict[int, list[tuple[datetime, int, int]]]) -> Bank:
    bank = open_bank(url, now=START)
    notes = tmp / "deck.md"
    notes.write_text("".join(f"## {i:03d} 问题\n\n答案。\n\n" for i in history),
                     encoding="utf-8")
    import_paths(bank, [notes], now=START - timedelta(days=1))
    with bank.write() as session:
        ids = session.query(CardRow.id).order_by(CardRow.id).all()
        for (card_id,), log in zip(ids, history.values(), strict=True):
            for at, rating, before in log:
                session.add(ReviewLogRow(card_id=card_id, rating=rating, reviewed_at=at,
                                         before_json="{}", state_before=before))
    return bank


def test_optimize_keeps_better_parameters_with_date_and_count(tmp_path: Path,
                                                              bank_url: str) -> None:
    history = simulate(cards=150, reviews=7, seed=5)
    bank = bank_with(tmp_path, bank_url, history)
    now = START + timedelta(days=400)
    phases: list[str] = []
    outcome = optimize(bank, NEW_YORK, now, lambda phase, _: phases.append(phase))
    assert outcome is not None
    record = outcome.record
    assert {"history", "fitting", "evaluating"} <= set(phases)
    assert record.reviews == 150 * 7 and record.scope == "full"
    assert record.current is not None and record.fitted is not None
    assert record.kept == (record.fitted.log_loss < record.current.log_loss)
    assert record.kept  # simulated from other parameters: the fit must be better
    assert load_settings(bank).parameters == pytest.approx(record.parameters)
    stored = load_fit(bank)
    assert stored is not None and stored.fitted_at == now and stored.reviews == 1050
    reset(bank)
    assert load_settings(bank).parameters == () and load_fit(bank) is None


def test_little_history_keeps_the_defaults(tmp_path: Path, bank_url: str) -> None:
    bank = bank_with(tmp_path, bank_url, simulate(cards=2, reviews=3, seed=1))
    outcome = optimize(bank, NEW_YORK, START + timedelta(days=90))
    assert outcome is not None and outcome.record.scope == "defaults"
    assert not outcome.record.kept and load_settings(bank).parameters == ()
