"""The statistics page in a real browser: headless Chromium lays out every SVG chart with
a non-zero size, the page has no script and loads nothing from elsewhere, and its text
(printed to PDF) carries the section titles and the hand-made history's numbers."""

from __future__ import annotations

import re
from pathlib import Path

from dlquiz.stats.service import StatsService
from dlquiz.ui.stats_html import page

from ..unit.stats.history import NEW_YORK, NOW, build
from .browser import element_sizes, pdf_text, print_to_pdf, squash


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
