"""Words of the served page (`dlquiz serve`) in both languages: the navigation, the
refusal when the access token is missing, what the page says when a session ends, and why
`o` (edit the note) does nothing in a browser."""

from __future__ import annotations

SERVE_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "nav_study": "复习", "nav_exam": "模拟面试", "nav_stats": "统计",
        "forbidden_title": "需要访问令牌",
        "forbidden_body": "这个 dlquiz 服务需要访问令牌。请打开 `dlquiz serve` 打印的完整地址"
                          "（以 `?token=…` 结尾）；令牌不对或已过期时，重新复制那一行。",
        "host_title": "地址不被接受",
        "host_body": "这个 dlquiz 服务只接受本机地址（`127.0.0.1` 或 `localhost`）的访问；"
                     "请用 `dlquiz serve` 打印的地址打开。",
        "ended": "会话已结束（按了 q，或服务已停止）。",
        "restart": "重新开始",
        "loading": "正在启动 dlquiz…",
        "bank_error_hint": "修正后刷新页面即可重试；按 q 关闭这个会话。",
        "no_editor_in_browser": "浏览器里不能打开编辑器：请在运行 `dlquiz serve` 的电脑上用 "
                                "`dlquiz study` 按 o 编辑",
    },
    "en": {
        "nav_study": "Study", "nav_exam": "Exam", "nav_stats": "Statistics",
        "forbidden_title": "Access token needed",
        "forbidden_body": "This dlquiz server needs its access token: open the whole address "
                          "`dlquiz serve` printed (it ends in `?token=…`); if the token was "
                          "wrong or the server restarted, copy that line again.",
        "host_title": "Address not accepted",
        "host_body": "This dlquiz server only answers on this machine's own address "
                     "(127.0.0.1 or localhost); open the address `dlquiz serve` printed.",
        "ended": "The session has ended (q was pressed, or the server stopped).",
        "restart": "Start again",
        "loading": "Starting dlquiz…",
        "bank_error_hint": "Fix it, then reload the page to try again; q closes this session.",
        "no_editor_in_browser": "No editor in the browser: edit with o in dlquiz study on "
                                "the computer running dlquiz serve",
    },
}


def serve_label(lang: str, key: str) -> str:
    """The word for `key` in `lang` (English when the language is unknown)."""
    return SERVE_LABELS.get(lang, SERVE_LABELS["en"])[key]
