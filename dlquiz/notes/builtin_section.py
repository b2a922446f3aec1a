"""The built-in answer a draft is studied with, carried on the user's own note when it leaves
dlquiz (Anki, CSV, Markdown exports): a labelled section at the end of the answer, between
two markers, so that reading the export back drops it again and the note stays the user's
draft instead of becoming an answered copy of the built-in note."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlquiz.notes.model import Reference

LABEL = "内置答案 / Built-in answer"
REFERENCES_LABEL = "内置参考资料 / Built-in references"
START = "<!-- dlquiz:builtin -->"
END = "<!-- /dlquiz:builtin -->"
_START_ANY = re.compile(r"<!--\s*dlquiz:builtin\s*-->")
_END_ANY = re.compile(r"<!--\s*/dlquiz:builtin\s*-->")
_HTML_START = re.compile(r"<!--\s*dlquiz:builtin\s*-->|<div class=\"dlquiz-builtin\">")


@dataclass(frozen=True)
class BuiltinAnswer:
    """The built-in note's answer (markdown) and references."""

    answer: str
    references: tuple[Reference, ...]


def is_start(text: str) -> bool:
    return bool(_START_ANY.fullmatch(text.strip()))


def is_end(text: str) -> bool:
    return bool(_END_ANY.fullmatch(text.strip()))


def _reference_line(ref: Reference) -> str:
    if not ref.url:
        return f"- {ref.title}"
    title = ref.title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"- [{title}]({ref.url})" if ref.title != ref.url else f"- <{ref.url}>"


def section_markdown(builtin: BuiltinAnswer) -> str:
    """The labelled section, markers included (for notes files and CSV cells)."""
    parts = [START, f"#### {LABEL}", builtin.answer.strip()]
    if builtin.references:
        parts.append(f"**{REFERENCES_LABEL}**\n\n"
                     + "\n".join(_reference_line(r) for r in builtin.references))
    parts.append(END)
    return "\n\n".join(parts)


def with_section(answer: str, builtin: BuiltinAnswer | None) -> str:
    """The user's answer (if any) followed by the built-in section."""
    if builtin is None:
        return answer
    return "\n\n".join(part for part in (answer.strip(), section_markdown(builtin)) if part)


def without_section(text: str) -> str:
    """Markdown with the built-in section taken out (a start marker without its end marker
    takes the rest: the section is always last)."""
    start = _START_ANY.search(text)
    if start is None:
        return text
    end = _END_ANY.search(text, start.end())
    rest = text[end.end():] if end is not None else ""
    return (text[: start.start()].rstrip() + ("\n\n" + rest.strip() if rest.strip() else "")
            ).strip()


def section_html(answer_html: str, references_html: str) -> str:
    """The section as the end of an Anki field: a marked, classed block."""
    refs = (f"<p><b>{REFERENCES_LABEL}</b></p>{references_html}" if references_html else "")
    return (f'<!--dlquiz:builtin--><div class="dlquiz-builtin"><h4>{LABEL}</h4>'
            f"{answer_html}{refs}</div><!--/dlquiz:builtin-->")


def without_section_html(field: str) -> str:
    """An Anki field without the section dlquiz added (everything from its marker on)."""
    found = _HTML_START.search(field)
    return field if found is None else field[: found.start()].rstrip()
