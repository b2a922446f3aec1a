"""`dlquiz kinds / ask / check / practice` through CliRunner (practice with piped input)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.database import open_bank
from dlquiz.store.location import resolve_url
from dlquiz.store.models import AttemptRow
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
    assert set(right) == {"correct", "score", "expected", "feedback", "diagnosis", "solution"}
    wrong = json.loads(runner.invoke(app, ["check", qid, "(1, 1, 1, 1)", "--json"]).stdout)
    assert wrong["correct"] is False and wrong["expected"] == expected and wrong["solution"]
    junk = runner.invoke(app, ["check", qid, "一二三", "--json"])
    assert junk.exit_code == 0 and json.loads(junk.stdout)["correct"] is False


def test_check_bad_id_is_a_clear_error() -> None:
    result = runner.invoke(app, ["check", "no-such-kind/1/1", "3"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["ask", "conv-output-shape", "--difficulty", "7"])
    assert result.exit_code == 2


def test_practice_with_piped_answers_saves_attempts(bank_home: Path) -> None:
    result = runner.invoke(app, ["practice", "box-iou", "--count", "2", "--seed", "7",
                                 "--lang", "en"], input="0.5\nnot a number\n")
    assert result.exit_code == 0, result.stdout
    assert "Practice done: " in result.stdout and "/2 correct" in result.stdout
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        attempts = s.scalars(select(AttemptRow).order_by(AttemptRow.id)).all()
        assert [a.answer for a in attempts] == ["0.5", "not a number"]
        assert all(a.kind == "box-iou" for a in attempts)
        assert attempts[1].correct is False


def test_practice_stops_cleanly_at_end_of_input(bank_home: Path) -> None:
    result = runner.invoke(app, ["practice", "optim", "--count", "3"], input="1\n")
    assert result.exit_code == 0
    # one answer was piped: the drill ends at end of input and sums up that one answer
    assert "本轮练习：" in result.stdout and "/1 正确" in result.stdout


def test_practice_unknown_target(bank_home: Path) -> None:
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
