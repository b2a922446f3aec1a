"""The report in parts (what the statistics screen draws as they come in): each section
reads only the part it is listed with, so drawn from that part alone it is exactly the
section of the whole report; a part with nothing counted is what the bank gives when it
has nothing to count; and the report is the same counted in one go or part by part."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.parts import PARTS, assemble
from dlquiz.stats.report import to_dict
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.ui.stats_text import HEADING_PART, SECTIONS, heading, sections

from .history import NEW_YORK
from .studied import NOW


def service(bank: Bank) -> StatsService:
    return StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                        settings=StudySettings(enable_fuzzing=False))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("period", ["1m", "all"])
def test_each_section_reads_only_its_part(studied: Bank, period: str, lang: str) -> None:
    stats = service(studied)
    plan = stats.plan(period, lang=lang)
    counted = {name: stats.part(plan, name) for name in PARTS}
    whole = assemble(plan, counted)
    assert {part for _, parts in SECTIONS.values() for part in parts} == set(PARTS)
    for key, (_, parts) in SECTIONS.items():
        alone = assemble(plan, {part: counted[part] for part in parts})
        [drawn] = sections(alone, lang, 80, [key])
        assert drawn == sections(whole, lang, 80, [key])[0], key
        for part in parts:  # and each part it is listed with shows in it
            others = assemble(plan, {name: v for name, v in counted.items() if name != part})
            [missing] = sections(others, lang, 80, [key])
            assert missing != drawn, f"{key} shows nothing from {part} here"
    calendar_only = assemble(plan, {HEADING_PART: counted[HEADING_PART]})
    assert heading(calendar_only, lang) == heading(whole, lang)


def test_in_parts_or_in_one_go_the_report_is_the_same(studied: Bank) -> None:
    stats = service(studied)
    plan = stats.plan("3m", None, "卷积", "en")
    in_parts = assemble(plan, {name: stats.part(plan, name) for name in PARTS})
    assert to_dict(in_parts) == to_dict(stats.report("3m", None, "卷积", "en"))


def test_nothing_counted_is_an_empty_bank(tmp_path: Path) -> None:
    bank = open_bank(f"sqlite:///{tmp_path / 'empty.db'}")
    stats = service(bank)
    for period in ("1m", "all"):
        plan = stats.plan(period)
        assert to_dict(assemble(plan, {})) == to_dict(stats.report(period))
