"""`dlquiz due / review next / review rate / undo / suspend / unsuspend / config`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.cards.cards import last_action
from dlquiz.store.schema.models import CardRow, ReviewLogRow
from engine.questions import question_from_id

runner = CliRunner()
NOTES = ("# 卷积\n\n## 001 卷积是什么？\n\n滑动窗口内的加权求和。\n\n"
         "## 002 步长是什么？\n\n窗口每次移动的距离。\n")


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


def test_review_next_and_rate_a_note(deck: str) -> None:
    code, out, _ = invoke("review", "next", "--deck", deck, "--json")
    assert code == 0
    card = json.loads(out)
    assert card["type"] == "note" and card["prompt"] == "001 卷积是什么？"
    assert card["question_id"] is None
    code, out, _ = invoke("review", "rate", str(card["id"]), "good", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["interval"] == "10m" and result["verdict"] is None
    due = datetime.fromisoformat(result["due"])
    assert timedelta(minutes=9) < due - datetime.now(UTC) <= timedelta(minutes=10)
    code, out, _ = invoke("review", "next", "--deck", deck, "--json")
    assert json.loads(out)["prompt"] == "002 步长是什么？"


def test_skill_card_needs_answer_and_gets_a_verdict(deck: str) -> None:
    code, out, _ = invoke("review", "next", "--skills-only", "--json")
    card = json.loads(out)
    assert card["type"] == "skill" and card["question_id"].startswith(card["kind"] + "/")
    again = json.loads(invoke("review", "next", "--skills-only", "--json")[1])
    assert again["question_id"] == card["question_id"]  # kept until rated
    code, _, err = invoke("review", "rate", str(card["id"]), "good")
    assert code == 2 and "--answer" in err
    expected = question_from_id(card["question_id"]).expected_display
    code, out, _ = invoke("review", "rate", str(card["id"]), "good", "--answer", expected,
                          "--json")
    result = json.loads(out)
    assert result["verdict"]["correct"] is True
    assert set(result["verdict"]) == {"correct", "score", "expected", "feedback", "diagnosis",
                                      "solution"}
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        log = s.scalars(select(ReviewLogRow)).one()
        assert (log.question_id, log.correct, log.answer) == (card["question_id"], True, expected)


def test_due_counts(deck: str) -> None:
    code, out, _ = invoke("due", "--deck", deck, "--json")
    data = json.loads(out)
    assert (data["now"], data["new_available"]) == (0, 2)
    card = json.loads(invoke("review", "next", "--deck", deck, "--json")[1])
    invoke("review", "rate", str(card["id"]), "again")
    data = json.loads(invoke("due", "--deck", deck, "--json")[1])
    assert (data["now"], data["later_today"], data["new_available"]) == (0, 1, 1)
    assert data["next_due"] is not None
    code, out, _ = invoke("due")
    assert code == 0 and "later today" in out


def test_undo_suspend_unsuspend(deck: str) -> None:
    card = json.loads(invoke("review", "next", "--deck", deck, "--json")[1])
    invoke("review", "rate", str(card["id"]), "easy")
    code, out, _ = invoke("undo")
    assert code == 0 and f"card {card['id']}" in out
    bank = open_bank(resolve_url())
    newest = last_action(bank)  # what a second undo would take back: the import itself
    bank.engine.dispose()
    assert newest is not None and newest.kind == "import"
    assert invoke("suspend", str(card["id"]))[0] == 0
    nxt = json.loads(invoke("review", "next", "--deck", deck, "--json")[1])
    assert nxt["id"] != card["id"]
    invoke("unsuspend", str(card["id"]))
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        row = s.get(CardRow, card["id"])
        assert row is not None and not row.suspended and row.state == 0


def test_bad_rating_and_card_are_clear_errors(deck: str) -> None:
    code, _, err = invoke("review", "rate", "1", "meh")
    assert code == 2 and "not a rating" in err
    code, _, err = invoke("review", "rate", "999999", "good")
    assert code == 2 and "no card with id 999999" in err
    code, _, err = invoke("suspend", "999999")
    assert code == 2


def test_config_show_and_set(deck: str) -> None:
    data = json.loads(invoke("config", "--json")[1])
    assert data["desired_retention"] == 0.9 and data["new_per_day"] == 20
    assert invoke("config", "new_per_day", "1")[0] == 0
    assert json.loads(invoke("config", "new_per_day", "--json")[1]) == {"new_per_day": 1}
    assert json.loads(invoke("due", "--json")[1])["new_available"] == 1
    code, _, err = invoke("config", "desired_retention", "1.5")
    assert code == 2 and "between 0.7 and 0.99" in err
    code, _, err = invoke("config", "colour", "red")
    assert code == 2 and "unknown setting" in err
    invoke("config", "learning_steps", "1 5 30")
    assert json.loads(invoke("config", "learning_steps", "--json")[1]) == {
        "learning_steps": [1, 5, 30]}


def test_locked_bank_is_one_clear_sentence(deck: str) -> None:
    from sqlalchemy import create_engine, text

    from dlquiz.store.bank.database import driver_url

    card = json.loads(invoke("review", "next", "--deck", deck, "--json")[1])
    holder = create_engine(driver_url(resolve_url())).connect()
    if holder.dialect.name == "sqlite":  # another process is writing
        holder.exec_driver_sql("BEGIN EXCLUSIVE")
    else:  # another process holds the card
        holder.begin()
        holder.execute(text("SELECT id FROM cards WHERE id = :i FOR UPDATE"), {"i": card["id"]})
    try:
        code, out, err = invoke("review", "rate", str(card["id"]), "good")
    finally:
        holder.rollback()
        holder.close()
    assert code == 2 and "busy" in err and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
