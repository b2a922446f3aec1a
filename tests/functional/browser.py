"""Headless Chromium for the HTML tests: print a page to PDF (and read its text back), and
measure the elements of a page with a probe script added to a copy of it.

Chromium comes from Debian's `chromium` package, which .ci/run installs; without it these
tests are skipped on a developer's machine but fail under CI, so they can never pass
silently where they are meant to run."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-quic"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("needs Debian's chromium (apt-get install chromium fonts-wqy-microhei)")
    return found


def run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)


def print_to_pdf(page: Path, work: Path) -> Path:
    target = work / (page.stem + ".pdf")
    done = run(["--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()],
               work / "profile-pdf")
    assert target.exists() and target.stat().st_size > 0, done.stderr[-2000:]
    return target


def pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


PROBE_NONCE = "dlquiz-test-probe"


def with_probe(source: str, script: str) -> str:
    """The page with `script` run at the end of its body: the page's own policy forbids
    every script, so the copy lets exactly this one through by nonce (styles stay under
    the page's policy, so what the probe measures is what a reader sees)."""
    allowed = source.replace("script-src 'none'", f"script-src 'nonce-{PROBE_NONCE}'", 1)
    return allowed.replace("</body>", f'<script nonce="{PROBE_NONCE}">{script}</script></body>')


def dump_dom(page: Path, work: Path) -> str:
    """The DOM once the page has loaded and its timers have had 3 s of virtual time."""
    done = run(["--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
               work / "profile-dom")
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def element_sizes(page: Path, selector: str, work: Path) -> list[tuple[float, float]]:
    """Width and height of every element matching `selector`, as laid out by Chromium (a
    copy of the page gets a probe script; the page itself has none)."""
    probe = work / (page.stem + "-probe.html")
    script = (f"document.body.setAttribute('data-sizes', JSON.stringify("
              f"Array.from(document.querySelectorAll({json.dumps(selector)})).map(e => "
              f"{{const r = e.getBoundingClientRect(); return [r.width, r.height];}})))")
    probe.write_text(with_probe(page.read_text(encoding="utf-8"), script), encoding="utf-8")
    done = run(["--dump-dom", probe.as_uri()], work / "profile-dom")
    match = re.search(r'data-sizes="([^"]*)"', done.stdout)
    assert match, done.stderr[-2000:]
    sizes = json.loads(match.group(1).replace("&quot;", '"'))
    return [(float(w), float(h)) for w, h in sizes]


def squash(text: str) -> str:
    """Text without whitespace (PDF extraction spaces CJK and Latin runs apart), in NFKC (a
    font may set "ff" as one ligature glyph, which the PDF's text then carries)."""
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


PROBE = """
const doc = document.querySelector('iframe').contentDocument;
const view = doc.defaultView;
const box = e => { const r = e.getBoundingClientRect();
                   return {x: r.left, y: r.top, w: r.width, h: r.height}; };
const shown = e => { const s = view.getComputedStyle(e); const r = e.getBoundingClientRect();
                     return s.visibility !== 'hidden' && s.display !== 'none'
                            && r.width > 0 && r.height > 0; };
const charts = Array.from(doc.querySelectorAll('svg.chart')).map(svg => {
  const outer = box(svg);
  const texts = Array.from(svg.querySelectorAll('text'));
  const outside = texts.filter(t => { const b = box(t);
      return b.x < outer.x - 1 || b.y < outer.y - 1 || b.x + b.w > outer.x + outer.w + 1
             || b.y + b.h > outer.y + outer.h + 1; }).map(t => t.textContent);
  const title = svg.querySelector('.chart-title');
  return {title: title ? title.textContent : null, title_shown: !!title && shown(title),
          legend: Array.from(svg.querySelectorAll('.legend')).filter(shown)
                  .map(t => t.textContent),
          outside: outside, width: outer.w};
});
document.body.setAttribute('data-layout', JSON.stringify({
  charts: charts, scroll_width: doc.documentElement.scrollWidth,
  view_width: view.innerWidth}));
"""


def without_csp(markup: str) -> str:
    """The page less its Content-Security-Policy meta tag, so a probe script can run in a
    copy (the page itself stays as it is, scripts forbidden)."""
    return re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", markup)


def layout(page: Path, work: Path, width: int) -> dict[str, Any]:
    """What a window `width` px wide lays out: each chart's title, visible legend entries,
    texts outside its box and width; the page's scroll width against the window's. The
    page is laid out in a frame of exactly that width (headless Chromium's own window is
    never narrower than 500 px), and measured by a script of the frame's parent once it
    has loaded."""
    probe = framed(page, work, width, without_csp(page.read_text(encoding="utf-8")),
                   f"<script>window.onload = () => {{ {PROBE} }};</script>")
    done = run(["--window-size=1280,1000", "--dump-dom", probe.as_uri()],
               work / f"profile-layout-{width}")
    match = re.search(r'data-layout="([^"]*)"', done.stdout)
    assert match, done.stderr[-2000:]
    found: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return found


def framed(page: Path, work: Path, width: int, markup: str, script: str = "",
           height: int = 900) -> Path:
    """A page holding `markup` in a frame exactly `width` px wide (and `script` after it)."""
    inner = html.escape(markup, quote=True)
    target = work / f"{page.stem}-framed-{width}.html"
    target.write_text(f'<!DOCTYPE html><html><body style="margin:0">'
                      f'<iframe width="{width}" height="{height}" style="border:0" '
                      f'srcdoc="{inner}"></iframe>{script}</body></html>', encoding="utf-8")
    return target


def screenshot(page: Path, work: Path, width: int, height: int = 1600) -> Path:
    """A PNG of the page laid out `width` px wide (in a frame: see `layout`)."""
    target = work / f"{page.stem}-{width}.png"
    shown = framed(page, work, width, page.read_text(encoding="utf-8"), height=height)
    done = run(["--hide-scrollbars", f"--window-size={width},{height}",
                f"--screenshot={target}", shown.as_uri()], work / f"profile-shot-{width}")
    assert target.exists(), done.stderr[-2000:]
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return target
