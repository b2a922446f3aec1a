"""Properties over random banks: card counts by state add up to the cards there are; the
forecast's first two days are what `dlquiz due` reports; the reviews per day of a period
add up to the review-log rows in it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.stats.clock import StatsClock
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, ReviewLogRow

from .history import NEW_YORK, NOW

CARDS = 20
RUN = settings(max_examples=30, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])
offsets = st.integers(min_value=-40 * 24 * 60, max_value=40 * 24 * 60)  # minutes from NOW
card_state = st.tuples(st.sampled_from([0, 1, 2, 3]), offsets, st.booleans(), st.booleans(),
                       st.sampled_from([None, -600, 600, 3000]))


@pytest.fixture
def bank(tmp_path: Path, bank_url: str) -> Iterator[Bank]:
    """One bank per test and backend; hypothesis's examples rewrite its cards and log."""
    bank = open_bank(bank_url, now=NOW)
    notes = tmp_path / "deck.md"
    notes.write_text("\n".join(f"## {i:03d} 问题\n\n答案。\n" for i in range(1, CARDS + 1)),
                     encoding="utf-8")
    import_paths(bank, [notes], now=NOW - timedelta(days=60))
    yield bank
    bank.engine.dispose()


def put_cards(bank: Bank, states: list[tuple[int, int, bool, bool, int | None]]) -> None:
    with bank.write() as session:
        rows = session.scalars(select(CardRow).order_by(CardRow.id)).all()
        for row, (state, due, suspended, leech, buried) in zip(rows, states, strict=False):
            row.state = state
            row.due = NOW + timedelta(minutes=due)
            row.last_review = None if state == 0 else row.due - timedelta(days=3)
            row.stability = None if state == 0 else 3.0
            row.difficulty = None if state == 0 else 5.0
            row.suspended, row.leech = suspended or leech, leech
            row.buried_until = None if buried is None else NOW + timedelta(minutes=buried)


def service(bank: Bank) -> StatsService:
    return StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                        settings=StudySettings(enable_fuzzing=False))


@RUN
@given(st.lists(card_state, min_size=CARDS, max_size=CARDS))
def test_counts_add_up_and_forecast_is_what_due_reports(
        bank: Bank, states: list[tuple[int, int, bool, bool, int | None]]) -> None:
    put_cards(bank, states)
    report = service(bank).report("1m")
    assert report.counts.total == CARDS
    due = StudyService(bank, clock=lambda: NOW, zone=NEW_YORK,
                       settings=StudySettings(enable_fuzzing=False)).forecast()
    assert report.forecast[0] == due.now + due.later_today
    assert report.forecast[1] == due.tomorrow


@RUN
@given(st.lists(st.tuples(st.integers(0, CARDS - 1), offsets, st.integers(1, 4)),
                max_size=60),
       st.sampled_from(["1m", "3m", "1y", "all"]))
def test_reviews_per_day_add_up_to_the_log(bank: Bank, ratings: list[tuple[int, int, int]],
                                           period: str) -> None:
    with bank.write() as session:
        session.execute(delete(ReviewLogRow))
        ids = session.scalars(select(CardRow.id).order_by(CardRow.id)).all()
        previous: dict[int, int] = {}
        for card, minutes, rating in sorted(ratings, key=lambda r: r[1]):
            elapsed = (minutes - previous[card]) / 1440 if card in previous else None
            previous[card] = minutes
            session.add(ReviewLogRow(card_id=ids[card], rating=rating, before_json="{}",
                                     reviewed_at=NOW + timedelta(minutes=minutes),
                                     state_before=2, last_interval=2.0, elapsed=elapsed))
    report = service(bank).report(period)
    clock = StatsClock(NOW, NEW_YORK, 4)
    start, end = clock.start(report.period_first), clock.start(1)
    in_period = sum(1 for _, m, _ in ratings
                    if start <= NOW + timedelta(minutes=m) < end)
    per_day = report.per_day
    assert sum(sum(per_day[k]) for k in per_day if k != "seconds") == in_period
    assert sum(h[0] for h in report.hourly) == in_period
    assert sum(sum(b.values()) for b in report.buttons.values()) == in_period
    # every rating qualifies (a 2-day interval): true retention counts one per card and day
    assert report.retention["all"]["total"].total == len(
        {(c, clock.day_of(NOW + timedelta(minutes=m))) for c, m, _ in ratings
         if NOW + timedelta(minutes=m) < end})
