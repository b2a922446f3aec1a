"""How the statistics read at a glance: month labels on every month of the calendar, a
legend (names, totals, Anki's colours) on the stacked reviews chart, units over the axes,
the day-one order with empty sections on one line, topic rows with data only (weakest
first), and no line of `dlquiz stats` wider than COLUMNS in either language."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.text import Text
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.stats.report import StatsReport
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.database import Bank
from dlquiz.ui.charts import Series, columns, heatmap
from dlquiz.ui.palette import KIND_COLOURS

runner = CliRunner()
ZH_MONTHS = {m: str(m) for m in range(1, 13)}
EN_MONTHS = {m: n for m, n in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                          "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}


def test_every_month_of_the_calendar_is_labelled() -> None:
    # 2026-09-01 is a Tuesday: the weeks start on Monday 08-31. The 1st of October (a
    # Thursday) is in week 4, of November (a Sunday) in week 8, of December (a Tuesday)
    # in week 13: one cell a week, so the labels start in those cells.
    counts = [1] * 122  # 09-01 .. 12-31
    zh = heatmap(date(2026, 9, 1), counts, ["一", "二", "三", "四", "五", "六", "日"], ZH_MONTHS,
                 corner="月").plain.splitlines()[0]
    assert zh == "月 9   10  11   12"
    en = heatmap(date(2026, 9, 1), counts, ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
                 EN_MONTHS).plain.splitlines()[0]
    assert en == "   Sep Oct Nov  Dec"


def row_styles(chart: Text, row: int, column: int) -> list[str]:
    line = chart.split("\n")[row]
    return [str(s.style) for s in line.spans if s.start <= column < s.end]


def test_stacked_columns_colour_each_series_and_say_so_in_the_legend() -> None:
    # 2 + 2 = 4 on a count axis of two intervals: 4/2 = 2 a step, top 4, four rows of one
    # each: the lower two are the first series', the upper two the second's
    chart = columns([Series("新卡", [2.0], "#111111"), Series("学习", [2.0], "#222222")],
                    width=20, height=4, unit="次/天", whole=True)
    lines = chart.plain.splitlines()
    assert lines[0] == "次/天"
    assert lines[1].startswith("4 ┤") and lines[3].startswith("2 ┤")
    assert lines[5].startswith("0 └")
    column = lines[1].index("┤") + 1
    assert [row_styles(chart, r, column) for r in (1, 2, 3, 4)] == [
        ["#222222"], ["#222222"], ["#111111"], ["#111111"]]
    assert lines[-1] == "■ 新卡 2  ■ 学习 2"


def test_the_reviews_legend_has_the_json_totals_in_anki_colours(studied: Bank) -> None:
    data = stats(studied, "--json", "--period", "all")
    out = stats(studied, "--period", "all", "--lang", "en", columns=100)
    legend = next(line for line in out.splitlines() if line.startswith("■ new"))
    for kind in KIND_COLOURS:
        assert f"■ {kind} {sum(data['reviews'][kind])}" in legend
    # the same colours in the text (the legend's squares) and on the page (the bars)
    from dlquiz.ui.stats_html import page
    from dlquiz.ui.stats_text import sections

    report = report_of(studied)
    [(_, body)] = sections(report, "en", 100, ["sec_reviews"])
    line = next(part for part in body.split("\n") if part.plain.startswith("■ new"))
    squares = [str(span.style) for span in line.spans if line.plain[span.start] == "■"]
    assert squares == list(KIND_COLOURS.values())
    html = page(report, "en")
    for kind, colour in KIND_COLOURS.items():
        if sum(data["reviews"][kind]):
            assert f'fill="{colour}"' in html, kind


def report_of(bank: Bank) -> StatsReport:
    return StatsService(bank).report("all")


def stats(bank: Bank, *args: str, columns: int = 80) -> Any:
    result = runner.invoke(app, ["--db", bank.url, "stats", *args],
                           env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if "--json" in args else result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 120])
def test_no_line_is_wider_than_the_terminal(studied: Bank, lang: str, width: int) -> None:
    for period in ("1m", "all"):
        out = stats(studied, "--period", period, "--lang", lang, columns=width)
        wide = [line for line in out.splitlines() if cell_len(line) > width]
        assert not wide, wide
        assert len(out.splitlines()) > 100  # the whole report, not a refusal


def test_day_one_puts_what_helps_first_and_folds_what_is_empty(tmp_path: Path) -> None:
    db = tmp_path / "bank.db"
    notes = tmp_path / "mine.md"
    notes.write_text("# 卷积\n\n## 001 卷积是什么\n\n答案。\n", encoding="utf-8")
    assert runner.invoke(app, ["--db", str(db), "import", str(notes)]).exit_code == 0
    out = runner.invoke(app, ["--db", str(db), "stats", "--lang", "zh"],
                        env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    for title in ("常见错误", "主题", "计算题型", "复习间隔", "FSRS 校准", "模拟面试"):
        assert f"还没有数据：{title}" in lines, title
    assert "主题  卡片" not in out  # no table of topics nothing was rated in
    order = [lines.index(t) for t in ("今天", "还没有数据：常见错误", "还没有数据：主题",
                                      "还没有数据：计算题型", "还没有数据：未来到期",
                                      "还没有数据：复习间隔")]
    assert order == sorted(order)


def test_topics_list_the_rated_ones_weakest_first(studied: Bank) -> None:
    report = report_of(studied)
    from dlquiz.ui.stats_text import sections

    [(_, body)] = sections(report, "en", 80, ["sec_topics"])
    rows = body.plain.splitlines()[1:]
    rated = [t for t in report.topics if t.reviewed]
    assert len(rated) < len(report.topics)  # the fixture has topics never rated
    assert rows[-1] == f"{len(report.topics) - len(rated)} more topics not reviewed yet"
    shown = rows[:-1]
    assert len(shown) == len(rated)
    recalls = [float(line.split()[-2].rstrip("%")) for line in shown]
    assert recalls == sorted(recalls)
