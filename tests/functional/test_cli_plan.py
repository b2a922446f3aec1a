"""`dlquiz plan` and what a target changes, on both backends: set, show, clear and --json;
bad input is one sentence, exit 2, nothing stored; a rating's interval that would jump past
the day comes back before it with FSRS's memory state untouched, and after the day the
normal schedule holds; the statistics carry the forecast."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.srs.targets import Target, add_target, load_targets
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.records import CardRecord
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.records import QueueFilter
from dlquiz.store.schema.states import REVIEW

runner = CliRunner()
NOTES = "# 卷积\n\n" + "".join(f"## {i:03d} 卷积问题 {i}\n\n答案 {i}。\n\n" for i in range(1, 9))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def deck(any_bank_home: Path, tmp_path: Path) -> str:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    code, _, err = invoke("import", str(path))
    assert code == 0, err
    return "mine"


def in_days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def test_set_show_and_clear(deck: str) -> None:
    code, out, _ = invoke("plan")
    assert code == 0 and "还没有面试目标" in out
    code, out, err = invoke("plan", "--interview", in_days(30), "--minutes-per-day", "40",
                            "--deck", deck)
    assert code == 0, err
    assert f"面试 {in_days(30)}（mine），每天 40 分钟" in out
    assert "预计当天记得" in out
    code, out, _ = invoke("plan", "--json")
    data = json.loads(out)
    assert data["active"] == {"interview": in_days(30), "minutes_per_day": 40, "deck": deck,
                              "topic": None, "active": True}
    forecast = data["forecast"]
    assert forecast["cards"] == 8 and forecast["new_per_day"] == 20  # the usual 20 meet all 8
    assert forecast["never_seen"] == 0 and 0 < forecast["expected_recall"] <= 1
    assert [g["name"] for g in forecast["by_deck"]] == [deck]
    # a second company: it becomes the active one, the first is kept
    assert invoke("plan", "--interview", in_days(50))[0] == 0
    data = json.loads(invoke("plan", "--json")[1])
    assert data["active"]["interview"] == in_days(50) and len(data["targets"]) == 2
    assert invoke("plan", "--clear", "--interview", in_days(50))[0] == 0
    data = json.loads(invoke("plan", "--json")[1])
    assert data["active"]["interview"] == in_days(30)  # the one left is active again
    code, out, _ = invoke("plan", "--clear")
    assert code == 0 and json.loads(invoke("plan", "--json")[1])["targets"] == []


@pytest.mark.parametrize(("args", "words"), [
    (["--interview", "2020-01-01"], "is not after today"),
    (["--interview", "today"], "is not a date"),
    (["--interview", "2027-13-40"], "is not a date"),
    (["--interview", "+0", "--minutes-per-day", "30"], "is not after today"),
    (["--interview", "+9", "--minutes-per-day", "0"], "outside 1 to 1440"),
    (["--interview", "+9", "--minutes-per-day", "1441"], "outside 1 to 1440"),
    (["--interview", "+9", "--deck", "nope"], "nope"),
    (["--interview", "+9", "--topic", "nope"], "no topic named 'nope'"),
    (["--minutes-per-day", "30"], "go with --interview"),
])
def test_bad_input_is_one_sentence_and_nothing_is_stored(deck: str, args: list[str],
                                                         words: str) -> None:
    args = [in_days(int(a[1:])) if a.startswith("+") else a for a in args]
    code, out, err = invoke("plan", *args)
    assert code == 2, out
    assert words in err and len(err.strip().splitlines()) == 1, err
    assert json.loads(invoke("plan", "--json")[1])["targets"] == []


NOW = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def studied_to_review(bank_url: str, tmp_path: Path,
                      interview: date | None) -> tuple[Bank, CardRecord, Clock]:
    """One card taken to the review state and rated Easy from there (a long interval),
    with or without a target; the card and the clock."""
    bank = open_bank(bank_url, now=NOW)
    tmp_path.mkdir()
    notes = tmp_path / "one.md"
    notes.write_text("# 卷积\n\n## 001 卷积是什么\n\n答案。\n", encoding="utf-8")
    import_paths(bank, [notes], now=NOW)
    if interview is not None:
        add_target(bank, Target(interview=interview, minutes_per_day=30))
    clock = Clock()
    service = StudyService(bank, clock=clock, zone=UTC,
                           settings=StudySettings(enable_fuzzing=False))
    item = service.next_item()
    assert item is not None and item.note is not None and item.note.deck != "builtin"
    card_id = item.card.card_id
    for rating in (3, 3, 4, 4):  # Good, Good (into review), then Easy twice
        result, _ = service.rate(card_id, rating)
        clock.now = max(clock.now + timedelta(minutes=20), result.due)
    return bank, service.card(card_id), clock


def test_an_interval_past_the_day_comes_back_before_it(bank_url: str, tmp_path: Path) -> None:
    normal_bank, normal, _ = studied_to_review(bank_url, tmp_path / "a", None)
    assert normal.last_review is not None and normal.stability is not None
    # the interview at 60% of FSRS's last interval (81 of 135 days): recall there without a
    # review is below the goal (FSRS-6: (1 + 0.98 x 0.6)^-0.154 = 0.93 < 0.97)
    interview = (normal.last_review + (normal.due - normal.last_review) * 0.6).date()
    second = bank_url.replace("bank.db", "b.db") if bank_url.startswith("sqlite") else None
    if second is None:  # PostgreSQL: a second database for the run with the target
        from tests.postgres import fresh_database

        with fresh_database() as url:
            bank, moved, _ = studied_to_review(url, tmp_path / "b", interview)
            bank.engine.dispose()
    else:
        bank, moved, _ = studied_to_review(second, tmp_path / "b", interview)
    starts = datetime(interview.year, interview.month, interview.day, 4, tzinfo=UTC)
    assert normal.state == moved.state == REVIEW
    assert normal.due > starts  # without the target FSRS jumps past the day
    assert starts - timedelta(days=7) <= moved.due < starts  # with it: in the last week
    # only when it comes due changed: FSRS's memory state is the same
    assert (moved.stability, moved.difficulty, moved.reps) == \
        (normal.stability, normal.difficulty, normal.reps)
    normal_bank.engine.dispose()


def test_after_the_day_the_normal_schedule_holds(bank_url: str, tmp_path: Path) -> None:
    bank = open_bank(bank_url, now=NOW)
    add_target(bank, Target(interview=(NOW - timedelta(days=2)).date()))
    service = StudyService(bank, clock=lambda: NOW, zone=UTC)
    assert service.interview is None and service.countdown() is None
    assert load_targets(bank)[0].active  # kept, just past


def test_the_statistics_carry_the_forecast(deck: str) -> None:
    assert invoke("plan", "--interview", in_days(20), "--deck", deck)[0] == 0
    data = json.loads(invoke("stats", "--json")[1])
    ready = data["ready_on_the_day"]
    # whole study days to its start at 04:00: 20, or 21 before today's 04:00 rollover
    assert ready["days_left"] in (20, 21) and ready["cards"] == 8
    out = invoke("stats")[1]
    assert "面试当天" in out and "预计当天记得" in out


def test_the_interview_preset_asks_the_weakest_topics(deck: str) -> None:
    assert invoke("plan", "--interview", in_days(6))[0] == 0
    weakest = [g["name"] for g in json.loads(invoke("plan", "--json")[1])["forecast"]["by_topic"]]
    assert "最后一周" in invoke("plan")[1]  # six days left: one interview exam a day
    code, out, err = invoke("exam", "new", "--preset", "interview", "--json")
    assert code == 0, err
    topics = json.loads(out)["spec"]["topics"]
    assert list(topics) == weakest  # every topic, the five weakest four times as likely
    assert [topics[t] for t in weakest] == [4.0] * min(5, len(weakest)) + \
        [1.0] * (len(weakest) - 5)


def test_the_last_week_pulls_in_what_gains_most_and_undo_puts_it_back(bank_url: str,
                                                                     tmp_path: Path) -> None:
    bank = open_bank(bank_url, now=NOW)
    notes = tmp_path / "three.md"
    notes.write_text("# 卷积\n\n" + "".join(f"## {i:03d} 问题 {i}\n\n答案 {i}。\n\n"
                                          for i in range(1, 4)), encoding="utf-8")
    import_paths(bank, [notes], now=NOW)
    clock = Clock()
    settings = StudySettings(enable_fuzzing=False, new_per_day=3)
    service = StudyService(bank, clock=clock, zone=UTC, settings=settings,
                           filters=QueueFilter(deck="three"))
    for _ in range(6):  # Good twice each: all three in review, due in a day or more
        item = service.next_item()
        assert item is not None
        service.rate(item.card.card_id, 3)
    assert service.next_item() is None  # nothing more today without a target
    # the next day, four days before the interview: the last week; the cards (due in two
    # days) wait past today, and a review now raises their recall on the day
    clock.now = NOW + timedelta(days=1)
    assert service.next_item() is None
    add_target(bank, Target(interview=(NOW + timedelta(days=5)).date(), minutes_per_day=30))
    later = StudyService(bank, clock=clock, zone=UTC, settings=settings,
                         filters=QueueFilter(deck="three"))
    waiting = {c: service.card(c).due for c in (1, 2, 3) if service.card(c).note_id}
    pulled = later.next_item()
    assert pulled is not None and pulled.card.card_id in waiting  # pulled in, due now
    assert later.card(pulled.card.card_id).due <= clock.now
    later.undo()  # the pull is one undoable action: every due is as it was
    assert {c: later.card(c).due for c in waiting} == waiting
    bank.engine.dispose()
