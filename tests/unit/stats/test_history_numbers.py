"""The statistics of the hand-made history (history.py), every expected number derived by
hand in the comments from the ratings and card states listed there."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from fsrs import Card, Scheduler, State

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.report import StatsReport, to_dict
from dlquiz.stats.service import StatsService

from .history import CARDS, NEW_YORK, NOW, build

DECAY = 0.1542
FACTOR = 0.9 ** (-1 / DECAY) - 1


@pytest.fixture
def report(tmp_path: Path, bank_url: str) -> Iterator[StatsReport]:
    """The report of the history, on SQLite and on PostgreSQL: the same numbers by hand."""
    bank, _ = build(tmp_path, bank_url)
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False))
    yield service.report("1m")
    bank.engine.dispose()


def test_true_retention_by_period(report: StatsReport) -> None:
    # qualifying (last interval >= 1 day), first of the card's study day:
    #   day -1: A 10:00 young pass, B 11:00 mature fail, F 20:00 young pass (its earlier
    #           rating that day was a new card's); A 12:00 repeats A that day; B 11:10,
    #           C 13:00 (sub-day) and E (new) do not qualify
    #   day -2: A 08:30 UTC Nov 2 (03:30 EST, before the rollover) young pass (Hard),
    #           D mature pass (21 days is mature)
    #   day -3: D (25 d) mature pass; C young fail
    #   day -9, -10: G young pass each;   day 0: none
    r = report.retention
    assert (r["today"]["total"].passed, r["today"]["total"].failed) == (0, 0)
    assert (r["yesterday"]["young"].passed, r["yesterday"]["young"].failed) == (2, 0)
    assert (r["yesterday"]["mature"].passed, r["yesterday"]["mature"].failed) == (0, 1)
    assert (r["week"]["young"].passed, r["week"]["young"].failed) == (3, 1)
    assert (r["week"]["mature"].passed, r["week"]["mature"].failed) == (2, 1)
    for name in ("month", "year", "all"):
        assert (r[name]["young"].passed, r[name]["young"].failed) == (5, 1)
        assert (r[name]["mature"].passed, r[name]["mature"].failed) == (2, 1)
    assert r["all"]["total"].rate == pytest.approx(7 / 9)
    assert r["today"]["total"].rate is None


def test_reviews_per_day_and_calendar_across_the_dst_change(report: StatsReport) -> None:
    data = to_dict(report)
    by_date = dict(zip(data["calendar"]["dates"], data["calendar"]["reviews"], strict=True))
    assert by_date["2026-11-03"] == 2
    assert by_date["2026-11-02"] == 8
    assert by_date["2026-11-01"] == 2  # D 15:00 UTC Nov 1, A 03:30 EST Nov 2
    assert by_date["2026-10-31"] == 2  # D 04:30 EDT, C 03:30 EST Nov 1
    assert by_date["2026-10-30"] == 0  # where a fixed 24-hour grid would have put D
    assert by_date["2026-10-25"] == 1 and by_date["2026-10-24"] == 1
    assert sum(data["calendar"]["reviews"]) == 16
    cal = report.calendar
    # study days 0, -1, -2, -3 and -9, -10
    assert (cal.current_streak, cal.longest_streak) == (4, 4)
    assert (cal.days, cal.days_studied) == (11, 6)  # since the first rating, day -10
    assert cal.daily_average == pytest.approx(16 / 11)
    assert cal.average_on_study_days == pytest.approx(16 / 6)
    reviews = data["reviews"]
    assert reviews["dates"][-1] == "2026-11-03" and len(reviews["dates"]) == 30
    assert reviews["total_reviews"] == 16
    # by kind on day -1: new F, E; learning C, F; relearning B; young A, A; mature B
    yesterday = -2
    assert [reviews[k][yesterday] for k in ("new", "learning", "relearning", "young",
                                            "mature")] == [2, 2, 1, 2, 1]


def test_today(report: StatsReport) -> None:
    # H at 13:00 (new, Again, 8 s) and 13:10 (learning, Good, 4 s)
    t = report.today
    assert (t.reviews, t.cards, t.again) == (2, 1, 1)
    assert t.seconds == pytest.approx(12.0)
    assert t.seconds_per_card == pytest.approx(6.0)
    assert t.pass_rate == pytest.approx(0.5)
    assert t.by_kind["new"].reviews == 1 and t.by_kind["new"].again == 1
    assert t.by_kind["learning"].reviews == 1 and t.by_kind["review"].reviews == 0


def test_hourly_in_local_time(report: StatsReport) -> None:
    # local hours (EDT before Nov 1 06:00 UTC, EST after): 03: A(Nov 2 08:30), C(Nov 1
    # 08:30, Again); 04: D(Oct 31 08:30 EDT), F 09:30; 05: A; 06: B, B; 07: A(Again);
    # 08: C, H, H(Again on the first); 09: E; 10: D; 12: G, G (16:00 UTC in EDT); 15: F 20:00
    expected = {3: (2, 1), 4: (2, 2), 5: (1, 1), 6: (2, 1), 7: (1, 0), 8: (3, 2), 9: (1, 1),
                10: (1, 1), 12: (2, 2), 15: (1, 1)}
    assert {h: v for h, v in enumerate(report.hourly) if v[0]} == expected


def test_card_counts_forecast_and_daily_load(report: StatsReport) -> None:
    c = report.counts
    assert (c.new, c.learning, c.relearning, c.young, c.mature) == (1, 2, 1, 3, 2)
    assert (c.suspended, c.buried, c.leech, c.total) == (1, 1, 1, 12)
    # day 0: E (overdue since yesterday), H 14:10, B 14:30; day 2: C (Nov 5 13:00 UTC);
    # day 3: F; day 11: A (Nov 14); day 28: D (Dec 1); G is past the 30 days; suspended J,
    # L and buried K are left out, as `dlquiz due` leaves them out
    assert report.forecast[0] == 3 and report.overdue == 1
    assert {d: n for d, n in enumerate(report.forecast) if n} == {0: 3, 2: 1, 3: 1, 11: 1,
                                                                   28: 1}
    # review cards not suspended: A 12 d, C 3 d, D 30 d, F 4 d, G 200 d, K 7 d
    assert report.daily_load == pytest.approx(1 / 12 + 1 / 3 + 1 / 30 + 1 / 4 + 1 / 200
                                              + 1 / 7)


def recall(days: int, stability: float) -> float:
    return float((1 + FACTOR * days / stability) ** -DECAY)


def test_total_knowledge(report: StatsReport) -> None:
    # whole days since the last rating at NOW (Nov 3 14:00 UTC): A 26 h, B 26 h 50 m,
    # C 25 h, D 47 h -> 1; E 23 h 50 m, F 18 h, H 50 m -> 0; G 8 d 22 h -> 8; J 14 d 2 h
    # -> 14; K 6 d 18 h -> 6; L 19 d 2 h -> 19. I is new.
    by_hand = (recall(1, 10) + recall(1, 3) + recall(1, 2) + recall(1, 40) + 1 + 1 + 1
               + recall(8, 100) + recall(14, 8) + recall(6, 9) + recall(19, 4))
    assert report.memory.reviewed == 11
    assert report.memory.knowledge == pytest.approx(by_hand)
    # and py-fsrs, the scheduler's own implementation, agrees card by card
    scheduler = Scheduler()
    fsrs_sum = sum(scheduler.get_card_retrievability(
        Card(state=State.Review, stability=s.stability, difficulty=s.difficulty,
             last_review=s.last_review, due=s.due), NOW)
        for s in CARDS.values() if s.stability is not None)
    assert report.memory.knowledge == pytest.approx(fsrs_sum)
    assert math.isclose(sum(report.memory.retrievability), 11)


def test_answer_buttons(report: StatsReport) -> None:
    # learning (new, learning, relearning): F Good, B Good, C Good, E Good, F Good, H Again,
    # H Good; young: G Good twice, C Again (day -3), A Hard, A Good, A Again; mature: D Good,
    # D Easy, B Again
    b = report.buttons
    assert b["learning"] == {"again": 1, "hard": 0, "good": 6, "easy": 0}
    assert b["young"] == {"again": 2, "hard": 1, "good": 3, "easy": 0}
    assert b["mature"] == {"again": 1, "hard": 0, "good": 1, "easy": 1}
