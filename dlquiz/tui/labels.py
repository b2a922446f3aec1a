"""Interface words in both languages; the study language picks the set."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "new": "新", "learning": "学习", "review": "复习", "reveal": "空格/回车 显示答案",
        "again": "重来", "hard": "困难", "good": "良好", "easy": "简单",
        "references": "参考资料", "tags": "标签", "practice": "练习",
        "answer_here": "在此输入答案，回车提交", "proposed": "建议评分",
        "accept": "回车接受，或按 1-4 改选", "right": "✓ 正确", "wrong": "✗ 错误",
        "expected": "正确答案", "diagnosis": "诊断", "solution": "解答", "score": "得分",
        "no_answer": "（这条笔记还没有答案）", "skill": "计算题", "note": "笔记",
        "undone": "已撤销", "nothing_to_undo": "没有可撤销的评分", "suspended": "已暂停",
        "buried": "已搁置到明天", "no_source": "这张卡片没有源文件",
        "empty_title": "现在没有要复习的卡片", "next_due": "下一张到期",
        "none_scheduled": "还没有已排期的卡片", "more_new": "按 n 再学 {n} 张新卡片",
        "no_more_new": "也没有新卡片了", "quit_hint": "按 q 退出",
        "summary_title": "本次学习小结", "cards_done": "完成卡片", "right_wrong": "对 / 错",
        "time": "用时", "due_tomorrow": "明天到期", "continue": "按 c 继续学习，q 退出",
        "answer_format": "作答格式", "practice_hint": "按 p 做一道相关计算题",
        "leech": "这张卡片已遗忘 8 次，标记为 leech 并暂停",
        "builtin_answer": "内置答案（dlquiz 自带题库）",
    },
    "en": {
        "new": "New", "learning": "Learning", "review": "Due", "reveal": "Space/Enter: show answer",
        "again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy",
        "references": "References", "tags": "Tags", "practice": "Practice",
        "answer_here": "Type your answer, Enter to check", "proposed": "Proposed rating",
        "accept": "Enter accepts, or press 1-4", "right": "✓ Correct", "wrong": "✗ Wrong",
        "expected": "Expected", "diagnosis": "Diagnosis", "solution": "Worked solution",
        "score": "score", "no_answer": "(this note has no answer yet)", "skill": "skill",
        "note": "note", "undone": "Undone", "nothing_to_undo": "Nothing to undo",
        "suspended": "Suspended", "buried": "Buried until tomorrow",
        "no_source": "This card has no source file", "empty_title": "Nothing is due right now",
        "next_due": "Next card due", "none_scheduled": "No cards are scheduled yet",
        "more_new": "Press n to study {n} more new cards", "no_more_new": "No new cards left",
        "quit_hint": "Press q to quit", "summary_title": "Session summary",
        "cards_done": "Cards done", "right_wrong": "Right / wrong", "time": "Time",
        "due_tomorrow": "Due tomorrow", "continue": "Press c to keep studying, q to quit",
        "answer_format": "Answer format", "practice_hint": "press p for a linked question",
        "leech": "This card lapsed 8 times: marked as a leech and suspended",
        "builtin_answer": "Built-in answer (dlquiz's own bank)",
    },
}
RATING_KEYS = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]
