"""Hostile notes cannot script the HTML pages: a notes file with an XSS payload in every
field (deck, topic, title, answer, key points, formulas, follow-ups, references, tags, the
exam's name) goes through import, exam assembly and both HTML exports, and headless
Chromium opens each page twice: as written (its Content-Security-Policy in force) and with
the policy removed, to show the markup itself is inert. Either way no payload runs and no
element carries an event handler or a non-http(s) link."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dlquiz.exams.export import export_exam
from dlquiz.exams.keypoints import key_points
from dlquiz.exams.service import ExamService
from dlquiz.exams.spec import ExamSpec
from dlquiz.notes.parser import parse_notes
from dlquiz.srs.setup import open_study_bank
from dlquiz.stats.service import StatsService
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.exams import exams as store
from dlquiz.store.exams.material import recall_material
from dlquiz.store.exams.records import NewItem
from dlquiz.ui.stats_html import page as stats_page

from .browser import dump_dom, element_sizes, with_probe
from .exam_support import START, Clock
from .tui_support import ZONE
from .xss_payloads import PAYLOADS, TITLE_MARK, notes_text, write_notes

DECK = PAYLOADS[3]
LINK_ATTRIBUTES = {"href", "xlink:href", "src", "action", "formaction", "data", "poster"}

# Run first in the copy without a policy: alert() and friends leave a mark; after load the
# probe records every event-handler attribute and every link that is not http(s), and
# clicks such links (a javascript: one would run and leave the mark).
PRELUDE = """<script>
const mark = (why) => document.documentElement.setAttribute('data-xss', String(why));
window.alert = window.confirm = window.prompt = mark;
addEventListener('load', () => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${el.localName} ${a.name}`);
      if (/^(href|xlink:href|src|action|formaction|data|poster)$/i.test(a.name)) {
        const url = new URL(a.value, document.baseURI);
        if (!['http:', 'https:'].includes(url.protocol)) {
          bad.push(`${el.localName} ${a.name}=${a.value}`);
          if (el.click) el.click();
        }
      }
    }
  }
  document.documentElement.setAttribute('data-bad', JSON.stringify(bad));
});
</script>"""


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def dangerous(dom: str) -> list[str]:
    """Event handlers and non-http(s) links in a dumped DOM, read without a browser."""
    parser = _Attributes()
    parser.feed(dom)
    bad = []
    for tag, name, value in parser.found:
        squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
        if name.startswith("on") or (name in LINK_ATTRIBUTES
                                     and not squeezed.startswith(("http://", "https://"))):
            bad.append(f"{tag} {name}={value}")
    return bad


def title_of(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert match, dom[:500]
    return match.group(1)


def problems_as_written(source: str, name: str, work: Path) -> list[str]:
    """What went wrong with the page opened as written (its policy in force)."""
    shipped = work / f"{name}.html"
    shipped.write_text(source, encoding="utf-8")
    dom = dump_dom(shipped, work)
    ran = [f"title {title_of(dom)}"] if TITLE_MARK in title_of(dom) else []
    return ran + dangerous(dom)


def problems_without_policy(source: str, name: str, work: Path) -> list[str]:
    """What went wrong with the policy removed and the probe run first."""
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    unguarded = work / f"{name}-no-policy.html"
    unguarded.write_text(bare.replace("<head>", "<head>" + PRELUDE, 1), encoding="utf-8")
    dom = dump_dom(unguarded, work)
    found = re.search(r'data-bad="([^"]*)"', dom)
    assert found, "the probe did not run"
    ran = [f"title {title_of(dom)}"] if TITLE_MARK in title_of(dom) else []
    ran += [f"ran {m}" for m in re.findall(r'data-xss="([^"]*)"', dom)]
    return ran + list(json.loads(html.unescape(found.group(1))))


def check_page(source: str, name: str, work: Path) -> None:
    assert 'http-equiv="Content-Security-Policy"' in source
    assert "<script" not in source.lower()
    assert problems_as_written(source, name, work) == []
    assert problems_without_policy(source, name, work) == []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExamService, Path]:
    work = tmp_path_factory.mktemp("xss")
    bank = open_study_bank(f"sqlite:///{work / 'bank.db'}", now=START)
    import_paths(bank, [write_notes(work)], deck=DECK, now=START)
    return ExamService(bank, lang="zh", clock=Clock(), seeds=lambda: 1, zone=ZONE), work


def test_exam_page_runs_no_payload(hostile: tuple[ExamService, Path]) -> None:
    service, work = hostile
    ours = {n.note_id for n in recall_material(service.bank) if n.deck == DECK}
    assert len(ours) == len(PAYLOADS)
    # every note once (the follow-up lines are part of each answer, so in the key)
    every_note = service.build(ExamSpec(name=PAYLOADS[0], items=len(PAYLOADS),
                                        computational=0, followups=False, seed=3),
                               only=(set(), ours))
    source = export_exam(every_note, "html", answers=True)
    check_page(source, "exam", work)
    assert source.count("<math") >= 3 * len(PAYLOADS)
    assert "<mtext>&lt;script&gt;document.title=" in source  # \text{<script>} as typed
    # the page's own stylesheet still applies under its policy: the writing boxes keep
    # their 9em height (0 without the CSS)
    sizes = element_sizes(work / "exam.html", ".writing", work)
    assert sizes and all(height > 50 for _, height in sizes), sizes


def test_followup_items_run_no_payload(hostile: tuple[ExamService, Path]) -> None:
    """Follow-up items as the exam service makes them (NewItem with parent_n), from the
    follow-ups the notes parser read; assembly does not offer them from the bank yet."""
    service, work = hostile
    items: list[NewItem] = []
    for note in parse_notes(notes_text()).notes:
        for followup in note.followups:
            n = len(items) + 1
            items += [NewItem(n=n, type="recall", topic=note.tags[0], prompt=note.title,
                              reference=note.answer, key_points=key_points(note.answer)),
                      NewItem(n=n + 1, type="recall", topic=PAYLOADS[6], prompt=followup.question,
                              parent_n=n, reference=followup.answer,
                              key_points=key_points(followup.answer))]
    assert len(items) == 2 * len(PAYLOADS)
    exam = store.create_exam(service.bank, name=PAYLOADS[7], spec={}, seed=1, version="test",
                             lang="en", feedback="deferred", minutes=10, started_at=START,
                             deadline=START, parent_id=None, items=items)
    check_page(export_exam(exam, "html", answers=True), "followups", work)


def test_stats_page_runs_no_payload(hostile: tuple[ExamService, Path]) -> None:
    service, work = hostile
    from dlquiz.srs.service import StudyService

    study = StudyService(service.bank, clock=lambda: START, zone=ZONE)
    for _ in range(len(PAYLOADS)):  # rated, the hostile topics are listed with their numbers
        item = study.next_item()
        if item is None or item.note is None:
            break
        study.rate(item.card.card_id, 3)
    report = StatsService(service.bank, clock=lambda: START, zone=ZONE).report("1m")
    source = stats_page(report, "zh")
    assert html.escape(PAYLOADS[1], quote=False) in source  # the hostile topic is listed
    check_page(source, "stats", work)
    sizes = element_sizes(work / "stats.html", "svg.chart", work)
    assert sizes and all(width > 0 and height > 0 for width, height in sizes), sizes


def test_the_checks_catch_a_live_payload(tmp_path: Path) -> None:
    """The checks above can fail: a page carrying live payloads is caught both ways."""
    live = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>'
            f"<body><p>{PAYLOADS[0]}</p><p>{PAYLOADS[10]}</p></body></html>")
    written = problems_as_written(live, "live", tmp_path)  # (alert() would block headless)
    assert written == [f"title {TITLE_MARK}", "a href=javascript:alert(1)"]
    bare = problems_without_policy(live.replace(PAYLOADS[0], PAYLOADS[3]), "bare", tmp_path)
    assert "ran 1" in bare  # alert(1) from onerror, or from the clicked javascript: link
    assert "img onerror" in bare and "a href=javascript:alert(1)" in bare


def test_the_policy_keeps_the_pages_own_styles(tmp_path: Path) -> None:
    """The stylesheet and markdown-it's column alignment apply under the policy; a style
    the page did not ship (as an injected attribute would be) does not."""
    from dlquiz.exams.export_html import CSS, markdown_html
    from dlquiz.notes.html_safety import csp_meta

    table = markdown_html("| a | b |\n|:-:|--:|\n| 1 | 2 |")
    page = tmp_path / "styles.html"
    page.write_text(with_probe(
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{csp_meta(CSS)}<title>t</title>'
        f'<style>{CSS}</style></head><body>{table}<p id="x" style="color:red">x</p>'
        "</body></html>",
        "const s = (q) => getComputedStyle(document.querySelector(q));"
        "document.body.setAttribute('data-seen', [s('td').textAlign,"
        " s('td:last-child').textAlign, s('table').borderCollapse, s('#x').color].join('|'));"),
        encoding="utf-8")
    seen = re.search(r'data-seen="([^"]*)"', dump_dom(page, tmp_path))
    assert seen and seen.group(1) == "center|right|collapse|rgb(17, 17, 17)"
