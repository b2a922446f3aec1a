"""The statistics page in a real browser: headless Chromium lays out every SVG chart with
a non-zero size, the page has no script and loads nothing from elsewhere, and its text
(printed to PDF) carries the section titles and the hand-made history's numbers; at 1280
and at 390 px (a phone) every chart's title and the reviews' legend are visible, no text
leaves its chart's box and the page never scrolls sideways (screenshots taken)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dlquiz.stats.service import StatsService
from dlquiz.ui.labels import label
from dlquiz.ui.palette import KIND_COLOURS
from dlquiz.ui.stats_html import page

from ..unit.stats.history import NEW_YORK, NOW, build
from ..unit.stats.studied import NOW as STUDIED_NOW
from ..unit.stats.studied import studied_bank
from .browser import element_sizes, layout, pdf_text, print_to_pdf, screenshot, squash


def test_every_chart_has_a_size_and_the_page_stands_alone(tmp_path: Path) -> None:
    bank, _ = build(tmp_path)
    report = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK).report("1m")
    target = tmp_path / "stats.html"
    target.write_text(page(report, "zh"), encoding="utf-8")
    source = target.read_text(encoding="utf-8")
    assert "<script" not in source.lower()
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", source)
    sizes = element_sizes(target, "svg.chart", tmp_path)
    assert len(sizes) >= 10  # forecast, calendar, 3 per-day charts, counts, 4 histograms, hours
    assert all(width > 0 and height > 0 for width, height in sizes), sizes
    text = squash(pdf_text(print_to_pdf(target, tmp_path)))
    for title in ("未来到期", "日历", "真实保持率", "卡片数量", "FSRS校准"):
        assert title in text
    assert squash("当前连续 4 天，最长 4 天") in text
    assert "78%(7/9)" in text  # all-time true retention, derived in test_history_numbers


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_read_on_a_laptop_and_a_phone(tmp_path: Path, lang: str) -> None:
    (tmp_path / "bank").mkdir()
    bank = studied_bank(tmp_path / "bank")
    report = StatsService(bank, clock=lambda: STUDIED_NOW, zone=NEW_YORK).report("all",
                                                                                 lang=lang)
    target = tmp_path / f"stats-{lang}.html"
    target.write_text(page(report, lang), encoding="utf-8")
    source = target.read_text(encoding="utf-8")
    assert "break-inside: avoid" in source  # print: a chart is never split across pages
    kinds = [label(lang, f"kind_{k}") for k in KIND_COLOURS]
    for width in (1280, 390):
        seen = layout(target, tmp_path, width)
        charts = seen["charts"]
        assert isinstance(charts, list) and len(charts) >= 12
        for chart in charts:
            assert chart["title_shown"], chart
            assert not chart["outside"], chart  # no text beyond its chart's box
        reviews = next(c for c in charts if c["title"] == label(lang, "sec_reviews"))
        assert [entry.rsplit(" ", 1)[0] for entry in reviews["legend"]] == kinds
        assert seen["scroll_width"] <= seen["view_width"], seen  # no horizontal scroll
        assert screenshot(target, tmp_path, width).stat().st_size > 10_000
