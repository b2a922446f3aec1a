"""Headless Chromium for the HTML tests: print a page to PDF (and read its text back), and
measure the elements of a page with a probe script added to a copy of it.

Chromium comes from Debian's `chromium` package, which .ci/run installs; without it these
tests are skipped on a developer's machine but fail under CI, so they can never pass
silently where they are meant to run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

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
    """Text without whitespace (PDF extraction spaces CJK and Latin runs apart)."""
    return re.sub(r"\s+", "", text)
