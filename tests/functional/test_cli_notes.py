"""`dlquiz import / decks / cards / show` through Typer's CliRunner, effects checked in the bank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.cards.repository import list_notes

runner = CliRunner()
NOTES = """# 卷积

## 001 卷积输出尺寸怎么算？

$$
O = \\lfloor (H + 2p - k)/s \\rfloor + 1
$$

例如 $H=7$。

**参考资料**

- [Conv arithmetic](https://arxiv.org/abs/1603.07285)

## 002 池化

- [ ] TODO
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_twice_second_is_noop(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    code, out, _ = invoke("import", str(path), "--json")
    assert code == 0, out
    first = json.loads(out)
    assert (first["added"], first["drafts"], first["unchanged"]) == (2, 1, 0)
    code, out, _ = invoke("import", str(path), "--json")
    second = json.loads(out)
    assert (second["added"], second["updated"], second["unchanged"], second["retired"]) == (
        0, 0, 2, 0)
    code, out, _ = invoke("import", str(path))
    assert "nothing changed" in out


def test_edit_answer_keeps_progress(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    invoke("import", str(path))
    bank = open_bank(resolve_url())
    from sqlalchemy import text

    _, listed, _ = invoke("cards", "--deck", "mine", "--type", "note", "--json")
    (card,) = [c for c in json.loads(listed) if c["number"] == "001"]
    with bank.sessions() as s:
        (note,) = [n for n in list_notes(bank, deck="mine") if n.number == "001"]
        assert card["note_id"] == note.id
        s.execute(text("UPDATE cards SET reps = 3, lapses = 1 WHERE id = :i"), {"i": card["id"]})
        s.commit()
    path.write_text(NOTES.replace("例如 $H=7$。", "例如 $H=9$。"), encoding="utf-8")
    code, out, _ = invoke("import", str(path), "--json")
    assert code == 0 and json.loads(out)["updated"] == 1
    with bank.sessions() as s:
        reps = s.execute(text("SELECT reps, lapses FROM cards WHERE id = :i"),
                         {"i": card["id"]}).one()
    assert tuple(reps) == (3, 1)
    _, out, _ = invoke("show", str(card["id"]), "--json")
    assert "$H=9$" in json.loads(out)["answer"]


def test_bad_file_clear_error_exit_2_bank_unchanged(any_bank_home: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(NOTES, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes("## 001 好\n".encode() + b"\xc3\x28 oops")
    invoke("import", str(good))
    code, out, err = invoke("decks", "--json")
    before = json.loads(out)
    code, out, err = invoke("import", str(good), str(bad))
    assert code == 2
    assert "bad.md" in err and "byte offset 11" in err
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1
    _, out, _ = invoke("decks", "--json")
    assert json.loads(out) == before


def test_missing_path_is_a_clear_error(any_bank_home: Path) -> None:
    code, _, err = invoke("import", "/nonexistent/notes.md")
    assert code == 2 and "no such file" in err


def test_cards_and_show_json_shapes(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    invoke("import", str(path))
    code, out, _ = invoke("cards", "--deck", "mine", "--json")
    cards = json.loads(out)
    assert [(c["number"], c["title"], c["status"], c["topic"], c["deck"]) for c in cards] == [
        ("001", "卷积输出尺寸怎么算？", "answered", "卷积", "mine"),
        ("002", "池化", "draft", "卷积", "mine"),
    ]
    assert all(isinstance(c["id"], int) for c in cards)
    code, out, _ = invoke("cards", "--deck", "mine", "--status", "draft", "--json")
    assert [c["title"] for c in json.loads(out)] == ["池化"]
    code, out, _ = invoke("cards", "--deck", "mine", "--search", "输出尺寸", "--json")
    assert code == 0
    assert [c["title"] for c in json.loads(out)] == ["卷积输出尺寸怎么算？"]
    _, out, _ = invoke("show", str(cards[0]["id"]), "--json")
    detail = json.loads(out)
    assert detail["references"] == [{"title": "Conv arithmetic",
                                     "url": "https://arxiv.org/abs/1603.07285"}]
    assert "$$" in detail["answer"]


def test_show_renders_formulas_as_unicode(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    invoke("import", str(path))
    _, out, _ = invoke("cards", "--deck", "mine", "--json")
    code, out, _ = invoke("show", str(json.loads(out)[0]["id"]))
    assert code == 0
    assert "⌊" in out and "$$" not in out and "Conv arithmetic" in out


def test_unknown_ids_and_decks_are_clear_errors(any_bank_home: Path) -> None:
    code, _, err = invoke("show", "999999")
    assert code == 2 and "no card with id 999999" in err
    code, _, err = invoke("cards", "--deck", "nope")
    assert code == 2 and "no deck named 'nope'" in err
    code, _, err = invoke("cards", "--status", "done")
    assert code == 2 and "unknown status" in err


def test_new_bank_gets_builtin_deck(any_bank_home: Path) -> None:
    code, out, _ = invoke("decks", "--json")
    assert code == 0
    decks = json.loads(out)
    assert [d["name"] for d in decks if d["builtin"]] == ["builtin"]
    assert decks[0]["notes"] > 0


def test_db_option_and_env(tmp_path: Path, bank_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "elsewhere.db"
    code, _, _ = invoke("--db", f"sqlite:///{db}", "decks")
    assert code == 0 and db.exists()
    other = tmp_path / "env.db"
    monkeypatch.setenv("DLQUIZ_DB", str(other))
    code, _, _ = invoke("decks")
    assert code == 0 and other.exists()


def test_draft_borrows_the_builtin_answer(any_bank_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("## 42 非极大值抑制 NMS\n\n- [ ] TODO\n", encoding="utf-8")
    invoke("import", str(path))
    (card,) = json.loads(invoke("cards", "--deck", "mine", "--json")[1])
    code, out, _ = invoke("show", str(card["id"]), "--json")
    twin_id = json.loads(out)["builtin_twin"]
    assert code == 0 and isinstance(twin_id, int)
    twin = json.loads(invoke("show", str(twin_id), "--json")[1])
    assert twin["deck"] == "builtin" and twin["number"] == "042"
    code, out, _ = invoke("show", str(card["id"]))
    assert "built-in answer" in out and "IoU" in out


def test_builtin_deck_refreshes_when_dlquiz_changes(any_bank_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import dlquiz
    from dlquiz.store.schema.models import MetaRow

    invoke("decks")
    bank = open_bank(resolve_url())
    from sqlalchemy import text

    with bank.sessions() as s:  # an older dlquiz shipped basics.md without note 001
        s.execute(text("UPDATE notes SET retired_at = created_at WHERE number = '001'"))
        s.execute(text("UPDATE sources SET digest = 'older' WHERE path LIKE '%basics.md'"))
        s.commit()
    def numbers() -> set[str]:
        return {c["number"] for c in json.loads(invoke("cards", "--deck", "builtin",
                                                       "--json")[1])}

    assert "001" not in numbers()
    invoke("decks")  # same dlquiz: no refresh
    assert "001" not in numbers()
    monkeypatch.setattr(dlquiz, "__version__", "99.0")  # an upgrade
    invoke("decks")
    assert "001" in numbers()
    with bank.sessions() as s:
        stamp = s.get(MetaRow, "builtin_content")
        assert stamp is not None and stamp.value.startswith("99.0|")
