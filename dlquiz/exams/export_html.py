"""The exam as one self-contained HTML page: formulas as MathML (browsers render it
natively; no script, no network), images replaced by their description, print CSS with a
page break between items. Bank text stays text (see dlquiz.notes.html_safety)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from dlquiz.exams.export_parts import (
    LABELS,
    item_kind,
    key_entry,
    reference_beyond_points,
    verdict,
)
from dlquiz.notes.html_safety import clean_mathml, csp_meta, safe_url
from dlquiz.store.exams import ExamRecord

CSS = """
body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 46em;
       margin: 2em auto; line-height: 1.55; color: #111; }
header { border-bottom: 2px solid #333; margin-bottom: 1.5em; }
.meta { color: #444; font-size: 0.92em; }
.item { margin: 1.5em 0; }
.item h2 { font-size: 1.1em; }
.kind { color: #555; font-weight: normal; font-size: 0.9em; }
.writing { border: 1px solid #999; height: 9em; margin-top: 0.8em; }
.format { color: #555; font-style: italic; }
.given { border-left: 3px solid #999; margin: 0.3em 0; padding-left: 0.6em;
         white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: 2px 6px; }
pre { background: #f4f4f4; padding: 0.5em; white-space: pre-wrap; }
math[display="block"] { display: block; margin: 0.6em 0; }
.key { page-break-before: always; break-before: page; }
@media print {
  body { margin: 0; max-width: none; }
  .item { page-break-after: always; break-after: page; }
  .item:last-of-type { page-break-after: auto; break-after: auto; }
  .key .entry { page-break-inside: avoid; break-inside: avoid; }
}
"""


def _math(latex: str, options: dict[str, Any]) -> str:
    import latex2mathml.converter  # deferred: only HTML export needs it

    display = "block" if options.get("display_mode") else "inline"
    try:
        return clean_mathml(str(latex2mathml.converter.convert(latex, display=display)))
    except Exception:  # broken LaTeX in a note: show the source rather than fail the page
        return f"<code>{html.escape(latex)}</code>"


def _image(tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    """No fetching from the network: an image becomes its description and address."""
    token = tokens[idx]
    alt = "".join(child.content for child in token.children or [])
    src = str(token.attrs.get("src", ""))
    return f"<span class=\"image\">[{html.escape(alt or 'image')}: {html.escape(src)}]</span>"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True,
           renderer=_math)
    md.add_render_rule("image", _image)
    # markdown-it already refuses javascript:; this keeps http(s) links only
    md.validateLink = safe_url  # type: ignore[method-assign]
    return md


def markdown_html(text: str) -> str:
    return str(_parser().render(text))


def render_html(exam: ExamRecord, lang: str, *, answers: bool) -> str:
    words = LABELS[lang]
    esc = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             csp_meta(CSS),
             f"<title>{esc(words['title'])} #{exam.id}</title><style>{CSS}</style></head>",
             "<body><header>",
             f"<h1>{esc(words['title'])} #{exam.id} · {esc(exam.name or 'custom')}</h1>",
             f"<p class=\"meta\">{esc(words['seed'])}: {exam.seed} · {esc(words['limit'])}: "
             f"{exam.minutes} {esc(words['minutes'])} · {esc(words['items'])}: "
             f"{len(exam.items)}</p>",
             f"<p>{esc(words['name'])}: ________________ &nbsp; {esc(words['date'])}: "
             "__________</p></header><main>"]
    for item in exam.items:
        entry = key_entry(item, lang)
        parts.append(f"<section class=\"item\" id=\"item-{item.n}\"><h2>{item.n}. "
                     f"<span class=\"kind\">[{esc(item_kind(item, lang))} · "
                     f"{esc(item.topic)}]</span></h2>{markdown_html(item.prompt)}")
        if entry.answer_format:
            parts.append(f"<p class=\"format\">{esc(words['format'])}: "
                         f"{esc(entry.answer_format)}</p>")
        parts.append("<div class=\"writing\"></div></section>")
    if answers:
        parts.append(f"<section class=\"key\"><h1>{esc(words['key'])}</h1>")
        parts += [_key_html(exam, item.n, lang) for item in exam.items]
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _key_html(exam: ExamRecord, n: int, lang: str) -> str:
    words = LABELS[lang]
    esc = html.escape
    item = exam.item(n)
    entry = key_entry(item, lang)
    given = esc(item.answer or "") if item.answered else esc(words["empty"])
    out = [f"<div class=\"entry\"><h2>{n}. {esc(item_kind(item, lang))}</h2>",
           f"<p><b>{esc(words['answer'])}</b>:</p><blockquote class=\"given\">{given}"
           "</blockquote>",
           f"<p class=\"verdict\"><b>{esc(verdict(item, lang, exam.submitted))}</b></p>"]
    if item.type == "computational":
        if item.diagnosis:
            out.append(f"<p><b>{esc(words['mistake'])}</b>: {esc(item.diagnosis)}</p>")
        out.append(f"<p><b>{esc(words['expected'])}</b>: <code>{esc(entry.expected or '')}"
                   "</code></p>")
        if entry.solution:
            out.append(f"<p><b>{esc(words['solution'])}</b></p>{markdown_html(entry.solution)}")
        if entry.mistakes:
            out.append(f"<p><b>{esc(words['watch'])}</b></p><ul>")
            out += [f"<li>{markdown_html(name).strip()} ({esc(words['gives'])} "
                    f"<code>{esc(wrong)}</code>)</li>" for name, wrong in entry.mistakes]
            out.append("</ul>")
    else:
        ticked = set(item.points or ())
        if item.key_points:
            out.append(f"<p><b>{esc(words['points'])}</b></p><ol class=\"points\">")
            for i, point in enumerate(item.key_points, start=1):
                mark = ("☑ " if i in ticked else "☐ ") if item.points is not None else ""
                out.append(f"<li>{mark}{_inline_html(point)}</li>")
            out.append("</ol>")
        rest = reference_beyond_points(item, lang)
        if rest:
            title = words["rest"] if item.key_points else words["reference"]
            out.append(f"<p><b>{esc(title)}</b></p>{markdown_html(rest)}")
    out.append("</div>")
    return "\n".join(out)


def _inline_html(text: str) -> str:
    """One paragraph's markdown without its <p> wrapper (it sits inside a list item)."""
    rendered = markdown_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        return rendered[3:-4]
    return rendered
