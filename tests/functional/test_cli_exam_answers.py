"""`dlquiz exam answer --oral`, `dlquiz exam export --answers` with the candidate's own
answers, and a wrong shape scored 0 with the wrong dimension named, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.notes.display import display_markdown
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from engine.questions import mistakes_of, question_from_id

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def new_exam(*args: str) -> dict[str, Any]:
    code, out, err = invoke("exam", "new", *args, "--lang", "en", "--json")
    assert code == 0, err
    return dict(json.loads(out))


def stored_answers(exam_id: int) -> dict[int, str | None]:
    from dlquiz.store.exams.exams import get_exam

    bank = open_bank(resolve_url())
    try:
        return {i.n: i.answer for i in get_exam(bank, exam_id).items}
    finally:
        bank.engine.dispose()


def test_oral_answer_and_its_refusals(bank_home: Path) -> None:
    exam = new_exam("--items", "4", "--computational", "0.5", "--seed", "11")
    exam_id = str(exam["id"])
    comp = next(i["n"] for i in exam["items"] if i["type"] == "computational")
    recall = next(i["n"] for i in exam["items"] if i["type"] == "recall")
    for args in ((exam_id, str(recall)), (exam_id, str(recall), "text", "--oral"),
                 (exam_id, str(comp), "--oral")):
        code, out, err = invoke("exam", "answer", *args)
        assert code == 2 and err.count("\n") == 1 and err.startswith("dlquiz: "), args
    assert set(stored_answers(exam["id"]).values()) == {None}  # nothing written
    code, out, _ = invoke("exam", "answer", exam_id, str(recall), "--oral")
    assert code == 0 and "answered aloud" in out
    assert stored_answers(exam["id"])[recall] == "(answered aloud)"
    code, out, _ = invoke("exam", "submit", exam_id, "--json")
    assert code == 0
    items = {i["n"]: i for i in json.loads(out)["items"]}
    assert items[recall]["answer"] == "(answered aloud)"


def test_export_with_answers_shows_what_the_candidate_did(bank_home: Path,
                                                          tmp_path: Path) -> None:
    exam = new_exam("--items", "4", "--computational", "0.5", "--seed", "11")
    exam_id = str(exam["id"])
    comp = next(i for i in exam["items"] if i["type"] == "computational")
    recall = next(i["n"] for i in exam["items"] if i["type"] == "recall")
    name, wrong = mistakes_of(comp["question_id"], "en")[0]
    assert invoke("exam", "answer", exam_id, str(comp["n"]), wrong)[0] == 0
    assert invoke("exam", "answer", exam_id, str(recall), "my own words")[0] == 0
    assert invoke("exam", "submit", exam_id)[0] == 0
    assert invoke("exam", "points", exam_id, str(recall), "1")[0] == 0
    code, out, _ = invoke("exam", "show", exam_id, "--json")
    points = next(i for i in json.loads(out)["items"] if i["n"] == recall)["key_points"]
    for fmt in ("md", "html"):
        target = tmp_path / f"exam.{fmt}"
        code, _, err = invoke("exam", "export", exam_id, "--answers", "--format", fmt,
                              "--output", str(target))
        assert code == 0, err
        text = target.read_text(encoding="utf-8")
        assert "my own words" in text and wrong in text and "✗ Wrong" in text
        assert "Self-graded score" in text
        assert ("Candidate&#x27;s answer" if fmt == "html" else "Candidate's answer") in text
        assert name.split(" (")[0].split("（")[0] in text
        expected = question_from_id(comp["question_id"], "en").expected_display
        assert expected in text
        if fmt == "md":
            for point in points:
                assert text.count(display_markdown(point).strip()) == 1, point


def test_a_shape_with_one_wrong_dimension_scores_zero(bank_home: Path) -> None:
    qid = "yolo-output/1/138"  # a 13x13 grid, 2 boxes, 80 classes: (13, 13, 2*5 + 80)
    code, out, _ = invoke("check", qid, "(13,13,170)", "--json", "--lang", "en")
    verdict = json.loads(out)
    assert code == 0 and verdict["score"] == 0.0 and not verdict["correct"]
    assert "dimension 3 should be 90, not 170" in verdict["diagnosis"]
    code, out, _ = invoke("check", qid, "(13,13,90)", "--json")
    assert json.loads(out)["score"] == 1.0
