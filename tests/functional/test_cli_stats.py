"""`dlquiz stats` from the command line: an empty bank gives zeros and "no reviews yet";
ratings made with `review rate` show up today; the forecast is `dlquiz due`'s; 80
columns are never exceeded; bad input is one sentence, exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dlquiz.cli.main import app

runner = CliRunner()
NOTES = "".join(f"## {i:03d} 卷积问题 {i}\n\n答案 {i}。\n\n" for i in range(1, 6))


def invoke(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def deck(any_bank_home: Path, tmp_path: Path) -> str:
    path = tmp_path / "mine.md"
    path.write_text("# 卷积\n\n" + NOTES, encoding="utf-8")
    code, _, err = invoke("import", str(path))
    assert code == 0, err
    return "mine"


def test_an_empty_bank_prints_zeros_and_no_reviews_yet(any_bank_home: Path) -> None:
    code, out, err = invoke("stats")
    assert code == 0, err
    assert "还没有复习记录" in out
    assert all(cell_len(line) <= 80 for line in out.splitlines()), out
    code, out, _ = invoke("stats", "--json", "--lang", "en")
    data = json.loads(out)
    assert data["no_reviews"] is True
    assert data["today_stats"]["reviews"] == 0 and data["today_stats"]["pass_rate"] is None
    assert data["calendar"]["current_streak"] == 0
    assert data["true_retention"]["periods"]["all"]["total"] == {"passed": 0, "failed": 0,
                                                                 "rate": None}
    code, out, _ = invoke("stats", "--lang", "en")
    assert "no reviews yet" in out


def rate_some(deck: str, ratings: list[str]) -> None:
    for rating in ratings:
        code, out, err = invoke("review", "next", "--deck", deck, "--json")
        assert code == 0, err
        card = json.loads(out)
        code, _, err = invoke("review", "rate", str(card["id"]), rating)
        assert code == 0, err


def test_ratings_show_up_and_the_forecast_is_due(deck: str) -> None:
    rate_some(deck, ["again", "good", "easy"])
    code, out, err = invoke("stats", "--json", "--deck", deck)
    assert code == 0, err
    data = json.loads(out)
    today = data["today_stats"]
    assert (today["reviews"], today["again"], today["cards"]) == (3, 1, 3)
    assert today["by_kind"]["new"]["reviews"] == 3
    assert data["reviews"]["total_reviews"] == 3 and data["calendar"]["current_streak"] == 1
    counts = data["card_counts"]
    assert counts["total"] == 5 and counts["new"] == 2
    due = json.loads(invoke("due", "--deck", deck, "--json")[1])
    assert data["forecast"]["due"][0] == due["now"] + due["later_today"]
    assert data["forecast"]["due"][1] == due["tomorrow"]
    code, out, _ = invoke("stats", "--deck", deck, columns=80)
    assert code == 0 and "学习 3 次（3 张卡）" in out
    assert all(cell_len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize("args, words", [
    (["--period", "2w"], "'2w' is not a period; use 1m, 3m, 1y or all"),
    (["--deck", "nope"], "no deck named 'nope'; decks in this bank: builtin, mine"),
    (["--topic", "nope"], "no topic named 'nope'; topics:"),
])
def test_bad_input_is_one_sentence(deck: str, args: list[str], words: str) -> None:
    code, out, err = invoke("stats", *args)
    assert code == 2 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1


def test_the_page_is_written_whole_or_not_at_all(deck: str, tmp_path: Path) -> None:
    code, _, err = invoke("stats", "--html", str(tmp_path / "missing" / "s.html"))
    assert code == 2 and "no such folder" in err
    assert not (tmp_path / "missing").exists()
    target = tmp_path / "s.html"
    code, out, err = invoke("stats", "--html", str(target))
    assert code == 0, err
    assert out.strip() == str(target) and "<svg" in target.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.partial"))


def test_optimize_with_no_history_and_reset(any_bank_home: Path) -> None:
    code, out, err = invoke("optimize", "--json")
    assert code == 0, err
    assert json.loads(out) == {"fitted": False, "reason": "no history"}
    code, out, _ = invoke("optimize", "--reset", "--lang", "en")
    assert code == 0 and "default parameters" in out
    data = json.loads(invoke("stats", "--json")[1])
    assert data["parameters"]["fitted"] is False and data["parameters"]["fit"] is None
