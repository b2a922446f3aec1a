"""`dlquiz kinds / ask / check / practice` through CliRunner (practice with piped input)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.cli.questions_cmds import SEED_MAX
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.models import AttemptRow
from engine.questions import SEED_MAX as ENGINE_SEED_MAX
from engine.questions import list_kinds, question_from_id

runner = CliRunner()


def test_kinds_lists_every_registered_kind() -> None:
    result = runner.invoke(app, ["kinds", "--json"])
    assert result.exit_code == 0
    ids = [k["id"] for k in json.loads(result.stdout)]
    assert ids == [k.id for k in list_kinds()] and len(ids) >= 30
    result = runner.invoke(app, ["kinds", "--topic", "optim", "--json"])
    assert {k["topic"] for k in json.loads(result.stdout)} == {"optim"}
    result = runner.invoke(app, ["kinds", "--topic", "nope"])
    assert result.exit_code == 2 and "no kinds with topic" in result.stderr


def test_ask_is_deterministic_per_seed_and_json_shape() -> None:
    args = ["ask", "conv-output-shape", "--difficulty", "2", "--seed", "12345", "--json"]
    first = json.loads(runner.invoke(app, args).stdout)
    second = json.loads(runner.invoke(app, args).stdout)
    assert first == second
    assert set(first) >= {"id", "kind", "topic", "difficulty", "seed", "prompt", "answer_format"}
    assert first["id"] == "conv-output-shape/2/12345"


def test_ask_without_seed_draws_and_shows_one() -> None:
    data = json.loads(runner.invoke(app, ["ask", "box-iou", "--json"]).stdout)
    assert isinstance(data["seed"], int) and data["id"].endswith(f"/{data['seed']}")
    text = runner.invoke(app, ["ask", "box-iou", "--lang", "en"]).stdout
    assert "Question id: box-iou/1/" in text


def test_check_right_wrong_and_unparseable() -> None:
    qid = "conv-output-shape/2/12345"
    expected = question_from_id(qid).expected_display
    right = json.loads(runner.invoke(app, ["check", qid, expected, "--json"]).stdout)
    assert right["correct"] is True and right["score"] == 1.0 and right["diagnosis"] is None
    assert set(right) == {"readable", "reason", "correct", "score", "expected", "feedback",
                          "diagnosis", "solution"}
    assert right["readable"] is True and right["reason"] is None
    wrong = json.loads(runner.invoke(app, ["check", qid, "(1, 1, 1, 1)", "--json"]).stdout)
    assert wrong["correct"] is False and wrong["expected"] == expected and wrong["solution"]
    assert wrong["readable"] is True
    junk = runner.invoke(app, ["check", qid, "一二三", "--json"])
    data = json.loads(junk.stdout)
    assert junk.exit_code == 0 and data["correct"] is False
    assert data["readable"] is False and "一二三" in data["reason"]


def test_check_unreadable_answer_in_the_terminal_keeps_the_answer_hidden() -> None:
    qid = "conv-output-shape/2/12345"
    result = runner.invoke(app, ["check", qid, "no idea", "--lang", "en"])
    assert result.exit_code == 0 and "Unreadable (not counted as wrong)" in result.stdout
    assert "8x64x56x56" in result.stdout  # the format to use instead
    assert question_from_id(qid).expected_display not in result.stdout


@pytest.mark.parametrize("typed", ["-1.31", "-1.3100", "−1.31", "-1.31e0"])
def test_negative_answers_need_no_double_dash(typed: str) -> None:
    qid = _negative_question()
    result = runner.invoke(app, ["check", qid, typed, "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["correct"] is True
    after = runner.invoke(app, ["check", "--lang", "en", qid, typed])
    assert after.exit_code == 0 and "Correct" in after.stdout


def _negative_question() -> str:
    """adam-step/1/1 asks for a negative number (-1.3100), as in the issue."""
    q = question_from_id("adam-step/1/1")
    assert q.expected_display == "-1.3100"
    return q.id


def test_ask_and_check_accept_the_same_seeds() -> None:
    assert SEED_MAX == ENGINE_SEED_MAX
    asked = runner.invoke(app, ["ask", "box-iou", "--seed", str(SEED_MAX), "--json"])
    assert asked.exit_code == 0
    qid = json.loads(asked.stdout)["id"]
    assert qid == f"box-iou/1/{SEED_MAX}"
    assert runner.invoke(app, ["check", qid, "0.5", "--json"]).exit_code == 0
    too_big = runner.invoke(app, ["ask", "box-iou", "--seed", str(SEED_MAX + 1)])
    assert too_big.exit_code == 2
    result = runner.invoke(app, ["check", f"box-iou/1/{SEED_MAX + 1}", "0.5"])
    assert result.exit_code == 2 and "seed" in result.stderr


@pytest.mark.parametrize(("qid", "says"), [
    ("conv-params/7/1", "has difficulty '7'; it must be 1, 2 or 3"),
    ("conv-params/x/1", "has difficulty 'x'"),
    ("conv-params/1/-3", "has seed '-3'; it must be a whole number from 0 to"),
    ("conv-params/1/abc", "has seed 'abc'"),
    ("no-such-kind/1/1", "unknown kind 'no-such-kind'"),
    ("Conv-Params/1/2", "kind ids are lower case with hyphens: 'conv-params'"),
    ("conv_params/1/2", "kind ids are lower case with hyphens: 'conv-params'"),
    ("conv-params/1", "is not of the form kind/difficulty/seed"),
    ("conv-params/1/2/3", "is not of the form kind/difficulty/seed"),
    ("/1/2", "does not start with a kind id"),
])
def test_each_bad_id_says_what_is_wrong(qid: str, says: str) -> None:
    for args in (["check", qid, "3"], ["check", "--json", qid, "3"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert says in result.stderr, result.stderr


def test_check_bad_id_is_a_clear_error() -> None:
    result = runner.invoke(app, ["check", "no-such-kind/1/1", "3"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["ask", "conv-output-shape", "--difficulty", "7"])
    assert result.exit_code == 2


def test_practice_with_piped_answers_saves_attempts(any_bank_home: Path) -> None:
    result = runner.invoke(app, ["practice", "box-iou", "--count", "2", "--seed", "7",
                                 "--lang", "en"], input="0.5\nnot a number\n0.25\n")
    assert result.exit_code == 0, result.stdout
    assert "Practice done: " in result.stdout and "/2 correct" in result.stdout
    assert result.stdout.count("Could not read your answer") == 1
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        attempts = s.scalars(select(AttemptRow).order_by(AttemptRow.id)).all()
        assert [a.answer for a in attempts] == ["0.5", "0.25"]
        assert all(a.kind == "box-iou" for a in attempts)


def test_practice_asks_again_on_an_unreadable_answer(any_bank_home: Path) -> None:
    args = ["practice", "conv-output-shape", "--count", "1", "--seed", "3", "--lang", "en"]
    first = runner.invoke(app, args, input="what?\n")
    qid = re.findall(r"Question id: (\S+)", first.stdout)[0]
    assert "Could not read your answer" in first.stdout and "Expected" not in first.stdout
    expected = question_from_id(qid, "en").expected_display
    result = runner.invoke(app, args, input=f"what?\n\n{expected}\n")
    assert result.exit_code == 0 and "1/1 correct" in result.stdout
    assert result.stdout.count("Your answer> ") == 3
    with open_bank(resolve_url()).sessions() as s:
        attempts = s.scalars(select(AttemptRow)).all()
        assert [(a.question_id, a.answer, a.correct) for a in attempts] == [
            (qid, expected, True)]  # the unreadable lines were never saved as wrong


def test_practice_stops_cleanly_at_end_of_input(any_bank_home: Path) -> None:
    result = runner.invoke(app, ["practice", "optim", "--count", "3"], input="1\n")
    assert result.exit_code == 0
    # one answer was piped: the drill ends at end of input and sums up that one answer
    assert "本轮练习：" in result.stdout and "/1 正确" in result.stdout


def test_practice_unknown_target(any_bank_home: Path) -> None:
    result = runner.invoke(app, ["practice", "quantum"])
    assert result.exit_code == 2 and "neither a kind nor a topic" in result.stderr


def test_ask_and_check_never_import_the_bank_or_the_ui() -> None:
    probe = ("import sys\nfrom dlquiz.cli.main import main\n"
             "sys.argv = ['dlquiz', 'check', 'box-iou/1/5', '0.5', '--json']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('LOADED', sorted({m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    loaded = out.split("LOADED", 1)[1]
    assert "'sqlalchemy'" not in loaded and "'textual'" not in loaded
