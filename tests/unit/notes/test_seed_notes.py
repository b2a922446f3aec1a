"""The user's own notes file, read completely and correctly.

Expected values were read off the file by hand (see the line numbers quoted), not taken
from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlquiz.notes.model import Note
from dlquiz.notes.parser import read_notes_file


@pytest.fixture(scope="module")
def notes(request: pytest.FixtureRequest) -> dict[str, Note]:
    seed: Path = request.getfixturevalue("seed_notes")
    parsed = read_notes_file(seed)
    return {n.number or "": n for n in parsed.notes}


@pytest.fixture(scope="module")
def seed_notes() -> Path:  # module-scoped twin of the conftest fixture
    from tests.conftest import SEED_NOTES

    if not SEED_NOTES.is_file():
        pytest.skip(f"the user's notes file is not here ({SEED_NOTES}); it lives in ../shared")
    return SEED_NOTES


def test_all_85_numbered_notes_in_order(notes: dict[str, Note]) -> None:
    assert list(notes) == [f"{i:03d}" for i in range(1, 86)]
    assert all(n.topic == "深度学习" for n in notes.values())


def test_exact_titles(notes: dict[str, Note]) -> None:
    assert notes["001"].title == "神经网络中的Epoch、Iteration、Batchsize"
    assert notes["005"].title == (
        "CNN 模型所需的计算力（flops）和参数（parameters）数量是怎么计算的？")
    assert notes["049"].title == "ShuffleNet v1&v2"
    assert notes["077"].title == ("为什么深度学习中的模型基本用3x3和5x5的卷积（奇数），"
                                  "而不是2x2和4x4的卷积（偶数）？")
    assert notes["085"].title == "Batch Normalization"


@pytest.mark.parametrize("number", ["001", "002", "007", "020", "021", "022", "047", "083"])
def test_clearly_answered(notes: dict[str, Note], number: str) -> None:
    assert notes[number].status == "answered"


@pytest.mark.parametrize("number", ["005", "015", "016", "045"])
def test_partial_has_text_and_a_todo(notes: dict[str, Note], number: str) -> None:
    assert notes[number].status == "partial"
    assert "[ ]" not in notes[number].answer


@pytest.mark.parametrize("number", ["003", "004", "006", "011", "031", "035", "058", "085"])
def test_drafts(notes: dict[str, Note], number: str) -> None:
    assert notes[number].status == "draft"


def test_reference_counts(notes: dict[str, Note]) -> None:
    # 001: two list links (lines 20-21); 004: eight, blank-line separated (lines 53-67);
    # 024: three paragraph links after "参考：" (lines 508-512); 030: two under **参考**;
    # 079: an autolink and a bare URL; 010: four (the AMSGrad link in the answer list stays)
    expected = {"001": 2, "004": 8, "024": 3, "030": 2, "079": 2, "010": 4, "011": 0}
    assert {k: len(notes[k].references) for k in expected} == expected
    assert notes["079"].references[1].url == "https://zhuanlan.zhihu.com/p/60923972"
    assert notes["035"].references[0].url == "https://arxiv.org/abs/1603.05027"
    # 084's bibliography goes through link.zhihu.com redirects; the target is kept
    assert notes["084"].references[0].url == "https://arxiv.org/abs/1805.11604"


def test_references_are_not_in_answers(notes: dict[str, Note]) -> None:
    for note in notes.values():
        assert "**参考资料**" not in note.answer
        assert "- [ ] TODO" not in note.answer


def test_code_block_intact(notes: dict[str, Note]) -> None:
    answer = notes["007"].answer
    assert "```python" in answer
    assert "max_idx_.Reshape(bottom[0]->num(), channels_, pooled_height_,pooled_width_);" in answer


def test_latex_kept_and_zhihu_formulas_decoded(notes: dict[str, Note]) -> None:
    assert "$$\nS_{dW}=\\beta S_{dW}+\\left ( 1-\\beta  \\right )dW^{2}\n$$" in notes["015"].answer
    assert "$n \\times (h \\times w \\times c + 1)$" in notes["005"].answer
    assert "zhihu.com/equation" not in notes["005"].answer


def test_missing_images_become_placeholders(notes: dict[str, Note]) -> None:
    assert "[图片缺失: 常规卷积操作.png · imgs/DLIB-0014.png]" in notes["045"].answer
    assert "imgs/DLIB-0023.jpg" in notes["083"].answer
    assert "![](imgs/" not in notes["083"].answer


def test_trailing_todo_heading_is_not_a_note(notes: dict[str, Note]) -> None:
    assert all(n.title != "TODO" for n in notes.values())
    assert notes["085"].answer == ""


def test_zhihu_formulas_with_a_bracketed_alt_text(notes: dict[str, Note]) -> None:
    # line 1128: three `![[公式]](https://www.zhihu.com/equation?tex=%5Cbeta)` images; the
    # `[公式]` alt text holds brackets, which CommonMark allows when they are balanced
    answer = notes["084"].answer
    assert answer.count("$\\beta$") == 3
    assert "zhihu.com/equation" not in answer and "[公式]" not in answer


def test_nothing_to_warn_about(seed_notes: Path) -> None:
    # no unclosed fence, comment or `$$`, and no question asked twice
    assert read_notes_file(seed_notes).warnings == ()
