"""One id for every card: the id `cards` lists is the one `show`, `info`, `suspend`,
`unsuspend`, `bury`, `unbury` and `review rate` take, for notes, follow-ups and question
kinds alike; listings filter by state, tag and type; undo reverts any action."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app

runner = CliRunner()
NOTES = ("# 卷积\n\n## 001 卷积是什么？\n\n滑动窗口内的加权求和。\n\n"
         "**追问**\n- 问：卷积核翻转吗？ 答：不翻转，是互相关。\n\n**标签**: conv\n\n"
         "## 002 步长是什么？\n\n窗口每次移动的距离。\n")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def listed(*args: str) -> list[dict[str, Any]]:
    code, out, err = invoke("cards", *args, "--json")
    assert code == 0, err
    return list(json.loads(out))


@pytest.fixture
def deck(any_bank_home: Path, tmp_path: Path) -> str:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    assert invoke("import", str(path))[0] == 0
    return "mine"


def test_listing_has_every_card_type_and_its_state(deck: str) -> None:
    cards = listed("--deck", deck)
    assert [(c["type"], c["number"]) for c in cards] == [
        ("note", "001"), ("followup", "001"), ("note", "002")]
    followup = cards[1]
    assert followup["parent"] == "卷积是什么？" and followup["title"] == "卷积核翻转吗？"
    assert set(cards[0]) >= {"id", "type", "note_id", "deck", "title", "state", "due",
                             "interval_days", "lapses", "flags"}
    assert [c["number"] for c in listed("--deck", deck, "--tag", "conv")] == ["001", "001"]
    skills = listed("--type", "skill")
    assert skills and all(c["type"] == "skill" and c["deck"] is None for c in skills)


def test_one_id_for_every_command(deck: str) -> None:
    note, followup, _ = listed("--deck", deck)
    skill = listed("--type", "skill")[0]
    for card in (note, followup, skill):
        code, out, _ = invoke("show", str(card["id"]), "--json")
        assert code == 0 and json.loads(out)["id"] == card["id"]
        code, out, _ = invoke("info", str(card["id"]), "--json")
        assert code == 0 and json.loads(out)["type"] == card["type"]
    shown = json.loads(invoke("show", str(note["id"]), "--json")[1])
    assert shown["followups"] == [{"id": followup["id"], "question": "卷积核翻转吗？",
                                   "answer": "不翻转，是互相关。"}]
    assert invoke("suspend", str(followup["id"]))[0] == 0
    assert [c["id"] for c in listed("--state", "suspended")] == [followup["id"]]


def test_info_shows_state_and_history(deck: str) -> None:
    note = listed("--deck", deck)[0]
    assert invoke("review", "rate", str(note["id"]), "good")[0] == 0
    info = json.loads(invoke("info", str(note["id"]), "--json")[1])
    assert info["state"] == "learning" and info["reps"] == 1 and info["stability"] > 0
    assert 0.99 < info["retrievability"] <= 1.0  # rated a moment ago
    (entry,) = info["history"]
    assert (entry["rating"], entry["state_before"]) == ("good", "new")
    assert [c["id"] for c in listed("--state", "learning")] == [note["id"]]


def test_undo_reverts_any_action_in_order(deck: str) -> None:
    first, _, second = listed("--deck", deck)
    assert invoke("review", "rate", str(first["id"]), "again")[0] == 0
    assert invoke("suspend", str(second["id"]))[0] == 0
    assert invoke("bury", str(first["id"]))[0] == 0
    assert [c["id"] for c in listed("--state", "buried")] == [first["id"]]
    code, out, _ = invoke("undo")
    assert code == 0 and "bury of card" in out
    assert listed("--state", "buried") == []
    code, out, _ = invoke("undo")
    assert "suspend of card" in out and listed("--state", "suspended") == []
    code, out, _ = invoke("undo")
    assert "'again'" in out and listed("--state", "learning") == []
    code, out, err = invoke("undo")  # then the import that made the deck
    assert "import into deck" in out, err
    assert all(c["deck"] != deck for c in listed())
    assert invoke("undo")[1].strip() == "nothing to undo."


def test_unbury(deck: str) -> None:
    card = listed("--deck", deck)[0]
    invoke("bury", str(card["id"]))
    code, out, _ = invoke("unbury", str(card["id"]))
    assert code == 0 and "unburied" in out and listed("--state", "buried") == []


@pytest.mark.parametrize(("args", "words"), [
    (("cards", "--state", "asleep"), "unknown state 'asleep'"),
    (("cards", "--type", "card"), "unknown type 'card'"),
    (("info", "0"), "no card with id 0"),
])
def test_bad_listing_arguments(deck: str, args: tuple[str, ...], words: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2 and words in err
