"""The keys of every screen with what they do, in both languages: what `?` shows (and what
the README lists). One table per screen, in the order a person meets them."""

from __future__ import annotations

KEYS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "study": {
        "zh": [("空格 / 回车", "显示答案；答案显示后空格 = 良好（设置 space_rates_good）"),
               ("1 2 3 4", "重来 / 困难 / 良好 / 简单（按钮上写着各自给出的间隔）"),
               ("回车 / a", "计算题：开始作答；提交后回车接受建议评分"),
               ("Esc", "离开答题框"), ("u / Ctrl+Z", "撤销上一步（评分、暂停、搁置…）"),
               ("s", "暂停这张卡片"), ("b", "搁置到明天"),
               ("o", "在编辑器里打开这条笔记，保存后自动重新导入（草稿还可以用内置答案填写）"),
               ("p", "答案显示后：做一道这条笔记链接的计算题"),
               ("l", "答案显示后：显示 / 隐藏参考资料的链接（平时只列标题）"),
               ("e", "答案显示后：展开 / 收起你自己的笔记（内置答案之上只显示前几行）"),
               ("n", "今天的卡片学完后：再学 10 张新卡片"),
               ("B / /", "浏览与搜索所有卡片"), ("t", "学习统计"),
               ("q", "结束本次学习，看小结"),
               ("?", "本帮助")],
        "en": [("Space / Enter", "show the answer; on a shown answer Space = Good (setting "
                "space_rates_good)"),
               ("1 2 3 4", "Again / Hard / Good / Easy (each shows the interval it gives)"),
               ("Enter / a", "skill card: start answering; after checking, Enter accepts the "
                "proposed rating"),
               ("Esc", "leave the answer box"),
               ("u / Ctrl+Z", "undo the last action (rating, suspend, bury…)"),
               ("s", "suspend this card"), ("b", "bury it until tomorrow"),
               ("o", "open the note in your editor; it is imported again when you save "
                      "(a draft can be filled from the built-in answer)"),
               ("p", "on a shown answer: practise a question kind the note links to"),
               ("l", "on a shown answer: show / hide the references' links (titles "
                "otherwise)"),
               ("e", "on a shown answer: unfold / fold your own text (above the built-in "
                "answer only its first lines show)"),
               ("n", "when today's cards are done: 10 more new cards"),
               ("B / /", "browse and search all cards"), ("t", "statistics"),
               ("q", "end the session and see the summary"), ("?", "this help")],
    },
    "browse": {
        "zh": [("输入", "按标题和答案搜索"), ("Tab", "在搜索框、筛选与列表间切换"),
               ("↑ ↓", "选择卡片（右侧是卡片信息）"), ("s", "暂停 / 取消暂停"),
               ("回车", "在学习界面打开这张卡片"), ("Esc", "回到学习"), ("?", "本帮助")],
        "en": [("typing", "search titles and answers"),
               ("Tab", "move between the search box, the filters and the list"),
               ("↑ ↓", "choose a card (its information is on the right)"),
               ("s", "suspend / unsuspend"), ("Enter", "open the card in the study view"),
               ("Esc", "back to studying"), ("?", "this help")],
    },
    "exam": {
        "zh": [("输入", "直接在答题框里作答；回车保存（计算题回车后进入下一题）"),
               ("Ctrl+N / PgDn", "下一题"), ("Ctrl+P / PgUp", "上一题"),
               ("Ctrl+G", "跳到第几题"),
               ("Ctrl+F", "标记 / 取消标记此题（左栏 ⚑；✎ 已答，· 未答）"),
               ("Ctrl+D", "问答题答完（即时反馈时显示要点并自评）"),
               ("Ctrl+S", "交卷（先列出未答和已标记的题）"),
               ("Esc", "离开答题框；之后 n p g f s 与数字键直接可用"),
               ("a / 回车", "回到答题框"), ("?", "本帮助"), ("q", "离开考试（时钟不停）")],
        "en": [("typing", "answer in the box; Enter saves (and moves on, for "
                "computational items)"),
               ("Ctrl+N / PgDn", "next item"), ("Ctrl+P / PgUp", "previous item"),
               ("Ctrl+G", "go to an item"),
               ("Ctrl+F", "flag / unflag this item (⚑ in the list; ✎ answered, · not yet)"),
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


# the few keys the line at the bottom of the study screen offers in each phase
_KEY_WORDS = {
    "zh": {"show": "空格 显示答案", "undo": "u 撤销", "suspend": "s 暂停", "bury": "b 搁置",
           "edit": "o 编辑", "copy": "o 复制到我的笔记", "browse": "B 浏览", "end": "q 结束",
           "help": "? 帮助", "rate": "1 重来 2 困难 3 良好 4 简单", "space_good": "空格 良好",
           "answer": "回车 作答", "check": "回车 检查答案", "leave": "Esc 离开答题框",
           "undo_z": "Ctrl+Z 撤销", "accept": "回车 接受建议", "change": "1-4 改选",
           "more": "n 再学新卡", "practice": "p 练习", "links": "l 链接", "fold": "e 展开",
           "refold": "e 收起"},
    "en": {"show": "Space show", "undo": "u undo", "suspend": "s suspend", "bury": "b bury",
           "edit": "o edit", "copy": "o copy to my notes", "browse": "B browse",
           "end": "q end", "help": "? help", "rate": "1 Again 2 Hard 3 Good 4 Easy",
           "space_good": "Space Good", "answer": "Enter answer", "check": "Enter check",
           "leave": "Esc leave the box", "undo_z": "Ctrl+Z undo", "accept": "Enter accept",
           "change": "1-4 change", "more": "n more new", "practice": "p practise",
           "links": "l links", "fold": "e unfold", "refold": "e fold"},
}
_PHASE_KEYS = {
    "front": ("show", "undo", "suspend", "bury", "edit", "browse", "end", "help"),
    "front_builtin": ("show", "undo", "suspend", "bury", "copy", "end", "help"),
    # on a shown answer the rating bar above lists 1-4 with their intervals
    "back": ("space_good", "undo", "suspend", "bury", "edit", "browse", "end", "help"),
    "back_practice": ("space_good", "practice", "undo", "suspend", "bury", "edit", "help"),
    "skill-ready": ("answer", "undo", "suspend", "bury", "browse", "end", "help"),
    "skill-input": ("check", "leave", "undo_z"),
    "skill-verdict": ("accept", "change", "undo", "suspend", "bury", "help"),
    "empty": ("more", "undo", "browse", "end", "help"),
}


# what a line too long for the terminal gives up first (`?` still lists every key)
_DROPPED_FIRST = ("browse", "end", "bury", "suspend", "edit", "undo")
LINE_WIDTH = 78  # an 80-column terminal, less the line's padding


def study_line(lang: str, phase: str, extra: tuple[str, ...] = ()) -> str:
    """The keys that do something in this phase of the study screen, in `lang`; `extra`
    keys (what the card in front offers: links, fold) come after the first, and the line
    drops the less urgent keys until it fits LINE_WIDTH cells."""
    from rich.cells import cell_len  # deferred: rich is only needed once a screen is drawn

    words = _KEY_WORDS.get(lang, _KEY_WORDS["en"])
    keys = list(_PHASE_KEYS.get(phase, ()))
    keys[1:1] = [key for key in extra if key not in keys]
    for dropped in _DROPPED_FIRST:
        if cell_len(" · ".join(words[key] for key in keys)) <= LINE_WIDTH:
            break
        if dropped in keys and dropped not in extra:
            keys.remove(dropped)
    return " · ".join(words[key] for key in keys)
