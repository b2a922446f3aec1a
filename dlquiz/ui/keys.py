"""The keys of every screen with what they do, in both languages: what `?` shows (and what
the README lists). One table per screen, in the order a person meets them."""

from __future__ import annotations

KEYS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "exam": {
        "zh": [("输入", "直接在答题框里作答；回车保存（计算题回车后进入下一题）"),
               ("Ctrl+N / PgDn", "下一题"), ("Ctrl+P / PgUp", "上一题"),
               ("Ctrl+G", "跳到第几题"), ("Ctrl+F", "标记 / 取消标记此题"),
               ("Ctrl+D", "问答题答完（即时反馈时显示要点并自评）"),
               ("Ctrl+S", "交卷（先列出未答和已标记的题）"),
               ("Esc", "离开答题框；之后 n p g f s 与数字键直接可用"),
               ("a / 回车", "回到答题框"), ("?", "本帮助"), ("q", "离开考试（时钟不停）")],
        "en": [("typing", "answer in the box; Enter saves (and moves on, for "
                "computational items)"),
               ("Ctrl+N / PgDn", "next item"), ("Ctrl+P / PgUp", "previous item"),
               ("Ctrl+G", "go to an item"), ("Ctrl+F", "flag / unflag this item"),
               ("Ctrl+D", "recall item done (immediate feedback: key points and "
                "self-grading)"),
               ("Ctrl+S", "submit (lists unanswered and flagged items first)"),
               ("Esc", "leave the answer box; then n p g f s and digits work"),
               ("a / Enter", "back into the answer box"), ("?", "this help"),
               ("q", "leave the exam (the clock keeps running)")],
    },
    "exam_start": {
        "zh": [("↑ ↓", "选择"), ("回车", "开始 / 继续"), ("?", "本帮助"), ("q", "退出")],
        "en": [("↑ ↓", "choose"), ("Enter", "start / resume"), ("?", "this help"),
               ("q", "quit")],
    },
    "self_grade": {
        "zh": [("↑ ↓", "移动"), ("空格", "勾选 / 取消要点"), ("回车", "保存并到下一题"),
               ("?", "本帮助")],
        "en": [("↑ ↓", "move"), ("Space", "tick / untick a key point"),
               ("Enter", "save and go to the next item"), ("?", "this help")],
    },
    "debrief": {
        "zh": [("r", "重做错题（新数字）"), ("v", "同一规格新版本（新种子）"),
               ("b", "把错题加入今天的复习（dlquiz undo 可撤销）"), ("↑ ↓ PgUp PgDn", "滚动"),
               ("?", "本帮助"), ("q", "退出")],
        "en": [("r", "retry what was missed (fresh numbers)"),
               ("v", "a new version of the same spec (new seed)"),
               ("b", "bring the missed cards into today's study (dlquiz undo reverts)"),
               ("↑ ↓ PgUp PgDn", "scroll"), ("?", "this help"), ("q", "quit")],
    },
}


def keys_for(screen: str, lang: str) -> list[tuple[str, str]]:
    table = KEYS[screen]
    return table.get(lang, table["en"])
