"""Study time is honest: an answer left open for an hour (as histories written before the
cap, or imported ones, may hold) counts for `max_answer_seconds` in the statistics, on
both backends; the raw value stays in the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.service import StatsService

from .history import NEW_YORK, NOW, build

LEFT_OPEN_MS = 3_432_673  # 57 minutes: a review left open over a break


@pytest.mark.parametrize(("cap", "seconds"), [
    (60, 8 + 60),  # H's 8 s Again as it is, its 13:10 Good capped at a minute
    (3600, 8 + LEFT_OPEN_MS / 1000),  # a cap above it leaves it alone
    (0, 0),  # a cap of 0 counts no time at all
])
def test_a_long_answer_counts_for_the_cap(tmp_path: Path, bank_url: str, cap: int,
                                          seconds: float) -> None:
    bank, _ = build(tmp_path, bank_url)
    with bank.write() as session:  # H's 13:10 rating (4 s in the history) left open
        session.execute(text("UPDATE review_logs SET duration_ms = :ms "
                             "WHERE duration_ms = 4000"), {"ms": LEFT_OPEN_MS})
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False, max_answer_seconds=cap))
    today = service.report("1m").today
    assert today.reviews == 2
    assert today.seconds == pytest.approx(seconds)
    with bank.read() as session:  # the log keeps what was measured
        assert session.execute(text("SELECT max(duration_ms) FROM review_logs")).scalar() \
            == LEFT_OPEN_MS
    bank.engine.dispose()


def test_the_setting_has_anki_s_default_and_bounds() -> None:
    assert StudySettings().max_answer_seconds == 60
    assert StudySettings(max_answer_seconds=3601).problems() == [
        "max_answer_seconds must be between 0 and 3600"]
    assert StudySettings(max_answer_seconds=-1).problems()
