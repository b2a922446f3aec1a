"""One count everywhere: on a bank with drafts, partial notes, follow-ups and skill cards
(drafts_bank.py), every card that can be studied is counted whatever its note's status, and
`stats --json`, `dlquiz cards --state …`, the ratings made, the forecast, the text
sections, the statistics screen and the HTML page say the same numbers. Expected values
come from the table in drafts_bank.py's docstring, not from the code's output."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Scheduler, State
from sqlalchemy import func, select

from dlquiz.srs.browse import cards
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.stats.report import StatsReport, to_dict
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.listing import CardFilter, CardSummary
from dlquiz.store.schema.models import CardRow
from dlquiz.ui.stats_html import page
from dlquiz.ui.stats_text import sections

from .drafts_bank import CARDS, EXCLUDED, NOW, RATINGS, build

UTC_ZONE = ZoneInfo("UTC")
SETTINGS = StudySettings(enable_fuzzing=False)
BY_CATEGORY = {"new": {"X", "B3"}, "learning": {"N"}, "relearning": {"P"},
               "young": {"D", "S2"}, "mature": {"A"}, "suspended": {"BF"}, "buried": {"AF"},
               "leech": {"S1"}}


@pytest.fixture
def studied(tmp_path: Path, bank_url: str) -> Iterator[tuple[Bank, dict[str, int]]]:
    bank, ids = build(tmp_path, bank_url)
    yield bank, ids
    bank.engine.dispose()


def report_of(bank: Bank) -> StatsReport:
    return StatsService(bank, clock=lambda: NOW, zone=UTC_ZONE, settings=SETTINGS).report("1m")


def category(card: CardSummary) -> str:
    """What the statistics count a listed card as (leech, suspended, buried, then state)."""
    for flag in ("leech", "suspended", "buried"):
        if flag in card.flags:
            return flag
    if card.state == "review":
        assert card.interval_days is not None
        return "mature" if card.interval_days >= 21 else "young"
    return card.state


def test_every_studyable_card_is_counted_once(
        studied: tuple[Bank, dict[str, int]]) -> None:
    bank, _ = studied
    data = to_dict(report_of(bank))
    counts = data["card_counts"]
    assert {k: counts[k] for k in BY_CATEGORY} == {k: len(v) for k, v in BY_CATEGORY.items()}
    # the drafts (D, X), the partial note (P) and the follow-ups (AF, BF) are among them
    assert counts["total"] == 10
    excluded = {reason: entry["cards"] for reason, entry in counts["excluded"].items()}
    assert excluded == {reason: len(v) for reason, v in EXCLUDED.items()}
    assert all(entry["reason"] for entry in counts["excluded"].values())
    with bank.read() as session:
        rows = session.scalar(select(func.count()).select_from(CardRow))
    assert counts["total"] + sum(excluded.values()) == rows == len(CARDS)


def test_the_counts_are_what_cards_state_lists(studied: tuple[Bank, dict[str, int]]) -> None:
    bank, ids = studied
    letter = {card_id: name for name, card_id in ids.items()}
    shadowed = {ids[name] for name in EXCLUDED["shadowed"]}

    def listed(state: str | None = None) -> set[str]:
        return {letter[c.id] for c in cards(bank, CardFilter(state=state), NOW)
                if c.id not in shadowed}

    assert listed("new") == {"X", "B3"}
    assert listed("learning") == {"N", "P"}
    assert listed("review") == {"D", "A", "AF", "BF", "S1", "S2"}
    assert listed("suspended") == {"BF", "S1"}
    assert listed("buried") == {"AF"}
    assert listed("leech") == {"S1"}
    assert "R" not in listed()  # retired: neither listed nor counted
    everything = [c for c in cards(bank, CardFilter(), NOW) if c.id not in shadowed]
    by_listing = Counter(category(c) for c in everything)
    counts = report_of(bank).counts
    assert by_listing == Counter({k: getattr(counts, k) for k in BY_CATEGORY
                                  if getattr(counts, k)})


def test_today_intervals_and_knowledge_follow_the_ratings(
        studied: tuple[Bank, dict[str, int]]) -> None:
    bank, _ = studied
    report = report_of(bank)
    data = to_dict(report)
    day_start = NOW.replace(hour=4)
    today = [r for r in RATINGS if r[1] >= day_start]  # P, D, S2, N; not R (3 days ago)
    t = data["today_stats"]
    assert (t["reviews"], t["cards"]) == (len(today), len({r[0] for r in today})) == (4, 4)
    assert t["again"] == sum(1 for r in today if r[2] == 1) == 2
    assert t["seconds"] == pytest.approx(sum(r[4] for r in today) / 1000)
    assert t["by_kind"]["new"]["reviews"] == 1 and t["by_kind"]["review"]["reviews"] == 3
    # review cards counted: S1 2 d, S2 3 d, AF 4 d, D 6 d, BF 8 d, A 30 d (R is retired)
    intervals = data["distributions"]["intervals"]
    shown = {b: n for b, n in zip(intervals["buckets"], intervals["counts"], strict=True) if n}
    assert shown == {"2d": 1, "3-4d": 2, "5-6d": 1, "7-9d": 1, "30-59d": 1}
    # every counted card ever rated, drafts and follow-ups included
    rated = [name for name, put in CARDS.items() if put.stability is not None
             and name not in EXCLUDED["retired"]]
    assert sorted(rated) == sorted(["D", "P", "A", "AF", "N", "BF", "S1", "S2"])
    scheduler = Scheduler()
    by_fsrs = sum(scheduler.get_card_retrievability(
        Card(state=State.Review, stability=CARDS[n].stability,
             difficulty=CARDS[n].difficulty, last_review=CARDS[n].last_review,
             due=CARDS[n].due), NOW) for n in rated)
    assert data["distributions"]["reviewed_cards"] == len(rated)
    assert data["distributions"]["estimated_total_knowledge"] == pytest.approx(by_fsrs)
    assert sum(data["distributions"]["retrievability"]["counts"]) == len(rated)


def test_forecast_text_screen_and_html_say_the_same(
        studied: tuple[Bank, dict[str, int]]) -> None:
    bank, _ = studied
    report = report_of(bank)
    # due today: N (learning) and P (relearning, the partial note); S2 in 3 days, D (the
    # draft) in 6, A in 20; AF buried, BF and S1 suspended, R retired
    assert {d: n for d, n in enumerate(report.forecast) if n} == {0: 2, 3: 1, 6: 1, 20: 1}
    due = StudyService(bank, clock=lambda: NOW, zone=UTC_ZONE, settings=SETTINGS).forecast()
    assert report.forecast[0] == due.now + due.later_today
    for lang, total, outside in (("zh", "合计 10", "不计入：1 张已退役，2 张内置卡片"),
                                 ("en", "total 10", "not counted: 1 retired, 2 built-in")):
        text = dict((title, body.plain) for title, body in sections(report, lang, 80))
        counts_section = next(body for title, body in text.items()
                              if title in ("卡片数量", "Card counts"))
        assert total in counts_section and outside in counts_section
        for k, n in (("new", 2), ("young", 2), ("buried", 1)):
            assert f" {n} (" in counts_section, k
        html = page(report, lang)
        assert total in html and outside in html


async def test_the_statistics_screen_draws_the_same_counts(tmp_path: Path) -> None:
    from textual.widgets import Static

    from dlquiz.tui.app.stats_app import make_stats_app
    from dlquiz.tui.screens.stats import StatsScreen
    from tests.functional.tui_support import settle

    bank, _ = build(tmp_path)
    service = StatsService(bank, clock=lambda: NOW, zone=UTC_ZONE, settings=SETTINGS)
    app = make_stats_app(service, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "合计 10 （不计入：1 张已退役，2 张内置卡片由你的同题笔记代学）" in text
        # today's four ratings (the draft's, the partial note's among them) and the
        # forecast's two due today (N, and P the partial note)
        assert "学习 4 次（4 张卡）" in text and "重来 2 次" in text
        assert "今天 2 张（其中逾期 0）" in text
        await pilot.press("q")
