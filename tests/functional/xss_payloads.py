"""Hostile bank text in the spirit of the OWASP XSS filter-evasion cheat sheet (our own
list): each payload either calls alert() or sets document.title to TITLE_MARK when it runs.
A notes file built from them puts one in every field an HTML page can show."""

from __future__ import annotations

from pathlib import Path

TITLE_MARK = "XSSRAN"

PAYLOADS = (
    f"<script>document.title='{TITLE_MARK}'</script>",
    "<SCRIPT SRC=data:text/javascript,alert(1)></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=# onmouseover=\"alert(1)\">",
    "<img src=x onerror=\"&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">ent</a>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<img \"\"\"><SCRIPT>alert(1)</SCRIPT>\">",
    "<IMG SRC=\"jav\tascript:alert(1);\">",
    "\"><script>alert(1)</script>",
    "'';!--\"<XSS>=&{()}",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mtext></math>",
    "<style>@import 'javascript:alert(1)';</style>",
    f"<object data=\"data:text/html,<script>parent.document.title='{TITLE_MARK}'</script>\">",
    "<input autofocus onfocus=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
)

# Formula commands that latex2mathml turns into markup of its own.
FORMULAS = (
    "\\text{{{p}}}",
    "\\mbox{{{p}}}",
    "\\href{{javascript:alert(1)}}{{x}}",
    "\\href{{JaVaScRiPt:alert(1)}}{{\\text{{{p}}}}}",
    "\\href{{https://example.org/\" onclick=\"alert(1)}}{{y}}",
    "\\style{{background:url(javascript:alert(1))}}{{z}}",
    "\\class{{key}}{{\\text{{{p}}}}}",
    "\\html{{{p}}}",
    "\\operatorname{{{p}}}",
    "\\mathrm{{{p}}}",
)


def _line(p: str, i: int) -> str:
    return " ".join(f"${f.format(p=p)}$" for f in FORMULAS[i % 3::3])


def notes_text() -> str:
    """One note per payload: the payload in the topic heading, the title, the answer's key
    points, a display formula, a reference, a tag and a follow-up."""
    parts = [f"# {PAYLOADS[1]}\n"]
    for i, p in enumerate(PAYLOADS):
        parts.append(
            f"## {i + 1:03d} {p} {_line(p, i)}\n\n"
            f"- {p}\n- [link](javascript:alert({i})) {_line(p, i + 1)}\n- plain {p} end\n\n"
            f"$$\n{FORMULAS[i % len(FORMULAS)].format(p=p)}\n$$\n\n"
            f"**追问**\n- 问：{p} {_line(p, i + 2)}？ 答：{p} $\\text{{{p}}}$\n\n"
            f"**参考资料**\n- [{p}](javascript:alert({i}))\n- <javascript:alert(1)>\n\n"
            f"**标签**: {p.replace(',', ' ')}\n")
    return "\n".join(parts)


def write_notes(folder: Path) -> Path:
    path = folder / "hostile.md"
    path.write_text(notes_text(), encoding="utf-8")
    return path
