"""Interface words of the exam screens, in both languages (kept apart from the study
screen's table only to keep each file small; `label` looks in both)."""

from __future__ import annotations

EXAM_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "exam_title": "模拟面试", "start_title": "开始一场模拟面试",
        "wall_clock": "计时按真实时间：离开后时钟不停，`dlquiz exam resume` 可继续作答。",
        "preset_mock": "mock · 45 分钟 · 约 10 题，计算题与问答题各半，问答题先出自你的笔记",
        "preset_quick": "quick · 10 分钟 · 5 道计算题",
        "preset_missed": "missed · 30 分钟 · 最近做错的题型与笔记，你的笔记优先",
        "preset_interview": "interview · 45 分钟 · 约 10 题，偏重面试计划里最弱的主题",
        "resume": "继续进行中的考试 #{id}（剩 {left}）", "again_spec": "再来一场：{name}（新种子）",
        "view_exam": "查看 #{id} {name} 的复盘（未自评的题先自评）",
        "history": "历史", "no_history": "还没有考过试",
        "remaining": "剩余", "item": "第 {n}/{total} 题", "computational": "计算题",
        "recall": "问答题", "followup": "追问", "flagged": "已标记",
        "type_answer": "输入答案（回车保存并下一题）",
        "type_recall": "写下要点，或留空口头作答（Ctrl+D 完成此题）",
        "oral_computational": "计算题要写出答案；只有问答题可以口头作答",
        "five_minutes": "还剩 5 分钟", "one_minute": "还剩 1 分钟",
        "time_up": "时间到，已自动交卷", "saved": "已保存",
        "confirm_title": "确认交卷？", "unanswered": "未作答", "none": "无",
        "confirm_keys": "回车/y 交卷，Esc/n 返回", "jump_prompt": "跳到第几题？",
        "self_grade_title": "自评：勾选你答到的要点", "your_answer": "你的回答",
        "empty_answer": "（未作答）", "reference": "参考答案", "self_grade_keys":
        "空格勾选，回车下一题，PgUp/PgDn 滚动，? 帮助", "debrief_title": "复盘", "score": "得分",
        "by_topic": "分主题",
        "time_per_item": "每题用时", "expected": "正确答案", "diagnosis": "诊断",
        "solution": "解答", "key_points": "要点", "timed_out": "超时自动交卷",
        "debrief_keys": "r 重做错题 · v 新版本 · b 把错题加入今天的复习 · ? 帮助 · q 退出",
        "start_keys": "↑↓ 选择 · 回车 开始 · ? 帮助 · q 退出",
        "brought": "{n} 张卡片已设为今天到期（dlquiz undo 可撤销）",
        "brought_new": "{n} 张错题卡片还没学过，仍在新卡队列里",
        "brought_due": "{n} 张今天本来就到期",
        "nothing_missed": "这场考试没有错题", "leave_title": "离开考试？",
        "leave_body": "时钟不会停；用 `dlquiz exam resume` 继续。回车离开，Esc 返回。",
        "help_title": "按键", "correct": "✓ 正确", "wrong": "✗ 错误",
        "unreadable": "? 无法读懂，请按作答格式重写",
        "exam_keys": "^N 下一题 ^P 上一题 ^G 跳题 ^F 标记 ^D 完成 ^S 交卷 Esc 离开答题框 F1 帮助",
    },
    "en": {
        "exam_title": "Practice exam", "start_title": "Start a practice exam",
        "wall_clock": "The clock is wall time: it keeps running if you leave; "
                      "`dlquiz exam resume` continues the exam.",
        "preset_mock": "mock · 45 min · about 10 items, half computational, recall from "
                       "your notes first",
        "preset_quick": "quick · 10 min · 5 computational items",
        "preset_missed": "missed · 30 min · what you got wrong recently, your notes first",
        "preset_interview": "interview · 45 min · about 10 items, leaning on the interview "
                            "plan's weakest topics",
        "resume": "Resume exam #{id} ({left} left)", "again_spec": "Again: {name} (new seed)",
        "view_exam": "Debrief of #{id} {name} (self-grade what is left first)",
        "history": "History", "no_history": "No exams taken yet",
        "remaining": "Left", "item": "Item {n}/{total}", "computational": "computational",
        "recall": "recall", "followup": "follow-up", "flagged": "flagged",
        "type_answer": "Type your answer (Enter saves and moves on)",
        "type_recall": "Write the key points, or leave it empty and answer aloud "
                       "(Ctrl+D: done)",
        "oral_computational": "A computational item needs a written answer; only recall "
                              "items can be answered aloud",
        "five_minutes": "5 minutes left", "one_minute": "1 minute left",
        "time_up": "Time is up: the exam was submitted", "saved": "Saved",
        "confirm_title": "Submit the exam?", "unanswered": "Unanswered", "none": "none",
        "confirm_keys": "Enter/y submits, Esc/n goes back", "jump_prompt": "Go to item:",
        "self_grade_title": "Self-grade: tick the key points you covered",
        "your_answer": "Your answer", "empty_answer": "(no answer)",
        "reference": "Reference answer", "self_grade_keys":
        "Space ticks, Enter: next item, PgUp/PgDn scroll, ? help",
        "debrief_title": "Debrief", "score": "Score", "by_topic": "By topic",
        "time_per_item": "Time per item", "expected": "Expected", "diagnosis": "Mistake",
        "solution": "Worked solution", "key_points": "Key points",
        "timed_out": "timed out, submitted automatically",
        "debrief_keys": "r retry missed · v new version · b missed into study · "
                        "? help · q quit",
        "start_keys": "↑↓ choose · Enter start · ? help · q quit",
        "brought": "{n} card(s) are due now (dlquiz undo reverts)",
        "brought_new": "{n} missed card(s) were never studied and stay with the new cards",
        "brought_due": "{n} were due today anyway",
        "nothing_missed": "Nothing was missed in this exam", "leave_title": "Leave the exam?",
        "leave_body": "The clock keeps running; `dlquiz exam resume` continues. Enter "
                      "leaves, Esc goes back.",
        "help_title": "Keys", "correct": "✓ Correct", "wrong": "✗ Wrong",
        "unreadable": "? Unreadable: rewrite it in the answer format",
        "exam_keys": "^N next ^P prev ^G go to ^F flag ^D done ^S submit Esc leave box F1 help",
    },
}
