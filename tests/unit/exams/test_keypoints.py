"""Key points: the top-level list items of a reference answer, or its sentences for prose;
at most eight; follow-up questions are not key points."""

from __future__ import annotations

from dlquiz.exams.keypoints import key_points


def test_top_level_list_items_are_the_points() -> None:
    answer = ("- **做法**：先池化。\n  - 细节不算\n- 第二点 $x^2$。\n\n$$y=1$$\n\n"
              "**例子**：一句话。\n\n**追问**\n- 问：为什么？ 答：因为。\n")
    assert key_points(answer) == ("做法：先池化。", "第二点 $x^2$。")


def test_prose_answer_is_split_into_sentences() -> None:
    answer = "卷积是加权求和。它共享权重！Is it local? Yes, it is.\n\n```\ncode。\n```\n"
    assert key_points(answer) == ("卷积是加权求和。", "它共享权重！", "Is it local?",
                                  "Yes, it is.")


def test_at_most_eight_points() -> None:
    answer = "\n".join(f"- point {i}" for i in range(1, 13))
    assert key_points(answer) == tuple(f"point {i}" for i in range(1, 9))


def test_a_single_item_list_falls_back_to_sentences() -> None:
    # one list item is not a structure: every sentence of the answer is a point
    assert key_points("- 只有一点。\n\n其余是正文。第二句。") == (
        "只有一点。", "其余是正文。", "第二句。")


def test_fragments_join_the_next_sentence() -> None:
    assert key_points("例如：三个。四个字的句子。") == ("例如：三个。", "四个字的句子。")
