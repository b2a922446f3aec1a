"""`dlquiz exam …` from scripts: every command, its JSON shape, its refusals (one sentence,
exit 2, nothing written), and reproducibility across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url, sqlite_path
from dlquiz.store.schema.models import ExamRow
from engine.questions import question_from_id

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def new_exam(*args: str) -> dict[str, Any]:
    code, out, err = invoke("exam", "new", *args, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def exams_in_bank() -> int:
    """Exams in the bank (0 when the command was refused before a bank was opened)."""
    from sqlalchemy import create_engine, inspect, text

    from dlquiz.store.bank.database import driver_url

    path = sqlite_path(resolve_url())
    if path is not None and not path.exists():
        return 0
    engine = create_engine(driver_url(resolve_url()))
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("exams"):
                return 0
            return int(conn.execute(text("SELECT count(*) FROM exams")).scalar() or 0)
    finally:
        engine.dispose()


def test_new_exam_json_shape(any_bank_home: Path) -> None:
    exam = new_exam("--topic", "conv", "--topic", "optim", "--items", "6", "--minutes", "30",
                    "--seed", "7")
    assert set(exam) >= {"id", "seed", "spec", "minutes", "deadline", "items"}
    assert exam["seed"] == 7 and exam["minutes"] == 30 and len(exam["items"]) == 6
    assert exam["spec"]["topics"] == {"conv": 1.0, "optim": 1.0}
    for item in exam["items"]:
        assert set(item) >= {"n", "type", "topic", "prompt", "question_id", "note_id",
                             "answer_format"}
        assert item["topic"] in ("conv", "optim")
        if item["type"] == "computational":
            assert item["note_id"] is None and item["answer_format"]
            assert question_from_id(item["question_id"]).prompt == item["prompt"]
        else:
            assert item["question_id"] is None and item["note_id"] is not None


def test_without_seed_one_is_drawn_and_stored(any_bank_home: Path) -> None:
    exam = new_exam("--preset", "quick")
    assert exam["spec"]["seed"] == exam["seed"]
    assert exam["spec"]["name"] == "quick" and len(exam["items"]) == 5
    assert all(i["type"] == "computational" for i in exam["items"])


def test_answer_submit_points_show_list(any_bank_home: Path) -> None:
    exam = new_exam("--items", "4", "--computational", "0.5", "--seed", "11")
    comp = next(i for i in exam["items"] if i["type"] == "computational")
    recall = next(i for i in exam["items"] if i["type"] == "recall")
    right = question_from_id(comp["question_id"]).expected_display
    assert invoke("exam", "answer", str(exam["id"]), str(comp["n"]), right)[0] == 0
    assert invoke("exam", "answer", str(exam["id"]), str(recall["n"]), "我口头答了")[0] == 0
    code, out, _ = invoke("exam", "submit", str(exam["id"]), "--json")
    result = json.loads(out)
    assert code == 0 and set(result) >= {"id", "score", "max_score", "percent", "timed_out",
                                         "duration_seconds", "by_topic", "items"}
    assert result["max_score"] == 4.0 and result["score"] == 1.0 and not result["timed_out"]
    graded = {i["n"]: i for i in result["items"]}
    assert graded[comp["n"]]["correct"] and graded[comp["n"]]["expected"] == right
    assert set(graded[comp["n"]]) >= {"n", "type", "answer", "correct", "score", "expected",
                                      "diagnosis"}
    points = graded[recall["n"]]["key_points"]
    assert points and graded[recall["n"]]["score"] is None  # not self-graded yet
    code, out, _ = invoke("exam", "points", str(exam["id"]), str(recall["n"]), "1", "--json")
    assert code == 0 and json.loads(out)["score"] == pytest.approx(1 + 1 / len(points))
    code, out, _ = invoke("exam", "list", "--json")
    (row,) = json.loads(out)
    assert row["id"] == exam["id"] and row["items"] == 4 and row["percent"] == pytest.approx(
        round(100 * (1 + 1 / len(points)) / 4, 1))
    code, out, _ = invoke("exam", "show", str(exam["id"]), "--json")
    shown = json.loads(out)
    assert shown["submitted"] and all("reference" in i for i in shown["items"])
    assert next(i for i in shown["items"] if i["n"] == recall["n"])["reference"]
    assert invoke("exam", "show", str(exam["id"]))[0] == 0


def test_refusals_after_submission_and_deadline(any_bank_home: Path) -> None:
    exam = new_exam("--preset", "quick", "--seed", "3")
    exam_id = str(exam["id"])
    bank = open_bank(resolve_url())
    with bank.write() as session:  # the clock ran out long ago
        session.execute(update(ExamRow).where(ExamRow.id == exam["id"])
                        .values(deadline=datetime(2020, 1, 1, tzinfo=UTC)))
    bank.engine.dispose()
    code, _, err = invoke("exam", "answer", exam_id, "1", "42")
    assert code == 2 and "ran out of time" in err and err.count("\n") == 1
    code, out, _ = invoke("exam", "show", exam_id, "--json")  # submitted on the way: timed out
    assert json.loads(out)["result"]["timed_out"]
    code, _, err = invoke("exam", "answer", exam_id, "1", "42")
    assert code == 2 and "was submitted" in err
    code, _, err = invoke("exam", "points", exam_id, "1", "1")
    assert code == 2 and "computational" in err


@pytest.mark.parametrize(("args", "words"), [
    (("--topic", "rnn"), "topics:"),
    (("--preset", "final"), "presets: mock, quick, missed"),
    (("--items", "0"), "between 1 and 100"),
    (("--minutes", "100000"), "between 1 and 600 minutes"),
    (("--items", "500"), "between 1 and 100"),
    (("--topic", "pooling", "--items", "30"), "hold"),
])
def test_bad_specs_write_nothing(any_bank_home: Path, args: tuple[str, ...], words: str) -> None:
    code, _, err = invoke("exam", "new", *args, "--json")
    said = [line for line in err.splitlines() if "created a new bank" not in line]
    assert code == 2 and words in err and len(said) == 1, err  # the bank's first use aside
    assert exams_in_bank() == 0


def test_spec_file_errors(any_bank_home: Path, tmp_path: Path) -> None:
    spec = tmp_path / "mock.toml"
    spec.write_text("items = 4\nminutes = [\n", encoding="utf-8")
    code, _, err = invoke("exam", "new", "--spec", str(spec), "--json")
    assert code == 2 and "mock.toml" in err and "line" in err
    spec.write_text('preset = "quick"\nitems = 3\n[topics]\nconv = 1\n', encoding="utf-8")
    exam = new_exam("--spec", str(spec))
    assert len(exam["items"]) == 3 and exam["minutes"] == 10


def test_unknown_exam_and_item(any_bank_home: Path) -> None:
    exam = new_exam("--preset", "quick")
    for args, words in ((("show", "999"), "no exam with id 999"),
                        (("answer", str(exam["id"]), "99", "1"), "items are 1 to 5"),
                        (("submit", "0"), "no exam with id 0")):
        code, _, err = invoke("exam", *args)
        assert code == 2 and words in err, err


def test_export_markdown_and_html(any_bank_home: Path, tmp_path: Path) -> None:
    exam = new_exam("--items", "4", "--seed", "5")
    code, out, _ = invoke("exam", "export", str(exam["id"]), "--format", "md", "--answers")
    assert code == 0 and f"# 模拟面试 #{exam['id']}" in out and "# 答案" in out
    target = tmp_path / "exam.html"
    code, _, _ = invoke("exam", "export", str(exam["id"]), "--format", "html", "-o",
                        str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0 and page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "://" not in page.split("<main>")[0]  # nothing fetched: styles are inline
    code, _, err = invoke("exam", "export", str(exam["id"]), "--format", "pdf")
    assert code == 2 and "md or html" in err


def test_retry_new_version_and_into_study(any_bank_home: Path) -> None:
    exam = new_exam("--preset", "quick", "--seed", "21")
    assert invoke("exam", "submit", str(exam["id"]))[0] == 0  # nothing answered: all missed
    code, out, _ = invoke("exam", "retry", str(exam["id"]), "--json")
    retry = json.loads(out)
    assert code == 0 and {i["question_id"].split("/")[0] for i in retry["items"]} == {
        i["question_id"].split("/")[0] for i in exam["items"]}
    assert {i["question_id"] for i in retry["items"]} != {i["question_id"]
                                                         for i in exam["items"]}
    code, out, _ = invoke("exam", "again", str(exam["id"]), "--json")
    again = json.loads(out)
    assert again["seed"] != exam["seed"] and again["spec"]["name"] == "quick"
    code, out, _ = invoke("exam", "study", str(exam["id"]))
    assert code == 0 and "张" in out


def test_into_study_makes_studied_misses_due_and_says_what_stays_new(
        any_bank_home: Path) -> None:
    """Of the five kinds a quick exam missed, two were studied (review cards due in a
    week): they become due now, undoably; the three never studied stay new, and the
    message says so."""
    from datetime import timedelta

    from sqlalchemy import select

    from dlquiz.store.cards.cards import change_cards
    from dlquiz.store.schema.models import CardRow

    exam = new_exam("--preset", "quick", "--seed", "21")
    kinds = sorted({i["question_id"].split("/")[0] for i in exam["items"]})
    assert len(kinds) == 5
    now = datetime.now(UTC)
    bank = open_bank(resolve_url())
    with bank.read() as s:
        studied = list(s.scalars(select(CardRow.id).where(CardRow.skill_kind.in_(kinds[:2]))))
    change_cards(bank, "setup", studied, lambda c: c.with_changes(
        state=2, stability=8.0, difficulty=5.0, last_review=now - timedelta(days=1),
        due=now + timedelta(days=7)), now)
    assert invoke("exam", "submit", str(exam["id"]))[0] == 0  # nothing answered

    code, out, err = invoke("exam", "--lang", "en", "study", str(exam["id"]))
    assert code == 0, err
    assert out.strip() == ("2 card(s) are due now (dlquiz undo reverts); 3 missed card(s) "
                           "were never studied and stay with the new cards")
    with bank.read() as s:
        due = {r.id: r.due for r in s.scalars(select(CardRow).where(CardRow.id.in_(studied)))}
    assert all(d <= datetime.now(UTC) for d in due.values())
    assert invoke("undo")[0] == 0
    with bank.read() as s:
        back = s.scalars(select(CardRow.due).where(CardRow.id.in_(studied))).all()
    assert all(d > now + timedelta(days=6) for d in back)
    bank.engine.dispose()


def exam_in_fresh_process(home: Path, hashseed: str) -> list[dict[str, Any]]:
    env = {**os.environ, "DLQUIZ_HOME": str(home), "PYTHONHASHSEED": hashseed,
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "dlquiz", "exam", "new", "--preset", "mock",
                           "--seed", "1234", "--json"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    items: list[dict[str, Any]] = json.loads(done.stdout)["items"]
    return items


def test_reproducible_across_processes(tmp_path: Path) -> None:
    first = exam_in_fresh_process(tmp_path / "a", "1")
    second = exam_in_fresh_process(tmp_path / "b", "4242")
    assert first == second
