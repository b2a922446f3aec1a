"""Every interface word of the CLI and the TUI, in both languages; `--lang` picks the set.

Card states and ratings are named by their machine names (dlquiz.store.schema.states), which are
also the keys here, so one table gives both their JSON names and what people read.
"""

from __future__ import annotations

from dlquiz.store.schema import RATING_NAMES

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        # card states and queues
        "new": "新", "learning": "学习", "review": "复习", "relearning": "重学",
        "ahead": "提前",
        # ratings
        "again": "重来", "hard": "困难", "good": "良好", "easy": "简单",
        # study screen
        "reveal": "空格/回车 显示答案", "references": "参考资料", "tags": "标签",
        "practice": "练习", "answer_here": "在此输入答案，回车提交", "proposed": "建议评分",
        "accept": "回车接受，或按 1-4 改选", "right": "✓ 正确", "wrong": "✗ 错误",
        "expected": "正确答案", "diagnosis": "诊断", "solution": "解答", "score": "得分",
        "no_answer": "（这条笔记还没有答案）", "skill": "计算题", "note": "笔记",
        "undone": "已撤销", "nothing_to_undo": "没有可撤销的操作", "suspended": "已暂停",
        "buried": "已搁置到明天", "no_source": "这张卡片没有源文件",
        "empty_title": "现在没有要复习的卡片", "next_due": "下一张到期",
        "none_scheduled": "还没有已排期的卡片", "more_new": "按 n 再学 {n} 张新卡片",
        "no_more_new": "也没有新卡片了", "quit_hint": "按 q 退出",
        "summary_title": "本次学习小结", "cards_done": "完成卡片", "right_wrong": "对 / 错",
        "time": "用时", "due_tomorrow": "明天到期", "due_later_today": "今天稍后到期",
        "continue": "按 c 继续学习，t 看统计，q 退出",
        "answer_format": "作答格式", "practice_hint": "按 p 做一道相关计算题",
        "leech": "这张卡片已遗忘 {n} 次，标记为难记卡并暂停",
        "builtin_answer": "内置答案（dlquiz 自带题库）",
        "own_text": "你的笔记", "no_own_text": "（你的笔记还没有答案，先学内置答案）",
        "fold_more": "… 还有更多：按 e 展开", "fold_less": "按 e 收起",
        "links_show": "l 显示链接", "links_hide": "l 隐藏链接",
        "busy_retrying": "题库正被另一个 dlquiz 进程写入，正在重试…",
        "busy_gave_up": "题库一直被占用，这次没有保存；你的答案还在，稍后再按一次",
        "card_changed": "这张卡片在别处被改动过，已重新载入",
        "unreachable_kept": "连不上数据库服务器，这次没有保存；你的答案还在，服务器恢复后再按一次",
        "bank_error": "题库出错",
        "question_id": "题目编号", "unreadable": "? 无法读懂（不算错）",
        "followup_of": "追问 · 出自", "answer_hint": "按回车开始作答（数字键不会写进答题框）",
        "builtin_copy_title": "这是内置笔记", "builtin_copy_body":
        "内置笔记属于安装包，不能直接编辑。把它复制到你的笔记文件\n{path}\n"
        "（成为你自己的笔记，学习记录随之转过去）再编辑？回车复制，Esc 取消。",
        "reimported": "已重新导入：{file}", "copied": "已复制到 {file}",
        "fill_title": "这条笔记还没写完", "fill_body":
        "可以把内置答案写进你的笔记文件 {file}（替换待办 `- [ ] TODO` 那一行，"
        "参考资料接在你的列表后面，原文件先备份在旁边）。"
        "\n\nf 用内置答案填写 · e 在编辑器里打开 · Esc 取消",
        "filled": "已把内置答案写进 {file}（备份：{backup}）", "nothing_filled": "没有可填写的内容",
        "help_title": "按键", "quit_hint_ctrl_c": "按 q 结束学习（Ctrl+Q 直接退出）",
        "browse_search": "搜索题目与答案…", "browse_deck": "卡组", "browse_state": "状态",
        "browse_topic": "主题", "browse_tag": "标签", "browse_title": "题目",
        "browse_none": "没有符合条件的卡片",
        "browse_keys": "Tab 切换 · ↑↓ 选择 · 回车 在学习界面打开 · s 暂停/取消 · Esc 返回 · ? 帮助",
        # what an undo took back (a toast: it is about the card before the one shown)
        "undone_card": "已撤销{what}（卡片 {cards}）", "undone_what_rate": "评分",
        "undone_what_suspend": "暂停", "undone_what_unsuspend": "取消暂停",
        "undone_what_bury": "搁置", "undone_what_unbury": "取消搁置",
        "undone_what_reschedule": "重新排期", "undone_what_other": "上一步操作",
        "rated_card": "{rating} → {interval}（上一张卡片）",
        "help_keys": "↑↓ PgUp PgDn 滚动 · Esc/q 关闭", "summary_scroll": "↑↓ 滚动",
        "practice_keys": "回车 检查答案，答完再按回车返回 · Esc 返回笔记 · ↑↓ 滚动",
        "delete_title": "删除这条笔记？",
        "delete_body": "「{title}」连同它的卡片和 {reviews} 次复习记录一起删除。"
        "回车 删除，Esc 取消；删除后在学习界面按 u 可以撤销。",
        "deleted": "已删除笔记 {note}（按 u 撤销）",
        "delete_skill": "计算题卡片不能删除，可以暂停它",
        "delete_builtin": "内置笔记不能删除，可以暂停它的卡片",
        "delete_open_exam": "考试 {exam} 还没交卷，其中有这道题；交卷后再删除",
        "delete_missing": "这条笔记已经不在了（可能被另一个进程删除）",
    },
    "en": {
        "new": "New", "learning": "Learning", "review": "Due", "relearning": "Relearning",
        "ahead": "Ahead",
        "again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy",
        "reveal": "Space/Enter: show answer", "references": "References", "tags": "Tags",
        "practice": "Practice", "answer_here": "Type your answer, Enter to check",
        "proposed": "Proposed rating", "accept": "Enter accepts, or press 1-4",
        "right": "✓ Correct", "wrong": "✗ Wrong", "expected": "Expected",
        "diagnosis": "Diagnosis", "solution": "Worked solution", "score": "score",
        "no_answer": "(this note has no answer yet)", "skill": "skill", "note": "note",
        "undone": "Undone", "nothing_to_undo": "Nothing to undo", "suspended": "Suspended",
        "buried": "Buried until tomorrow", "no_source": "This card has no source file",
        "empty_title": "Nothing is due right now", "next_due": "Next card due",
        "none_scheduled": "No cards are scheduled yet",
        "more_new": "Press n to study {n} more new cards", "no_more_new": "No new cards left",
        "quit_hint": "Press q to quit", "summary_title": "Session summary",
        "cards_done": "Cards done", "right_wrong": "Right / wrong", "time": "Time",
        "due_tomorrow": "Due tomorrow", "due_later_today": "Due later today",
        "continue": "Press c to keep studying, t for statistics, q to quit",
        "answer_format": "Answer format", "practice_hint": "press p for a linked question",
        "leech": "This card lapsed {n} times: marked as a leech and suspended",
        "builtin_answer": "Built-in answer (dlquiz's own bank)",
        "own_text": "Your note", "no_own_text": "(your note has no answer yet: learn the "
        "built-in one)", "fold_more": "… more: press e to unfold",
        "fold_less": "press e to fold", "links_show": "l show links",
        "links_hide": "l hide links",
        "busy_retrying": "Another dlquiz process is writing to the bank; retrying…",
        "busy_gave_up": "The bank stayed busy, so this was not saved; your answer is kept, "
                        "press the key again in a moment",
        "card_changed": "This card was changed elsewhere and has been reloaded",
        "unreachable_kept": "Cannot reach the database server, so this was not saved; your "
                            "answer is kept, press the key again once the server is back",
        "bank_error": "Bank error",
        "question_id": "Question id", "unreadable": "? Unreadable (not counted as wrong)",
        "followup_of": "Follow-up of", "answer_hint": "Press Enter to start answering "
        "(digits are not typed into the box before that)",
        "builtin_copy_title": "This note is built in", "builtin_copy_body":
        "Built-in notes belong to the installed package and cannot be edited there. Copy it "
        "to your notes file\n{path}\n(it becomes your own note, and its study history "
        "goes with it) and edit it? Enter copies, Esc cancels.",
        "reimported": "Imported again: {file}", "copied": "Copied to {file}",
        "fill_title": "This note is not finished", "fill_body":
        "The built-in answer can be written into your notes file {file} (in place of the TODO "
        "line, its references after your list; the file is backed up beside it first)."
        "\n\nf fill from the built-in answer · e open in the editor · Esc cancel",
        "filled": "Built-in answer written into {file} (backup: {backup})",
        "nothing_filled": "Nothing to fill",
        "help_title": "Keys", "quit_hint_ctrl_c": "Press q to end the session (Ctrl+Q quits)",
        "browse_search": "Search questions and answers…", "browse_deck": "Deck",
        "browse_state": "State", "browse_topic": "Topic", "browse_tag": "Tag",
        "browse_title": "Question", "browse_none": "No card matches",
        "browse_keys": "Tab move · ↑↓ choose · Enter study it · s (un)suspend · Esc back · "
                       "? help",
        "undone_card": "Undone: {what} (card {cards})", "undone_what_rate": "rating",
        "undone_what_suspend": "suspend", "undone_what_unsuspend": "unsuspend",
        "undone_what_bury": "bury", "undone_what_unbury": "unbury",
        "undone_what_reschedule": "reschedule", "undone_what_other": "the last action",
        "rated_card": "{rating} → {interval} (the card before)",
        "help_keys": "↑↓ PgUp PgDn scroll · Esc/q close", "summary_scroll": "↑↓ scroll",
        "practice_keys": "Enter check, then Enter: back · Esc back to the note · ↑↓ scroll",
        "delete_title": "Delete this note?",
        "delete_body": "“{title}” goes, with its cards and {reviews} reviews. Enter deletes, "
        "Esc cancels; u in the study view undoes it.",
        "deleted": "Deleted note {note} (u undoes)",
        "delete_skill": "A computational card cannot be deleted; suspend it instead",
        "delete_builtin": "A built-in note cannot be deleted; suspend its card instead",
        "delete_open_exam": "Exam {exam} is still open and asks this question; submit it "
        "first",
        "delete_missing": "This note is gone already (another process deleted it)",
    },
}
RATING_KEYS = RATING_NAMES  # rating value -> label key


def label(lang: str, key: str, **values: object) -> str:
    """The word for `key` in `lang` (English when the language is unknown)."""
    from dlquiz.ui.exam_labels import EXAM_LABELS
    from dlquiz.ui.stats_labels import STATS_LABELS

    table = LABELS.get(lang, LABELS["en"])
    if key in table:
        text = table[key]
    elif key in STATS_LABELS["en"]:
        text = STATS_LABELS.get(lang, STATS_LABELS["en"])[key]
    else:
        text = EXAM_LABELS.get(lang, EXAM_LABELS["en"])[key]
    return text.format(**values) if values else text
